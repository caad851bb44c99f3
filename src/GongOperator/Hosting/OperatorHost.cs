using System.Net;
using GongOperator.Configuration;
using GongOperator.Gong;
using GongOperator.Kubernetes.Connection;
using GongOperator.Kubernetes.Hosting;
using GongOperator.Kubernetes.Resources;
using GongOperator.OAuth;
using GongOperator.Reconciliation;
using GongOperator.Resources;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace GongOperator.Hosting;

/// <summary>
/// Starts the operator: connects to the cluster and checks it, builds the container
/// (<see cref="GongOperatorServiceCollectionExtensions.AddGongOperator"/>), validates every option once, and starts the
/// controller manager and the metrics and probe servers.
/// </summary>
public static class OperatorHost
{
    /// <summary>
    /// Checks the cluster, starts everything and returns once the operator runs. Throws
    /// <see cref="OperatorStartupException"/> with one printable line when it cannot start.
    /// </summary>
    public static Task<RunningOperator> StartAsync(OperatorOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken, TimeProvider? timeProvider = null) =>
        StartAsync(options, loggerFactory, null, cancellationToken, timeProvider);

    /// <summary>
    /// As <see cref="StartAsync(OperatorOptions, ILoggerFactory, CancellationToken, TimeProvider?)"/>, serving the
    /// probes and metrics on <paramref name="listeners"/> when the caller bound them already (it then owns them
    /// until this returns).
    /// </summary>
    internal static async Task<RunningOperator> StartAsync(OperatorOptions options, ILoggerFactory loggerFactory, OperatorListeners? listeners, CancellationToken cancellationToken, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var time = timeProvider ?? TimeProvider.System;
        var logger = loggerFactory.CreateLogger("GongOperator");

        var connection = new KubernetesConnectionOptions
        {
            KubeconfigPath = options.Kubeconfig,
            Context = options.Context,
            UserAgent = "gong-operator",
            Qps = options.KubeApiQps,
            Burst = options.KubeApiBurst,
        };
        if (connection.RateProblem() is { } rateProblem)
        {
            throw new OperatorStartupException(rateProblem, 2);
        }

        IKubernetes client;
        try
        {
            client = KubernetesConnection.CreateClient(connection, time);
        }
        catch (KubernetesConnectionException e)
        {
            throw new OperatorStartupException(e.Message, 1, e);
        }

        var disposables = new AsyncDisposables();
        disposables.Add(client);
        try
        {
            await CheckClusterAsync(client, options, cancellationToken).ConfigureAwait(false);

            var services = new ServiceCollection();
            services.AddSingleton(loggerFactory);
            services.AddSingleton(time);
            services.AddSingleton(client);
            services.AddGongOperator(options);
            var provider = services.BuildServiceProvider();
            disposables.Add(provider);
            ValidateOptions(provider);
            var manager = provider.GetRequiredService<ControllerManager>();
            var pending = provider.GetRequiredService<PendingRegistrations>();
            var authorizations = provider.GetRequiredService<OAuthAuthorizations>();
            _ = provider.GetRequiredService<OperatorMetrics>();
            _ = provider.GetRequiredService<IGongRegistrar>();

            listeners ??= await OperatorListeners.StartAsync(options, loggerFactory, cancellationToken).ConfigureAwait(false);
            disposables.Add(listeners);
            listeners.Serve(manager, provider.GetRequiredService<CollectorRegistry>());

            // Not linked to the start-up token: a stop goes through RunningOperator.DisposeAsync, which first lets
            // answers to calls already made be written.
            var stop = new CancellationTokenSource();
            var completion = Task.Run(() => manager.RunAsync(stop.Token), CancellationToken.None);
            Log.Started(logger, options.Namespaces, options.Workers, options.LeaderElect);
            return new RunningOperator(completion, stop, disposables, ct => Task.WhenAll(pending.DrainAsync(time, ct), authorizations.DrainAsync(ct)), () => pending.Count, manager, listeners.MetricsAddress, listeners.HealthAddress, provider);
        }
        catch
        {
            await disposables.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Every options object registered with ValidateOnStart is checked here, once: all failures, one line, exit 2.</summary>
    private static void ValidateOptions(IServiceProvider provider)
    {
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException e)
        {
            throw new OperatorStartupException(string.Join(" ", e.Failures), 2, e);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OptionsValidationException))
        {
            throw new OperatorStartupException(string.Join(" ", e.InnerExceptions.SelectMany(i => ((OptionsValidationException)i).Failures)), 2, e);
        }
    }

    /// <summary>
    /// Fails fast, with one line, when the cluster cannot be reached or the CRD is missing, instead of an informer
    /// retrying forever behind a readiness probe.
    /// </summary>
    private static async Task CheckClusterAsync(IKubernetes client, OperatorOptions options, CancellationToken cancellationToken)
    {
        var type = ResourceType.Of<GongIntegrationOrigin>();
        try
        {
            if (options.Namespaces.Count == 0)
            {
                await client.CustomObjects.ListClusterCustomObjectAsync(type.Group, type.Version, type.Plural, limit: 1, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await client.CustomObjects.ListNamespacedCustomObjectAsync(type.Group, type.Version, options.Namespaces[0], type.Plural, limit: 1, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new OperatorStartupException(
                $"the GongIntegrationOrigin CRD ({type.Plural}.{type.Group}) is not installed: kubectl apply -f config/crd/gongoperator.io_gongintegrationorigins.yaml", 1, e);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new OperatorStartupException($"the Kubernetes API refused to list {type.Plural}.{type.Group} (HTTP {(int)e.Response.StatusCode}): check the credentials and RBAC", 1, e);
        }
        catch (HttpOperationException e)
        {
            throw new OperatorStartupException($"the Kubernetes API answered HTTP {(int)e.Response.StatusCode} to listing {type.Plural}.{type.Group}: {e.Response.ReasonPhrase}", 1, e);
        }
        catch (HttpRequestException e)
        {
            throw new OperatorStartupException($"cannot reach the Kubernetes API at {client.BaseUri}: {e.Message}", 1, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OperatorStartupException($"the Kubernetes API at {client.BaseUri} did not answer in time", 1, e);
        }
    }
}
