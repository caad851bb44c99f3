namespace GongOperator.GongSimulator;

/// <summary>Faults to inject (the body of <c>POST /_simulator/faults</c>): each field given sets that fault, fields left out keep theirs.</summary>
public sealed record SimulatorFaultSpec
{
    /// <summary>Delay before every answer of the Gong endpoint, in milliseconds; 0 removes it.</summary>
    public int? LatencyMs { get; init; }

    /// <summary>The next N calls answer 500 (nothing registered).</summary>
    public int? FailNext { get; init; }

    /// <summary>The next N calls get their connection aborted with no answer (nothing registered).</summary>
    public int? ResetNext { get; init; }

    /// <summary>The next N calls that would answer 200 register as usual but answer 200 with an HTML page (a proxy's), not JSON.</summary>
    public int? MalformedNext { get; init; }

    /// <summary>The next N calls that would answer 200 register as usual but answer 200 with the JSON body cut off halfway.</summary>
    public int? TruncatedNext { get; init; }

    /// <summary>Start a 429 storm now lasting this many seconds: every call answers 429; 0 ends a storm.</summary>
    public int? StormSeconds { get; init; }

    /// <summary>The Retry-After, in seconds, the storm's 429s carry (default 5).</summary>
    public int? StormRetryAfterSeconds { get; init; }

    /// <summary>Companies whose daily quota is spent until the next quota window (00:00 UTC).</summary>
    public IReadOnlyList<string>? ExhaustQuota { get; init; }

    /// <summary>integrationIds to answer, in order, before going back to random ones (for exact-ID tests).</summary>
    public IReadOnlyList<long>? NextIntegrationIds { get; init; }

    /// <summary>Every value out of range, one sentence each, given the names of the companies served.</summary>
    internal List<string> Validate(IEnumerable<string> companies)
    {
        var errors = new List<string>();
        NonNegative(LatencyMs, "latencyMs", errors);
        NonNegative(FailNext, "failNext", errors);
        NonNegative(ResetNext, "resetNext", errors);
        NonNegative(MalformedNext, "malformedNext", errors);
        NonNegative(TruncatedNext, "truncatedNext", errors);
        NonNegative(StormSeconds, "stormSeconds", errors);
        if (StormRetryAfterSeconds is < 1)
        {
            errors.Add("stormRetryAfterSeconds must be at least 1");
        }

        var known = companies.ToHashSet(StringComparer.Ordinal);
        foreach (var name in ExhaustQuota ?? [])
        {
            if (!known.Contains(name))
            {
                errors.Add($"exhaustQuota names '{name}', which is not a configured company");
            }
        }

        foreach (var id in NextIntegrationIds ?? [])
        {
            if (id <= 0)
            {
                errors.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"nextIntegrationIds holds {id}; an integrationId is a positive int64"));
            }
        }

        return errors;
    }

    private static void NonNegative(int? value, string name, List<string> errors)
    {
        if (value is < 0)
        {
            errors.Add($"{name} must not be negative");
        }
    }
}
