using System.Globalization;

namespace GongOperator.GongSimulator;

/// <summary>Everything the simulator knows and decides, behind one lock: companies, limits, registrations, faults, the call list.</summary>
internal sealed class SimulatorState
{
    /// <summary>The call list keeps this many most recent calls, so a long-running simulator does not grow without bound.</summary>
    public const int MaxRecordedCalls = 10_000;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly SimulatorConflictMode _configuredMode;
    private readonly CompanyDirectory _companies;
    private readonly SimulatorFaults _faults = new();
    private readonly LinkedList<SimulatedCall> _calls = new();
    private readonly HashSet<long> _issuedIds = [];
    private long _sequence;
    private SimulatorConflictMode _defaultMode;

    public SimulatorState(GongSimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var invalid = options.Validate();
        if (invalid.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", invalid), nameof(options));
        }

        _time = options.TimeProvider;
        OAuth = new OAuthAuthority(options.TimeProvider, options.TokenLifetime);
        _configuredMode = options.ConflictMode;
        _defaultMode = options.ConflictMode;
        var companies = options.Companies.Count > 0 ? options.Companies : [SimulatedCompany.Demo];
        _companies = new CompanyDirectory(
            companies.Select(c => new CompanyState(c, c.RatePerSecond ?? options.RatePerSecond, c.DailyQuota ?? options.DailyQuota, options.RegistrationMode)),
            OAuth);

        if (options.Faults is not null)
        {
            InjectFaults(options.Faults);
        }
    }

    public TimeProvider Time => _time;

    /// <summary>The token endpoint and the access tokens it issued.</summary>
    public OAuthAuthority OAuth { get; }

    public IReadOnlyList<SimulatedCompany> Companies => _companies.All.Select(c => c.Config).ToList();

    public TimeSpan Latency
    {
        get
        {
            lock (_gate)
            {
                return _faults.Latency;
            }
        }
    }

    /// <summary>
    /// Decides the answer to one call of <c>POST /v2/integration-settings</c> and records it. <paramref name="arrivedAt"/>
    /// is when the request reached the server (before any simulated latency); <paramref name="unframed"/> says why its
    /// body had no Content-Length, when it had none.
    /// </summary>
    public GongOutcome Handle(string? authorization, ReadOnlyMemory<byte> body, DateTimeOffset arrivedAt, string? unframed, bool onCustomerHost)
    {
        var requestId = SimulatorIds.NewRequestId();
        var parsed = unframed is null ? RegistrationRequestParser.Parse(body) : ParsedRegistrationRequest.Empty;
        var (authKind, company, authError) = _companies.Authenticate(authorization, onCustomerHost);

        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var overRate = company?.CountArrival(arrivedAt) ?? false;
            var call = new CallBuilder(this, now, requestId, authKind, company?.Name, parsed.Items, overRate);

            // A gateway in front of the API refuses a body without a length before anything else sees the call.
            if (unframed is not null)
            {
                return call.Json(411, errors: [unframed]);
            }

            if (_faults.StormRetryAfter(now) is { } stormRetryAfter)
            {
                return call.Json(429, retryAfter: stormRetryAfter, fault: "storm", errors: ["API limit exceeded (simulated 429 storm)"]);
            }

            if (_faults.TakeReset())
            {
                return call.Finish(GongOutcomeKind.Reset, 0, null, null, [], "reset");
            }

            if (_faults.TakeFail())
            {
                return call.Json(500, fault: "fail", errors: ["unexpected error (simulated fault)"]);
            }

            if (company is null)
            {
                return call.Json(401, errors: [authError!]);
            }

            if (company.RateLimitedUntil(now) is { } rateUntil)
            {
                return call.Json(429, retryAfter: SecondsUntil(now, rateUntil),
                    errors: [string.Create(CultureInfo.InvariantCulture, $"API limit exceeded: at most {company.RatePerSecond} calls a second for this company")]);
            }

            if (company.QuotaSpentUntil(now) is { } quotaUntil)
            {
                return call.Json(429, retryAfter: SecondsUntil(now, quotaUntil), fault: company.ExhaustedUntil is null ? null : "quotaExhausted",
                    errors: [string.Create(CultureInfo.InvariantCulture, $"API daily quota of {company.DailyQuota} calls exhausted for this company; it resets at {quotaUntil:yyyy-MM-ddTHH:mm:ssZ}")]);
            }

            company.Count(now);

            if (parsed.Errors.Count > 0)
            {
                return call.Json(400, errors: parsed.Errors);
            }

            if (company.Config.PartnerDomain is { } domain)
            {
                var outside = parsed.Valid
                    .Where(v => !OriginValidator.IsUnder(v.Origin.Host, domain))
                    .Select(v => $"{RegistrationRequestParser.SettingsProperty}[{v.Index}].allowedOrigin '{v.AllowedOrigin}' is not under the domain '{domain}' registered for this integration")
                    .ToList();
                if (outside.Count > 0)
                {
                    return call.Json(400, errors: outside);
                }
            }

            if (company.RegistrationMode == SimulatorRegistrationMode.Replace)
            {
                // The call sets the list: nothing is "already registered", so the conflict mode does not apply.
                var listId = NextIntegrationId();
                company.Replace(parsed.Valid.Select(v => (v.Origin.Key, new SimulatedRegistration(company.Name, v.IntegrationType, v.AllowedOrigin, listId, requestId, now))));
                return Succeed(call, listId);
            }

            if ((company.ConflictModeOverride ?? _defaultMode) == SimulatorConflictMode.Conflict)
            {
                var conflicts = parsed.Valid
                    .Where(v => company.TryGetRegistration(v.IntegrationType, v.Origin.Key, out _))
                    .Select(v => $"{RegistrationRequestParser.SettingsProperty}[{v.Index}]: {v.IntegrationType} {v.AllowedOrigin} is already registered for this company")
                    .ToList();
                if (conflicts.Count > 0)
                {
                    return call.Json(409, errors: conflicts);
                }
            }

            var integrationId = NextIntegrationId();
            foreach (var item in parsed.Valid)
            {
                if (!company.TryGetRegistration(item.IntegrationType, item.Origin.Key, out _))
                {
                    company.Add(item.Origin.Key, new SimulatedRegistration(company.Name, item.IntegrationType, item.AllowedOrigin, integrationId, requestId, now));
                }
            }

            return Succeed(call, integrationId);
        }
    }

    public SimulatorFaultState GetFaults()
    {
        lock (_gate)
        {
            return _faults.Snapshot(_time.GetUtcNow(), _companies);
        }
    }

    /// <summary>Sets each fault the spec names; throws <see cref="ArgumentException"/> (changing nothing) when a value is out of range.</summary>
    public SimulatorFaultState InjectFaults(SimulatorFaultSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = spec.Validate(_companies.Names);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(spec));
        }

        lock (_gate)
        {
            _faults.Apply(spec, _time.GetUtcNow(), _companies);
        }

        return GetFaults();
    }

    public SimulatorFaultState ClearFaults()
    {
        lock (_gate)
        {
            _faults.Clear(_companies);
        }

        return GetFaults();
    }

    /// <summary>Sets the answer to an origin already registered, for every company (null) or one.</summary>
    public void SetConflictMode(SimulatorConflictMode mode, string? company)
    {
        lock (_gate)
        {
            if (company is null)
            {
                _defaultMode = mode;
                foreach (var c in _companies.All)
                {
                    c.ConflictModeOverride = null;
                }

                return;
            }

            _companies.Find(company).ConflictModeOverride = mode;
        }
    }

    /// <summary>Sets whether a POST adds to or replaces the list, for every company (null) or one.</summary>
    public void SetRegistrationMode(SimulatorRegistrationMode mode, string? company)
    {
        lock (_gate)
        {
            foreach (var c in _companies.AllOr(company))
            {
                c.RegistrationMode = mode;
            }
        }
    }

    public IReadOnlyList<SimulatedCompanyStatus> GetCompanies()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            return _companies.All.Select(c =>
            {
                var spent = c.QuotaSpentUntil(now);
                return new SimulatedCompanyStatus(
                    c.Name,
                    c.Config.AccessKey,
                    c.Config.BearerTokens.Count,
                    c.Config.PartnerDomain,
                    c.RatePerSecond,
                    c.DailyQuota,
                    c.UsedToday,
                    CompanyState.NextQuotaWindow(now),
                    spent is not null,
                    c.ConflictModeOverride ?? _defaultMode,
                    c.Registrations.Count,
                    c.RegistrationMode,
                    c.Arrivals,
                    c.OverRateArrivals,
                    c.PeakArrivalsInOneSecond);
            }).ToList();
        }
    }

    public IReadOnlyList<SimulatedCall> GetCalls()
    {
        lock (_gate)
        {
            return _calls.ToList();
        }
    }

    public void ClearCalls()
    {
        lock (_gate)
        {
            _calls.Clear();
        }
    }

    public IReadOnlyList<SimulatedRegistration> GetRegistrations(string? company)
    {
        lock (_gate)
        {
            return _companies.AllOr(company).SelectMany(c => c.Registrations).ToList();
        }
    }

    public void ClearRegistrations(string? company)
    {
        lock (_gate)
        {
            foreach (var c in _companies.AllOr(company))
            {
                c.ClearRegistrations();
            }
        }
    }

    /// <summary>Back to the state at start with no faults: no calls, no registrations, no usage, the configured conflict modes.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _faults.Clear(_companies);
            _calls.Clear();
            _sequence = 0;
            _defaultMode = _configuredMode;
            foreach (var c in _companies.All)
            {
                c.Reset();
            }
        }
    }

    public bool HasCompany(string name) => _companies.Has(name);

    private static int SecondsUntil(DateTimeOffset now, DateTimeOffset until) =>
        Math.Max(1, (int)Math.Ceiling((until - now).TotalSeconds));

    private long NextIntegrationId()
    {
        if (_faults.TryTakeIntegrationId(out var pinned))
        {
            _issuedIds.Add(pinned);
            return pinned;
        }

        long id;
        do
        {
            id = SimulatorIds.NewIntegrationId();
        }
        while (!_issuedIds.Add(id));
        return id;
    }

    /// <summary>
    /// A 200 for a call that registered: the documented body, or one that is not JSON while <c>malformedNext</c> (an HTML
    /// page) or <c>truncatedNext</c> (the JSON cut short) lasts.
    /// </summary>
    private GongOutcome Succeed(CallBuilder call, long integrationId)
    {
        if (_faults.TakeMalformed())
        {
            return call.Finish(GongOutcomeKind.Malformed, 200, integrationId, null, [], "malformed");
        }

        if (_faults.TakeTruncated())
        {
            return call.Finish(GongOutcomeKind.Truncated, 200, integrationId, null, [], "truncated");
        }

        return call.Finish(GongOutcomeKind.Json, 200, integrationId, null, [], null);
    }

    private void Record(SimulatedCall call)
    {
        _calls.AddLast(call);
        while (_calls.Count > MaxRecordedCalls)
        {
            _calls.RemoveFirst();
        }
    }

    /// <summary>Collects one call's facts so each exit of <see cref="Handle"/> records it the same way.</summary>
    private readonly struct CallBuilder(SimulatorState state, DateTimeOffset now, string requestId, SimulatedAuthKind authKind, string? company, IReadOnlyList<SimulatedSetting> items, bool overRate)
    {
        public GongOutcome Json(int status, IReadOnlyList<string> errors, int? retryAfter = null, string? fault = null) =>
            Finish(GongOutcomeKind.Json, status, null, retryAfter, errors, fault);

        public GongOutcome Finish(GongOutcomeKind kind, int status, long? integrationId, int? retryAfter, IReadOnlyList<string> errors, string? fault)
        {
            var call = new SimulatedCall(++state._sequence, now, company, authKind, items, status, requestId, integrationId, retryAfter, errors, fault, overRate);
            state.Record(call);
            return new GongOutcome(kind, call);
        }
    }
}
