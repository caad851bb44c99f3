using GongOperator.Bench.Cli;
using GongOperator.Bench.Scenarios;

namespace GongOperator.Bench;

/// <summary>The bench's entry point, callable in-process by the smoke test.</summary>
internal static class BenchProgram
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = BenchCommand.Create((options, ct) => BenchRunner.RunAsync(options, stdout, stderr, ct), stderr);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            await stderr.WriteLineAsync($"gong-operator-bench: {parse.Errors[0].Message} (see --help)").ConfigureAwait(false);
            return BenchCommand.UsageError;
        }

        return await parse.InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = stdout, Error = stderr }).ConfigureAwait(false);
    }
}
