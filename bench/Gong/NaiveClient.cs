using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using GongOperator.Bench.Hosting;
using GongOperator.Bench.Kube;

namespace GongOperator.Bench.Gong;

/// <summary>
/// The baseline the quota figures are compared with: what an operator does that reconciles each origin with its own
/// POST and has no registered-already check. It is polite (a 429 puts the origin back after its Retry-After, other
/// origins go on) but knows nothing of batches, of the company's budget, or of what is already registered.
/// </summary>
internal sealed class NaiveClient(HttpClient http, Uri gong, IReadOnlyList<BenchCompany> companies, int workers)
{
    private static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(1);

    /// <summary>Registers origins 0..count-1 of <paramref name="prefix"/>, one POST per origin per attempt.</summary>
    public async Task<NaiveResult> RunAsync(string prefix, int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var queue = Channel.CreateUnbounded<int>();
        for (var i = 0; i < count; i++)
        {
            queue.Writer.TryWrite(i);
        }

        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        var doneAt = new double[count];
        long calls = 0, rateLimited = 0;
        var remaining = count;
        var endpoint = new Uri(gong, "v2/integration-settings");

        async Task WorkAsync()
        {
            await foreach (var index in queue.Reader.ReadAllAsync(bound.Token).ConfigureAwait(false))
            {
                var (status, retryAfter) = await PostAsync(endpoint, prefix, index, bound.Token).ConfigureAwait(false);
                Interlocked.Increment(ref calls);
                if (status is HttpStatusCode.OK or HttpStatusCode.Conflict)
                {
                    doneAt[index] = Stopwatch.GetElapsedTime(started).TotalSeconds;
                    if (Interlocked.Decrement(ref remaining) == 0)
                    {
                        queue.Writer.TryComplete();
                    }

                    continue;
                }

                if (status == HttpStatusCode.TooManyRequests)
                {
                    Interlocked.Increment(ref rateLimited);
                }

                _ = RequeueAsync(queue.Writer, index, retryAfter ?? FailureBackoff, bound.Token);
            }
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(WorkAsync, bound.Token))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BenchFailedException($"the naive baseline did not get {count} origins accepted within {timeout.TotalSeconds:0} s ({remaining} left)");
        }

        Array.Sort(doneAt);
        return new NaiveResult(Stopwatch.GetElapsedTime(started).TotalSeconds, calls, rateLimited, doneAt);
    }

    private static async Task RequeueAsync(ChannelWriter<int> queue, int index, TimeSpan after, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(after, cancellationToken).ConfigureAwait(false);
            queue.TryWrite(index);
        }
        catch (OperationCanceledException)
        {
            // The run ended (or timed out): nothing to put back.
        }
    }

    private async Task<(HttpStatusCode Status, TimeSpan? RetryAfter)> PostAsync(Uri endpoint, string prefix, int index, CancellationToken cancellationToken)
    {
        var company = BenchCompany.For(companies, index);
        var body = $$"""{"integrationTypeSettings":[{"integrationType":"DIALER","allowedOrigin":"{{Fleet.AllowedOrigin(prefix, index)}}"}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{company.AccessKey}:{company.AccessKeySecret}")));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return (response.StatusCode, response.Headers.RetryAfter?.Delta);
    }
}
