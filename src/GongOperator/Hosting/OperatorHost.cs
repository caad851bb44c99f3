using System.Net;
using GongOperator.Configuration;
using GongOperator.Gong;
using GongOperator.Kubernetes.Connection;
using GongOperator.Kubernetes.Controllers;
using GongOperator.Kubernetes.Events;
using GongOperator.Kubernetes.Hosting;
using GongOperator.Kubernetes.Informers;
using GongOperator.Kubernetes.LeaderElection;
using GongOperator.Kubernetes.Resources;
using GongOperator.Kubernetes.Status;
using GongOperator.Reconciliation;
using GongOperator.Resources;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace GongOperator.Hosting;

/// <summary>
/// Composes the operator: KubernetesClient connection, informers for origins and Secrets, the origin controller on
/// the controller runtime, the Gong client, leader election, and the metrics and probe servers.
/// </summary>
public static class OperatorHost
{
    /// <summary>Name of the controller (the <c>controller</c> label of controller-runtime metrics).</summary>
    public const string ControllerName = "gongintegrationorigin";

    /// <summary>Name of the origins index by credentials Secret ("namespace/name").</summary>
    public const string BySecretIndex = "by-credentials-secret";

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

        IKubernetes client;
        try
        {
            client = KubernetesConnection.CreateClient(new KubernetesConnectionOptions
            {
                KubeconfigPath = options.Kubeconfig,
                Context = options.Context,
                UserAgent = "gong-operator",
            }, time);
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
            services.AddGongClient(o =>
            {
                o.CallsPerSecond = options.GongRatePerSecond;
                o.DailyQuota = options.GongDailyQuota;
                o.MaxBatchSize = options.GongBatchSize;
            });
            var provider = services.BuildServiceProvider();
            disposables.Add(provider);
            try
            {
                _ = provider.GetRequiredService<IOptions<GongClientOptions>>().Value;
            }
            catch (OptionsValidationException e)
            {
                throw new OperatorStartupException(string.Join(" ", e.Failures), 2, e);
            }

            var origins = new Informer<GongIntegrationOrigin>(
                ListWatchSources.ForCustomResource<GongIntegrationOrigin>(client),
                new InformerOptions { Name = GongIntegrationOrigin.Plural, Namespaces = options.Namespaces, LabelSelector = options.LabelSelector },
                loggerFactory.CreateLogger("GongOperator.Informers.Origins"),
                time);
            var defaultSecret = options.DefaultCredentialsSecret is { } d ? ObjectKey.Parse(d) : (ObjectKey?)null;
            var secrets = new Informer<V1Secret>(
                ListWatchSources.ForSecrets(client, CredentialSecretsSelector),
                new InformerOptions { Name = "secrets", Namespaces = options.Namespaces },
                loggerFactory.CreateLogger("GongOperator.Informers.Secrets"),
                time);

            // With a namespace list that leaves out the default Secret's namespace, that one Secret is followed by
            // name alone (a metadata.name field selector), which RBAC can grant with resourceNames.
            var defaultSecretInformer = defaultSecret is { } only && options.Namespaces.Count > 0 && !options.Namespaces.Contains(only.Namespace, StringComparer.Ordinal)
                ? new Informer<V1Secret>(
                    ListWatchSources.ForSecrets(client, "metadata.name=" + only.Name),
                    new InformerOptions { Name = "default-credentials-secret", Namespaces = [only.Namespace] },
                    loggerFactory.CreateLogger("GongOperator.Informers.DefaultSecret"),
                    time)
                : null;
            var resolver = new CredentialsResolver(key => secrets.Get(key) ?? defaultSecretInformer?.Get(key), defaultSecret, options.GongBaseUrl);
            origins.AddIndex(BySecretIndex, o => resolver.SecretKeyFor(o) is { } key ? [key.ToString()] : []);

            var events = new EventRecorder(client, "gong-operator", Environment.MachineName, loggerFactory.CreateLogger<EventRecorder>(), time);
            disposables.Add(events);
            var metrics = new OperatorMetrics(Metrics.DefaultRegistry);
            metrics.TrackOrigins(Metrics.DefaultRegistry, origins);
            var pending = new PendingRegistrations();
            var reconciler = new OriginReconciler(
                origins,
                pending,
                resolver,
                new RegistrationPlanner(options.ReassertPeriod),
                provider.GetRequiredService<IGongRegistrar>(),
                new StatusWriter<GongIntegrationOrigin>(new CustomResourceClient<GongIntegrationOrigin>(client)),
                events,
                metrics,
                loggerFactory.CreateLogger<OriginReconciler>(),
                time);

            var controller = new Controller<GongIntegrationOrigin>(
                    new ControllerOptions { Name = ControllerName, MaxConcurrentReconciles = options.Workers },
                    origins,
                    reconciler,
                    loggerFactory.CreateLogger<Controller<GongIntegrationOrigin>>(),
                    time)
                .WithUpdatePredicate(Predicates.Or(
                    Predicates.GenerationChanged<GongIntegrationOrigin>(),
                    Predicates.AnnotationsChanged<GongIntegrationOrigin>(OriginAnnotations.Reassert, OriginAnnotations.Paused)))
                .WatchesByIndex(secrets, BySecretIndex);
            if (defaultSecretInformer is not null)
            {
                controller.WatchesByIndex(defaultSecretInformer, BySecretIndex);
            }

            pending.Answered = key => controller.Queue?.Add(key);

            var manager = new ControllerManager(
                client,
                new ControllerManagerOptions
                {
                    LeaderElection = options.LeaderElect
                        ? new LeaderElectionOptions { LeaseName = options.LeaderElectionId, LeaseNamespace = LeaseNamespace(options) }
                        : null,
                },
                loggerFactory);
            manager.AddController(controller);

            // Deleting an origin only stops managing it (incremental mode: Gong's API cannot remove an origin); say so once,
            // from the replica that acts.
            origins.AddEventHandler(null, null, deleted =>
            {
                if (manager.Election is null || manager.Election.IsLeader)
                {
                    Log.StoppedManaging(logger, deleted);
                    _ = events.RecordAsync(deleted, EventTypes.Normal, "StoppedManaging", $"Deleted: the operator no longer manages {deleted.Spec?.AllowedOrigin} for {deleted.Spec?.IntegrationType}. Gong keeps the origin: its API cannot remove one.", CancellationToken.None);
                }
            });

            listeners ??= await OperatorListeners.StartAsync(options, loggerFactory, cancellationToken).ConfigureAwait(false);
            disposables.Add(listeners);
            listeners.Serve(manager);

            // Not linked to the start-up token: a stop goes through RunningOperator.DisposeAsync, which first lets
            // answers to calls already made be written.
            var stop = new CancellationTokenSource();
            var completion = Task.Run(() => manager.RunAsync(stop.Token), CancellationToken.None);
            Log.Started(logger, options.Namespaces, options.Workers, options.LeaderElect);
            return new RunningOperator(completion, stop, disposables, ct => pending.DrainAsync(time, ct), () => pending.Count, manager, listeners.MetricsAddress, listeners.HealthAddress);
        }
        catch
        {
            await disposables.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Helm release records and service-account tokens are never credentials, and Helm keeps one Secret per release
    /// revision, so they are left out of the Secret cache.
    /// </summary>
    private const string CredentialSecretsSelector = "type!=helm.sh/release.v1,type!=kubernetes.io/service-account-token";

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

    private static string LeaseNamespace(OperatorOptions options)
    {
        if (options.LeaderElectionNamespace is { Length: > 0 } given)
        {
            return given;
        }

        const string serviceAccountNamespace = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";
        return File.Exists(serviceAccountNamespace) ? File.ReadAllText(serviceAccountNamespace).Trim() : "default";
    }
}
