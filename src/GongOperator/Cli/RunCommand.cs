using System.CommandLine;
using GongOperator.Configuration;
using GongOperator.Hosting;

namespace GongOperator.Cli;

/// <summary><c>gong-operator run</c>: the operator against a cluster, until SIGTERM or Ctrl-C.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter stderr)
    {
        var command = new Command("run", "Run the operator against a cluster (in-cluster config, or --kubeconfig/--context).");
        var binder = new OperatorOptionsBinder(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!binder.TryBind(parse, Environment.GetEnvironmentVariables(), new OperatorOptions(), out var options, out var error))
            {
                await stderr.WriteLineAsync($"gong-operator run: {error}").ConfigureAwait(false);
                return GongOperatorCli.UsageError;
            }

            using var signal = new ShutdownSignal(cancellationToken);
            using var loggerFactory = OperatorLogging.Create(options);
            return await RunUntilStoppedAsync(options, loggerFactory, stderr, "run", signal.Token).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Starts the operator and waits until it stops; a start-up failure is one line and its exit code.</summary>
    public static async Task<int> RunUntilStoppedAsync(OperatorOptions options, Microsoft.Extensions.Logging.ILoggerFactory loggerFactory, TextWriter stderr, string name, CancellationToken cancellationToken, Func<RunningOperator, Task>? started = null, OperatorListeners? listeners = null)
    {
        RunningOperator running;
        try
        {
            running = await OperatorHost.StartAsync(options, loggerFactory, listeners, cancellationToken).ConfigureAwait(false);
        }
        catch (OperatorStartupException e)
        {
            await stderr.WriteLineAsync($"gong-operator {name}: {e.Message}").ConfigureAwait(false);
            return e.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }

        await using (running.ConfigureAwait(false))
        {
            if (started is not null)
            {
                await started(running).ConfigureAwait(false);
            }

            try
            {
                await running.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Graceful stop: disposing waits for in-flight reconciles and releases the Lease.
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await stderr.WriteLineAsync($"gong-operator {name}: stopped on an error: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        }

        return 0;
    }
}
