namespace GongOperator.Bench.Gong;

/// <summary>One entry of the simulator's <c>GET /_simulator/calls</c>: the fields the bench's figures use.</summary>
internal sealed record SimulatorCallRecord(long Sequence, DateTimeOffset Time, string? Company, int Status, int? RetryAfterSeconds, string? Fault);
