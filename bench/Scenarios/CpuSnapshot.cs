using System.Diagnostics;
using GongOperator.Bench.Hosting;

namespace GongOperator.Bench.Scenarios;

/// <summary>CPU seconds of each process of a run at one moment, so a phase's share of the work can be told apart.</summary>
internal readonly record struct CpuSnapshot(double Operator, double ApiServer, double Simulator, double Bench)
{
    public static CpuSnapshot Take(RunContext run)
    {
        using var self = Process.GetCurrentProcess();
        return new CpuSnapshot(
            run.RunningOperator.Read().CpuSeconds,
            ProcessReading.Of(run.ApiServer.Pid).CpuSeconds,
            ProcessReading.Of(run.Simulator.Pid).CpuSeconds,
            self.TotalProcessorTime.TotalSeconds);
    }

    public static CpuSnapshot operator -(CpuSnapshot after, CpuSnapshot before) =>
        new(after.Operator - before.Operator, after.ApiServer - before.ApiServer, after.Simulator - before.Simulator, after.Bench - before.Bench);

    public CpuSnapshot Subtract(CpuSnapshot other) => this - other;
}
