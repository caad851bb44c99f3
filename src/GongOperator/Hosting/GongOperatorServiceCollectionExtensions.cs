using GongOperator.Configuration;
using GongOperator.Gong;
using GongOperator.Hosting;
using GongOperator.Kubernetes.Controllers;
using GongOperator.Kubernetes.Events;
using GongOperator.Kubernetes.Hosting;
using GongOperator.Kubernetes.Informers;
using GongOperator.Kubernetes.Resources;
using GongOperator.Kubernetes.Status;
using GongOperator.OAuth;
using GongOperator.Reconciliation;
using GongOperator.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The operator's composition root: maps <see cref="OperatorOptions"/> (the flag table) into each component's options
/// and registers the informers, the origin controller and its reconciler, and the Gong client. Needs an
/// <see cref="IKubernetes"/>, an <see cref="ILoggerFactory"/> and a <see cref="TimeProvider"/> in the container.
/// </summary>
public static class GongOperatorServiceCollectionExtensions
{
    /// <summary>Name of the controller (the <c>controller</c> label of controller-runtime metrics).</summary>
    public const string ControllerName = "gongintegrationorigin";

    /// <summary>Name of the origins index by credentials Secret ("namespace/name").</summary>
    public const string BySecretIndex = "by-credentials-secret";

    /// <summary>Informer names (their health names and keys).</summary>
    public const string OriginsInformer = GongIntegrationOrigin.Plural;

    /// <summary>The Secret cache of the watched namespaces.</summary>
    public const string SecretsInformer = "secrets";

    /// <summary>The lone default credentials Secret, when its namespace is not watched.</summary>
    public const string DefaultSecretInformer = "default-credentials-secret";

    /// <summary>The namespaces that may use the default credentials, when --default-credentials-namespace-selector is set.</summary>
    public const string NamespacesInformer = "namespaces";

    /// <summary>
    /// Helm release records and service-account tokens are never credentials, and Helm keeps one Secret per release
    /// revision, so they are left out of the Secret cache.
    /// </summary>
    private const string CredentialSecretsSelector = "type!=helm.sh/release.v1,type!=kubernetes.io/service-account-token";

    /// <summary>Registers the whole operator for <paramref name="options"/>.</summary>
    public static IServiceCollection AddGongOperator(this IServiceCollection services, OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddGongClient(o =>
        {
            o.CallsPerSecond = options.GongRatePerSecond;
            o.PacingMargin = options.GongPacingMargin;
            o.DailyQuota = options.GongDailyQuota;
            o.MaxBatchSize = options.GongBatchSize;
            o.BatchLinger = options.GongBatchLinger;
            o.AttemptTimeout = options.GongRequestTimeout;
            // Room for every attempt at its timeout plus the backoff between them, as the defaults (3 × 10 s + 15 s).
            o.TotalTimeout = (options.GongRequestTimeout * (o.MaxRetries + 1)) + TimeSpan.FromSeconds(15);
            o.Strategy = options.RegistrationStrategy;
            o.MaxSetSize = options.GongMaxSetSize;
        });

        var defaultSecret = options.DefaultCredentialsSecret is { } d ? ObjectKey.Parse(d) : (ObjectKey?)null;

        // With a namespace list that leaves out the default Secret's namespace, that one Secret is followed by
        // name alone (a metadata.name field selector), which RBAC can grant with resourceNames.
        var followDefaultSecretAlone = defaultSecret is { } only && options.Namespaces.Count > 0 && !options.Namespaces.Contains(only.Namespace, StringComparer.Ordinal);

        var runtime = services.AddControllerRuntime(options.LeaderElect
            ? election =>
            {
                election.LeaseName = options.LeaderElectionId;
                election.LeaseNamespace = LeaseNamespace(options);
            }
            : null);
        runtime.AddInformer(OriginsInformer, sp => ListWatchSources.ForCustomResource<GongIntegrationOrigin>(sp.GetRequiredService<IKubernetes>()), o =>
            {
                o.Namespaces = options.Namespaces;
                o.LabelSelector = options.LabelSelector;
            })
            .AddInformer(SecretsInformer, sp => ListWatchSources.ForSecrets(sp.GetRequiredService<IKubernetes>(), CredentialSecretsSelector), o => o.Namespaces = options.Namespaces);
        if (followDefaultSecretAlone)
        {
            runtime.AddInformer(DefaultSecretInformer, sp => ListWatchSources.ForSecrets(sp.GetRequiredService<IKubernetes>(), "metadata.name=" + defaultSecret!.Value.Name), o => o.Namespaces = [defaultSecret!.Value.Namespace]);
        }

        // The selector goes to the server: a namespace that starts or stops matching arrives as an add or a delete.
        var namespaceSelector = options.DefaultCredentialsNamespaceSelector;
        if (namespaceSelector is not null)
        {
            runtime.AddInformer(NamespacesInformer, sp => ListWatchSources.ForNamespaces(sp.GetRequiredService<IKubernetes>()), o => o.LabelSelector = namespaceSelector);
        }

        runtime.AddController<GongIntegrationOrigin, OriginReconciler>(
            OriginsInformer,
            c =>
            {
                c.Name = ControllerName;
                c.MaxConcurrentReconciles = options.Workers;
            },
            (sp, controller) =>
            {
                var origins = sp.GetRequiredKeyedService<Informer<GongIntegrationOrigin>>(OriginsInformer);
                var resolver = sp.GetRequiredService<CredentialsResolver>();
                origins.AddIndex(BySecretIndex, o => resolver.SecretKeyFor(o) is { } key ? [key.ToString()] : []);
                controller
                    .WithUpdatePredicate(Predicates.Or(
                        Predicates.GenerationChanged<GongIntegrationOrigin>(),
                        Predicates.DeletionOrFinalizersChanged<GongIntegrationOrigin>(),
                        Predicates.AnnotationsChanged<GongIntegrationOrigin>(OriginAnnotations.Reassert, OriginAnnotations.Paused)))
                    .WatchesByIndex(sp.GetRequiredKeyedService<Informer<V1Secret>>(SecretsInformer), BySecretIndex);
                if (followDefaultSecretAlone)
                {
                    controller.WatchesByIndex(sp.GetRequiredKeyedService<Informer<V1Secret>>(DefaultSecretInformer), BySecretIndex);
                }

                if (namespaceSelector is not null)
                {
                    // A namespace admitted or refused re-checks its origins (the controller also waits for this cache).
                    controller.Watches(
                        sp.GetRequiredKeyedService<Informer<V1Namespace>>(NamespacesInformer),
                        ns => origins.List(ns.Metadata.Name).Select(ObjectKey.From));
                }

                // An answer from Gong puts its origin back in the queue; the next reconcile writes it.
                sp.GetRequiredService<PendingRegistrations>().Answered = key => controller.Queue?.Add(key);
                var notice = sp.GetRequiredService<DeletionNotice>();
                origins.AddEventHandler(null, null, notice.OnDeleted);
            });

        services.AddSingleton(sp =>
        {
            var secrets = sp.GetRequiredKeyedService<Informer<V1Secret>>(SecretsInformer);
            var alone = followDefaultSecretAlone ? sp.GetRequiredKeyedService<Informer<V1Secret>>(DefaultSecretInformer) : null;
            var admitted = namespaceSelector is null ? null : sp.GetRequiredKeyedService<Informer<V1Namespace>>(NamespacesInformer);
            var policy = TenantPolicy.From(options, ns => admitted is null || admitted.Get(new ObjectKey("", ns)) is not null);
            return new CredentialsResolver(key => secrets.Get(key) ?? alone?.Get(key), defaultSecret, options.GongBaseUrl, policy);
        });
        var oauth = new OAuthOptions { TokenUrl = options.GongOAuthTokenUrl, StateNamespace = OperatorNamespace(options.OAuthStateNamespace) };
        services.AddSingleton<IAuthorizationStore>(sp => new SecretAuthorizationStore(sp.GetRequiredService<IKubernetes>(), oauth.StateNamespace));
        services.AddSingleton(sp => new OAuthAuthorizations(
            sp.GetRequiredService<IAuthorizationStore>(),
            sp.GetRequiredService<IGongTokenClient>(),
            oauth,
            options.GongBaseUrl,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OAuthAuthorizations>>()));
        services.AddSingleton<OriginRegistrar>();
        services.AddSingleton(new RegistrationPlanner(options.ReassertPeriod, options.RegistrationStrategy));
        services.AddSingleton<PendingRegistrations>();
        services.AddSingleton<IFinalizerWriter>(sp => new FinalizerWriter(new CustomResourceClient<GongIntegrationOrigin>(sp.GetRequiredService<IKubernetes>())));
        services.AddSingleton<ICompanyOriginSets>(sp =>
        {
            var origins = sp.GetRequiredKeyedService<Informer<GongIntegrationOrigin>>(OriginsInformer);
            return new CompanyOriginSets(origins.List, sp.GetRequiredService<CredentialsResolver>(), sp.GetRequiredService<PendingRegistrations>());
        });
        services.AddSingleton<IObjectReader<GongIntegrationOrigin>>(sp => sp.GetRequiredKeyedService<Informer<GongIntegrationOrigin>>(OriginsInformer));
        services.AddSingleton<IStatusWriter<GongIntegrationOrigin>>(sp => new StatusWriter<GongIntegrationOrigin>(new CustomResourceClient<GongIntegrationOrigin>(sp.GetRequiredService<IKubernetes>())));
        services.AddSingleton(sp => new EventRecorder(
            sp.GetRequiredService<IKubernetes>(),
            "gong-operator",
            Environment.MachineName,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<EventRecorder>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IEventRecorder>(sp => sp.GetRequiredService<EventRecorder>());
        services.AddSingleton(sp => new DeletionNotice(
            sp.GetRequiredService<IEventRecorder>(),
            () => sp.GetRequiredService<ControllerManager>().Election is not { } election || election.IsLeader,
            sp.GetRequiredService<ILogger<DeletionNotice>>()));
        services.AddSingleton(sp =>
        {
            var registry = sp.GetRequiredService<Prometheus.CollectorRegistry>();
            var metrics = new OperatorMetrics(registry);
            metrics.TrackOrigins(registry, sp.GetRequiredKeyedService<Informer<GongIntegrationOrigin>>(OriginsInformer));
            return metrics;
        });
        return services;
    }

    private static string LeaseNamespace(OperatorOptions options) => OperatorNamespace(options.LeaderElectionNamespace);

    /// <summary>The namespace given, else the pod's own (in a cluster), else "default".</summary>
    private static string OperatorNamespace(string? given)
    {
        if (given is { Length: > 0 })
        {
            return given;
        }

        const string serviceAccountNamespace = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";
        return File.Exists(serviceAccountNamespace) ? File.ReadAllText(serviceAccountNamespace).Trim() : "default";
    }
}
