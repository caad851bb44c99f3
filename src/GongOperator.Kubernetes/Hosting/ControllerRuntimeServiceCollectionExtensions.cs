using GongOperator.Kubernetes.Controllers;
using GongOperator.Kubernetes.Hosting;
using GongOperator.Kubernetes.Informers;
using GongOperator.Kubernetes.LeaderElection;
using GongOperator.Kubernetes.Metrics;
using k8s;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the controller runtime: <see cref="ControllerManager"/> and the parts a <see cref="ControllerRuntimeBuilder"/> adds.</summary>
public static class ControllerRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="ControllerManager"/> (on the container's <see cref="IKubernetes"/>, <see cref="ILoggerFactory"/>
    /// and <see cref="TimeProvider"/>), with leader election when <paramref name="leaderElection"/> is given; returns the
    /// builder for informers and controllers.
    /// </summary>
    public static ControllerRuntimeBuilder AddControllerRuntime(this IServiceCollection services, Action<LeaderElectionOptions>? leaderElection = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();

        // One metrics registry for the process: prometheus-net's default unless the host registers its own first.
        services.TryAddSingleton(Prometheus.Metrics.DefaultRegistry);
        services.TryAddSingleton(sp => new RuntimeMetrics(sp.GetRequiredService<Prometheus.CollectorRegistry>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InformerOptions>, InformerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ControllerOptions>, ControllerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LeaderElectionOptions>, LeaderElectionOptionsValidator>());
        if (leaderElection is not null)
        {
            services.AddOptions<LeaderElectionOptions>().Configure(leaderElection).ValidateOnStart();
        }

        services.TryAddSingleton(sp =>
        {
            var manager = new ControllerManager(
                sp.GetService<IKubernetes>(),
                sp.GetRequiredService<RuntimeMetrics>(),
                new ControllerManagerOptions { LeaderElection = leaderElection is null ? null : sp.GetRequiredService<IOptions<LeaderElectionOptions>>().Value },
                sp.GetRequiredService<ILoggerFactory>());
            foreach (var controller in sp.GetServices<IController>())
            {
                manager.AddController(controller);
            }

            foreach (var informer in sp.GetServices<IInformer>())
            {
                manager.AddInformer(informer);
            }

            return manager;
        });
        return new ControllerRuntimeBuilder(services);
    }
}
