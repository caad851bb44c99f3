using Microsoft.Extensions.Logging;

namespace GongOperator.GongSimulator;

/// <summary>How to start a <see cref="GongSimulator"/>.</summary>
public sealed class GongSimulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one (read it back from <see cref="GongSimulator.BaseAddress"/>).</summary>
    public int Port { get; init; }

    /// <summary>The companies served; when empty, the demo company (<see cref="SimulatedCompany.Demo"/>) alone.</summary>
    public IReadOnlyList<SimulatedCompany> Companies { get; init; } = [];

    /// <summary>Calls a second per company (Gong's default: 3), unless the company sets its own.</summary>
    public int RatePerSecond { get; init; } = 3;

    /// <summary>Calls per UTC day per company (Gong's default: 10,000), unless the company sets its own.</summary>
    public long DailyQuota { get; init; } = 10_000;

    /// <summary>The answer to an origin already registered, unless the company sets its own.</summary>
    public SimulatorConflictMode ConflictMode { get; init; } = SimulatorConflictMode.Conflict;

    /// <summary>Faults in force from the start (as if posted to <c>/_simulator/faults</c> once serving).</summary>
    public SimulatorFaultSpec? Faults { get; init; }

    /// <summary>The clock of the rate limits, quota windows, storms and latency; a FakeTimeProvider makes them testable.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the simulator logs each call; none when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Called after each call to the Gong endpoint has been answered (from the server's threads).</summary>
    public Action<SimulatedCall>? OnCall { get; init; }
}
