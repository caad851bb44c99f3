using System.CommandLine;
using System.CommandLine.Parsing;
using GongOperator.Bench.Hosting;

namespace GongOperator.Bench.Cli;

/// <summary>The bench's command line: every knob has a default that measures the development size (N=1000, M=10).</summary>
internal static class BenchCommand
{
    /// <summary>Exit code when an invariant of the report fails (restart calls, calls inside Retry-After).</summary>
    public const int InvariantFailed = 1;

    /// <summary>Exit code for a bad flag.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code when a scenario could not finish (a process did not start, origins not Ready in time).</summary>
    public const int RunFailed = 3;

    public static RootCommand Create(Func<BenchOptions, CancellationToken, Task<int>> run, TextWriter stderr)
    {
        var origins = Positive("--origins", "Origins created at once in the burst (N).", 1000);
        var companies = Positive("--companies", "Gong companies the origins are spread over (M).", 10);
        var runs = Positive("--runs", "Repetitions on fresh processes; the report gives min/median/max.", 1);
        var latency = Positive("--latency-samples", "Single origins applied one after another for apply→Ready p50/p99.", 100);
        var rate = Positive("--rate-per-second", "Calls a second per company the simulator enforces.", 3);
        var batch = Positive("--batch-size", "The operator's --gong-batch-size.", 100);
        var workers = Positive("--workers", "The operator's --workers, and the naive baseline's concurrency.", 4);
        var createConcurrency = Positive("--create-concurrency", "Create requests in flight while applying the burst.", 8);
        var stormSeconds = Positive("--storm-seconds", "Length of the 429 storm.", 3);
        var stormRetryAfter = Positive("--storm-retry-after", "Retry-After of the storm's 429s, in seconds.", 2);
        var writes = Positive("--writes", "ConfigMaps written at N to measure the API server's write throughput.", 500);
        var idleSettle = new Option<double>("--idle-settle") { Description = "Seconds the operator is left alone before its idle footprint is read.", DefaultValueFactory = _ => 3 };
        var timeout = new Option<double>("--timeout") { Description = "Upper bound in seconds for any one wait.", DefaultValueFactory = _ => 1800 };
        var inMemory = new Option<bool>("--in-memory-apiserver") { Description = "API server without --state-dir (no write-ahead log, no fsync)." };
        var output = new Option<string?>("--output") { Description = "Folder for the JSON report, the SVG chart and the logs (default: bench/results in the repository)." };
        var name = new Option<string?>("--name") { Description = "File name stem of the report and chart (default bench-nN-mM)." };
        var executable = new Option<string?>("--operator") { Description = "The gong-operator executable (default: the one built with the bench)." };
        var operatorArgs = new Option<string[]>("--operator-arg")
        {
            Description = "An extra argument for `gong-operator run` (repeatable), e.g. --operator-arg=--log-level=debug.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        foreach (var seconds in new[] { idleSettle, timeout })
        {
            seconds.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<double>() < 0)
                {
                    r.AddError($"{r.Option.Name} must not be negative");
                }
            });
        }

        var root = new RootCommand("Measures gong-operator at fleet scale: the embedded API server, the Gong simulator and the operator as separate processes.");
        foreach (var option in new Option[] { origins, companies, runs, latency, rate, batch, workers, createConcurrency, stormSeconds, stormRetryAfter, writes, idleSettle, timeout, inMemory, output, name, executable, operatorArgs })
        {
            root.Options.Add(option);
        }

        root.SetAction(async (parse, ct) =>
        {
            var exe = parse.GetValue(executable) ?? GongOperatorExecutable.DefaultPath();
            if (exe is null || !File.Exists(exe))
            {
                await stderr.WriteLineAsync($"gong-operator-bench: the gong-operator executable was not found ({exe ?? "no repository above the bench"}); build it or pass --operator PATH").ConfigureAwait(false);
                return UsageError;
            }

            if (parse.GetValue(companies) > parse.GetValue(origins))
            {
                await stderr.WriteLineAsync("gong-operator-bench: --companies must not exceed --origins").ConfigureAwait(false);
                return UsageError;
            }

            var options = new BenchOptions
            {
                Origins = parse.GetValue(origins),
                Companies = parse.GetValue(companies),
                Runs = parse.GetValue(runs),
                LatencySamples = parse.GetValue(latency),
                RatePerSecond = parse.GetValue(rate),
                BatchSize = parse.GetValue(batch),
                Workers = parse.GetValue(workers),
                CreateConcurrency = parse.GetValue(createConcurrency),
                StormSeconds = parse.GetValue(stormSeconds),
                StormRetryAfterSeconds = parse.GetValue(stormRetryAfter),
                Writes = parse.GetValue(writes),
                IdleSettle = TimeSpan.FromSeconds(parse.GetValue(idleSettle)),
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                InMemoryApiServer = parse.GetValue(inMemory),
                OutputDirectory = Path.GetFullPath(parse.GetValue(output) ?? DefaultOutput()),
                OperatorExecutable = Path.GetFullPath(exe),
                OperatorArguments = parse.GetValue(operatorArgs) ?? [],
                ReportName = parse.GetValue(name),
            };
            return await run(options, ct).ConfigureAwait(false);
        });
        return root;
    }

    private static string DefaultOutput() =>
        GongOperatorExecutable.RepositoryRoot() is { } root ? Path.Combine(root, "bench", "results") : "bench-results";

    private static Option<int> Positive(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError($"{name} must be at least 1");
            }
        });
        return option;
    }
}
