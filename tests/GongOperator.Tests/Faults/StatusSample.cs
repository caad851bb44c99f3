namespace GongOperator.Tests.Faults;

/// <summary>One version of an origin's status as a watch delivered it, with the time it was seen.</summary>
internal sealed record StatusSample(DateTimeOffset Seen, string Name, long Generation, long ObservedGeneration, string? Reason, bool Ready, string? IntegrationId, string? RegisteredOrigin);
