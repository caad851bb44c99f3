using System.Net.Http.Json;
using System.Text.Json;

namespace GongOperator.Bench.Gong;

/// <summary>The simulator's admin API (<c>/_simulator</c>): its call list, fault injection and reset.</summary>
internal sealed class SimulatorAdmin(HttpClient http, Uri baseAddress)
{
    /// <summary>The simulator keeps the last 10,000 calls: a phase that made more cannot be counted from the list.</summary>
    public const int CallListCapacity = 10_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Uri BaseAddress => baseAddress;

    public async Task<IReadOnlyList<SimulatorCallRecord>> GetCallsAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<List<SimulatorCallRecord>>(new Uri(baseAddress, "_simulator/calls"), Json, cancellationToken).ConfigureAwait(false) ?? [];

    public async Task ClearCallsAsync(CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync(new Uri(baseAddress, "_simulator/calls"), cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every call answers 429 with <paramref name="retryAfterSeconds"/> for <paramref name="seconds"/> from now.</summary>
    public async Task StartStormAsync(int seconds, int retryAfterSeconds, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri(baseAddress, "_simulator/faults"), new { stormSeconds = seconds, stormRetryAfterSeconds = retryAfterSeconds }, Json, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Back to the start: no calls, registrations, usage or faults.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(new Uri(baseAddress, "_simulator/reset"), null, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }
}
