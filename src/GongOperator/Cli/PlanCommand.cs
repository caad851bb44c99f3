using System.CommandLine;
using System.Net;
using GongOperator.Configuration;
using GongOperator.Kubernetes.Connection;
using GongOperator.Planning;
using k8s.Autorest;

namespace GongOperator.Cli;

/// <summary>
/// <c>gong-operator plan</c>: what applying these origins would cost each Gong company, before anything is applied.
/// Reads files (<c>-f</c>, <c>-</c> for standard input) or a cluster, and takes the operator's own settings (flags,
/// <c>GONG_OPERATOR_*</c>, appsettings), so it plans with the numbers the operator will use.
/// </summary>
internal static class PlanCommand
{
    /// <summary>Exit code when some origin would be refused (or could never be called for with its credentials).</summary>
    public const int Refused = 1;

    /// <summary>The settings that change what the operator would call and what it costs; the rest are about running.</summary>
    private static readonly HashSet<string> PlanSettings =
    [
        "kubeconfig", "context", "namespaces", "label-selector", "reassert-period", "gong-base-url", "default-credentials-secret",
        "gong-rate-per-second", "gong-daily-quota", "gong-pacing-margin", "gong-batch-size", "registration-strategy", "gong-max-set-size",
        "default-credentials-namespace-selector", "default-allowed-origin-suffixes",
    ];

    public static Command Create(TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var files = new Option<string[]>("--filename", "-f")
        {
            Description = "A file of objects to plan (multi-document YAML or JSON, e.g. `helm template` or `kustomize build` output); - reads standard input. Repeatable. Without it, the cluster is read.",
        };
        var command = new Command(
            "plan",
            "Show what registering these origins would cost each Gong company (calls, time, quota) and which would be refused; changes nothing. "
            + "The calls are a minimum: the fewest needed when every change reaches the operator at once (per company, the due origins over the batch size, rounded up; fullSet: one call per batch of changes). "
            + "Changes that arrive over time, as a large apply's do, leave in more calls.")
        {
            files,
        };
        var binder = new OperatorOptionsBinder(command, OperatorSettings.All.Where(s => PlanSettings.Contains(s.Name)));
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!binder.TryBind(parse, Environment.GetEnvironmentVariables(), new OperatorOptions(), out var options, out var error))
            {
                return await FailAsync(stderr, error, GongOperatorCli.UsageError).ConfigureAwait(false);
            }

            var paths = parse.GetValue(files) ?? [];
            if (paths.Length > 0 && (parse.GetResult(command.Options.First(o => o.Name == "--kubeconfig")) is not null || parse.GetResult(command.Options.First(o => o.Name == "--context")) is not null))
            {
                return await FailAsync(stderr, "give either -f (files) or --kubeconfig/--context (a cluster), not both", GongOperatorCli.UsageError).ConfigureAwait(false);
            }

            PlanInput input;
            try
            {
                input = paths.Length > 0
                    ? ManifestReader.Read(await ReadFilesAsync(paths, stdin, cancellationToken).ConfigureAwait(false))
                    : await ReadClusterAsync(options, cancellationToken).ConfigureAwait(false);
            }
            catch (FormatException e)
            {
                return await FailAsync(stderr, e.Message, GongOperatorCli.UsageError).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return await FailAsync(stderr, e.Message, GongOperatorCli.UsageError).ConfigureAwait(false);
            }
            catch (PlanClusterException e)
            {
                return await FailAsync(stderr, e.Message, 1).ConfigureAwait(false);
            }

            var plan = FleetPlanner.Plan(input, options, TimeProvider.System.GetUtcNow());
            await stdout.WriteAsync(PlanReport.Format(plan)).ConfigureAwait(false);
            return plan.RefusesAny ? Refused : 0;
        });
        return command;
    }

    private static async Task<int> FailAsync(TextWriter stderr, string message, int exitCode)
    {
        await stderr.WriteLineAsync($"gong-operator plan: {message}").ConfigureAwait(false);
        return exitCode;
    }

    private static async Task<List<(string Source, string Text)>> ReadFilesAsync(string[] paths, TextReader stdin, CancellationToken cancellationToken)
    {
        var result = new List<(string, string)>();
        foreach (var path in paths)
        {
            if (path == "-")
            {
                result.Add(("standard input", await stdin.ReadToEndAsync(cancellationToken).ConfigureAwait(false)));
            }
            else if (!File.Exists(path))
            {
                throw new FormatException($"-f {path}: no such file");
            }
            else
            {
                result.Add((path, await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)));
            }
        }

        return result;
    }

    private static async Task<PlanInput> ReadClusterAsync(OperatorOptions options, CancellationToken cancellationToken)
    {
        try
        {
            using var client = KubernetesConnection.CreateClient(new KubernetesConnectionOptions
            {
                KubeconfigPath = options.Kubeconfig,
                Context = options.Context,
                UserAgent = "gong-operator-plan",
            });
            return await ClusterReader.ReadAsync(client, options, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesConnectionException e)
        {
            throw new PlanClusterException(e.Message, e);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new PlanClusterException("the GongIntegrationOrigin CRD is not installed in this cluster (nothing to plan against)", e);
        }
        catch (HttpOperationException e)
        {
            throw new PlanClusterException($"the Kubernetes API answered HTTP {(int)e.Response.StatusCode} to listing the origins: {e.Response.ReasonPhrase}", e);
        }
        catch (HttpRequestException e)
        {
            throw new PlanClusterException($"cannot reach the Kubernetes API: {e.Message}", e);
        }
    }
}
