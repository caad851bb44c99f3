using System.Text.Json;
using System.Text.RegularExpressions;

namespace GongOperator.Testing.Strict;

/// <summary>
/// A Gong stand-in written from Gong's public pages for <c>POST /v2/integration-settings</c> and its OAuth token
/// endpoint, independent of the simulator (which shares our assumptions): raw HTTP off a TcpListener
/// (<see cref="StrictHttpServer"/>), each request held to what a strict gateway in front of an API demands. A chunked
/// body or a missing Content-Length gets 411 and a closed connection; a missing or wrong Content-Type, Accept,
/// User-Agent (gong-operator/VERSION), Host or Authorization, or a body that is not the documented shape, gets an
/// error; each is recorded as a violation. Per company (per Authorization value; per customer for the access tokens
/// <see cref="OAuth"/> issued) it counts arrivals beyond <see cref="RatePerSecond"/> in any sliding second and answers
/// them 429, as Gong would. Each arrival is stamped after a random delay of up to <see cref="MaxArrivalDelay"/>, as a
/// network delays calls unevenly: a client that paces exactly at the limit shows up here as over the rate.
/// <para>
/// Two hosts: <see cref="BaseUrl"/> (app.gong.io and api.gong.io in one: the token endpoint, and the API for access
/// keys and static tokens) and <see cref="CustomerBaseUrl"/>, the company's own API host the token endpoint names in
/// <c>api_base_url_for_customer</c>. An access token <see cref="OAuth"/> issued is honoured there only, until it
/// expires on the stand-in's clock; elsewhere, expired, or never issued, it gets 401 and a violation. A token the
/// customer revoked (<see cref="StrictGongOAuth.Forget"/>) gets 401 without one: the client could not have known.
/// </para>
/// </summary>
public sealed partial class StrictGong : IAsyncDisposable
{
    private const string EndpointPath = "/v2/integration-settings";
    private static readonly string[] IntegrationTypes = ["EMAIL_COMPOSER", "ACCOUNT_PAGES", "DIALER"];

    private readonly Lock _gate = new();
    private readonly List<StrictGongRequest> _requests = [];
    private readonly Dictionary<string, Queue<TimeSpan>> _arrivalsByCompany = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly long _startedAt;
    private readonly StrictHttpServer _app;
    private readonly StrictHttpServer _customer;
    private long _nextIntegrationId = 5517027188234205706;
    private int _overRateArrivals;

    private StrictGong(int ratePerSecond, TimeSpan maxArrivalDelay, TimeProvider time)
    {
        RatePerSecond = ratePerSecond;
        MaxArrivalDelay = maxArrivalDelay;
        _time = time;
        _startedAt = time.GetTimestamp();
        _customer = new StrictHttpServer((request, ct) => ServeApiAsync(request, onCustomerHost: true, ct), Record);
        OAuth = new StrictGongOAuth(time, () => _customer.BaseUrl);
        _app = new StrictHttpServer(
            (request, ct) => request.Path == StrictGongOAuth.TokenPath ? OAuth.ServeAsync(request, ct) : ServeApiAsync(request, onCustomerHost: false, ct),
            Record);
    }

    /// <summary>The base URL to give a Gong client (api.gong.io), which also serves the token endpoint (app.gong.io).</summary>
    public Uri BaseUrl => _app.BaseUrl;

    /// <summary>The company's own API host, named in <c>api_base_url_for_customer</c>: the only host OAuth access tokens work on.</summary>
    public Uri CustomerBaseUrl => _customer.BaseUrl;

    /// <summary>The token endpoint's URL, to give the operator as <c>--gong-oauth-token-url</c>.</summary>
    public Uri TokenUrl => new(BaseUrl, StrictGongOAuth.TokenPath.TrimStart('/'));

    /// <summary>The token endpoint: apps, customers' authorizations, and the tokens it issued.</summary>
    public StrictGongOAuth OAuth { get; }

    /// <summary>Gong's documented default is 3 a second per company.</summary>
    public int RatePerSecond { get; }

    /// <summary>Each arrival is seen up to this much later than it was read off the socket (uniformly at random, on the stand-in's clock).</summary>
    public TimeSpan MaxArrivalDelay { get; }

    /// <summary>Decides the answer to an API request that met every rule and the rate (null: the documented 200).</summary>
    public Func<StrictGongRequest, CancellationToken, Task<StrictGongAnswer?>>? Answer { get; set; }

    /// <summary>Every request received on either host, in arrival order.</summary>
    public IReadOnlyList<StrictGongRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>The requests to the token endpoint.</summary>
    public IReadOnlyList<StrictGongRequest> TokenRequests => Requests.Where(r => r.Path == StrictGongOAuth.TokenPath).ToList();

    /// <summary>The requests to the API (either host).</summary>
    public IReadOnlyList<StrictGongRequest> ApiRequests => Requests.Where(r => r.Path != StrictGongOAuth.TokenPath).ToList();

    /// <summary>Every wire rule broken by any request so far, one line each (over-rate arrivals included).</summary>
    public IReadOnlyList<string> Violations => Requests.SelectMany(r => r.Violations.Select(v => r.RequestLine + ": " + v)).ToList();

    /// <summary>Arrivals that made more than <see cref="RatePerSecond"/> in one sliding second for their company.</summary>
    public int OverRateArrivals
    {
        get
        {
            lock (_gate)
            {
                return _overRateArrivals;
            }
        }
    }

    /// <param name="ratePerSecond">Calls per company in any sliding second before 429.</param>
    /// <param name="maxArrivalDelay">Up to how long each API arrival is delayed (default 40 ms).</param>
    /// <param name="time">The stand-in's clock, for arrivals and token lifetimes (default the system clock; give the client's fake one).</param>
    public static StrictGong Start(int ratePerSecond = 3, TimeSpan? maxArrivalDelay = null, TimeProvider? time = null) =>
        new(ratePerSecond, maxArrivalDelay ?? TimeSpan.FromMilliseconds(40), time ?? TimeProvider.System);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _customer.DisposeAsync();
    }

    private void Record(StrictGongRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    /// <summary>Answers one API request: the wire rules, the bearer token, the rate, then <see cref="Answer"/> or the documented 200.</summary>
    private async Task<(StrictGongRequest Recorded, StrictGongAnswer Answer)> ServeApiAsync(StrictGongRequest request, bool onCustomerHost, CancellationToken cancellationToken)
    {
        if (MaxArrivalDelay > TimeSpan.Zero)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * MaxArrivalDelay.TotalMilliseconds), _time, cancellationToken);
        }

        var violations = new List<string>();
        var errorStatus = CheckRules(request, violations);
        var (company, refusal) = Authenticate(request, onCustomerHost, violations);
        var arrived = request with { Company = company, ArrivedAt = _time.GetElapsedTime(_startedAt) };

        StrictGongAnswer? answer = null;
        if (company is not null && IsOverRate(company, arrived.ArrivedAt, out var inOneSecond))
        {
            violations.Add($"over the rate: {inOneSecond} calls of this company in one second (at most {RatePerSecond})");
            answer = StrictGongAnswer.Json(429, $$"""{"requestId":"{{NextRequestId()}}","errors":["API limit exceeded"]}""", retryAfterSeconds: 1);
        }
        else if (errorStatus is { } status)
        {
            var errors = JsonSerializer.Serialize(violations);
            answer = StrictGongAnswer.Json(status, $$"""{"requestId":"{{NextRequestId()}}","errors":{{errors}}}""");
        }
        else if (refusal is not null)
        {
            answer = StrictGongAnswer.Json(401, $$"""{"requestId":"{{NextRequestId()}}","errors":{{JsonSerializer.Serialize(new[] { refusal })}}}""");
        }

        if (answer is null && Answer is { } decide)
        {
            answer = await decide(arrived, cancellationToken);
        }

        answer ??= StrictGongAnswer.Json(200, $$$"""{"requestId":"{{{NextRequestId()}}}","integrationId":{{{Interlocked.Increment(ref _nextIntegrationId)}}},"aFieldAddedLater":{"x":[1,2]}}""");
        return (arrived with { Violations = violations }, answer);
    }

    /// <summary>
    /// The company a request's rate counts for, and why its bearer token is refused (null: not refused). An access token
    /// the token endpoint issued counts for its customer and is honoured on the customer's host only, until it expires.
    /// </summary>
    private (string? Company, string? Refusal) Authenticate(StrictGongRequest request, bool onCustomerHost, List<string> violations)
    {
        var authorization = request.Header("Authorization");
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return (authorization, null);
        }

        var (customer, refusal, clientAtFault) = OAuth.Check(authorization["Bearer ".Length..]);
        if (customer is null)
        {
            // Not one of the token endpoint's: a static token on the shared host, a stale or made-up one on a customer's.
            if (!onCustomerHost)
            {
                return (authorization, null);
            }

            violations.Add("a Bearer token the token endpoint never issued, on the customer's API host");
            return (authorization, "access denied: not a valid access token");
        }

        if (!onCustomerHost)
        {
            violations.Add("an OAuth access token sent to a host other than its api_base_url_for_customer");
            return ("oauth:" + customer, "access denied: this access token is valid on the company's own API host only");
        }

        if (refusal is not null && clientAtFault)
        {
            violations.Add("an OAuth access token used after its expires_in: " + refusal);
        }

        return ("oauth:" + customer, refusal);
    }

    /// <summary>Adds every rule the request breaks; returns the status a strict server answers for the first, or null.</summary>
    private static int? CheckRules(StrictGongRequest request, List<string> violations)
    {
        int? status = null;
        void Break(int code, string rule)
        {
            status ??= code;
            violations.Add(rule);
        }

        var parts = request.RequestLine.Split(' ');
        if (parts.Length != 3 || parts[0] != "POST" || parts[1] != EndpointPath || parts[2] != "HTTP/1.1")
        {
            Break(404, $"request line '{request.RequestLine}' is not POST {EndpointPath} HTTP/1.1");
        }

        if (request.ValuesOf("Host").Count != 1)
        {
            Break(400, "no single Host header");
        }

        if (request.Header("Authorization") is not { } auth || !(auth.StartsWith("Basic ", StringComparison.Ordinal) || auth.StartsWith("Bearer ", StringComparison.Ordinal)))
        {
            Break(401, "no Basic or Bearer Authorization");
        }

        var contentType = request.ValuesOf("Content-Type");
        if (contentType.Count != 1 || !string.Equals(contentType[0].Split(';')[0].Trim(), "application/json", StringComparison.OrdinalIgnoreCase))
        {
            Break(415, $"Content-Type is '{string.Join(", ", contentType)}', not application/json");
        }

        var accept = request.ValuesOf("Accept").SelectMany(v => v.Split(',')).Select(v => v.Split(';')[0].Trim());
        if (!accept.Contains("application/json", StringComparer.OrdinalIgnoreCase))
        {
            Break(406, "Accept does not name application/json");
        }

        var userAgent = request.ValuesOf("User-Agent");
        if (userAgent.Count != 1 || !UserAgentPattern().IsMatch(userAgent[0]))
        {
            Break(400, $"User-Agent '{string.Join(", ", userAgent)}' does not name gong-operator and its version");
        }

        if (BodyProblem(request.Body) is { } problem)
        {
            Break(400, problem);
        }

        return status;
    }

    /// <summary>The documented body: {"integrationTypeSettings":[{"integrationType":"DIALER","allowedOrigin":"https://..."}]}.</summary>
    private static string? BodyProblem(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("integrationTypeSettings", out var settings)
                || settings.ValueKind != JsonValueKind.Array)
            {
                return "the body is not an object with an integrationTypeSettings array";
            }

            foreach (var setting in settings.EnumerateArray())
            {
                if (setting.ValueKind != JsonValueKind.Object
                    || !setting.TryGetProperty("integrationType", out var type) || type.ValueKind != JsonValueKind.String
                    || !IntegrationTypes.Contains(type.GetString())
                    || !setting.TryGetProperty("allowedOrigin", out var origin) || origin.ValueKind != JsonValueKind.String)
                {
                    return $"an integrationTypeSettings item is not {{integrationType, allowedOrigin}}: {setting.GetRawText()}";
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return "the body is not JSON";
        }
    }

    /// <summary>Counts this arrival in its company's sliding second; true when that second now holds more than the rate.</summary>
    private bool IsOverRate(string company, TimeSpan at, out int inOneSecond)
    {
        lock (_gate)
        {
            if (!_arrivalsByCompany.TryGetValue(company, out var recent))
            {
                _arrivalsByCompany[company] = recent = new Queue<TimeSpan>();
            }

            while (recent.Count > 0 && recent.Peek() <= at - TimeSpan.FromSeconds(1))
            {
                recent.Dequeue();
            }

            recent.Enqueue(at);
            inOneSecond = recent.Count;
            if (inOneSecond > RatePerSecond)
            {
                _overRateArrivals++;
                return true;
            }

            return false;
        }
    }

    private static string NextRequestId() => "strict" + Guid.NewGuid().ToString("N")[..12];

    [GeneratedRegex(@"^gong-operator/[0-9]+\.[0-9]+\.[0-9]+\S*( .*)?$")]
    private static partial Regex UserAgentPattern();
}
