namespace GongOperator.Bench.Gong;

/// <summary>Counts calls a company made while a 429's Retry-After still held it closed, from the simulator's call list.</summary>
internal static class RetryAfterAudit
{
    /// <summary>
    /// Calls answered before <c>time + Retry-After</c> of an earlier 429 to the same company. Times are when the
    /// simulator answered; a call answered before the window ended was also sent before it ended.
    /// </summary>
    public static int CallsInsideRetryAfter(IEnumerable<SimulatorCallRecord> calls)
    {
        var closedUntil = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var inside = 0;
        foreach (var call in calls.OrderBy(c => c.Sequence))
        {
            var company = call.Company ?? "";
            if (closedUntil.TryGetValue(company, out var until) && call.Time < until)
            {
                inside++;
            }

            if (call.Status == 429 && call.RetryAfterSeconds is { } seconds)
            {
                var end = call.Time.AddSeconds(seconds);
                closedUntil[company] = closedUntil.TryGetValue(company, out var previous) && previous > end ? previous : end;
            }
        }

        return inside;
    }
}
