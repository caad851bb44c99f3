using GongOperator.Kubernetes.Controllers;
using GongOperator.Kubernetes.Informers;
using GongOperator.Kubernetes.Metrics;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GongOperator.Kubernetes.Hosting;

/// <summary>
/// Declares the runtime's parts in a service collection, in controller-runtime's builder style: informers (by name),
/// controllers with their reconcilers and watches, and the <see cref="ControllerManager"/> that runs them. Every options
/// object is validated with <c>ValidateOnStart</c>, so a host sees all bad settings at once, before anything runs.
/// </summary>
public sealed class ControllerRuntimeBuilder
{
    internal ControllerRuntimeBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection, for the reconciler's own dependencies.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Adds an informer of <typeparamref name="T"/> named <paramref name="name"/> (its health name, and its key:
    /// resolve it with <c>GetRequiredKeyedService&lt;Informer&lt;T&gt;&gt;(name)</c>).
    /// </summary>
    public ControllerRuntimeBuilder AddInformer<T>(string name, Func<IServiceProvider, IListWatchSource<T>> source, Action<InformerOptions>? configure = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(source);
        Services.AddOptions<InformerOptions>(name)
            .Configure(o =>
            {
                o.Name = name;
                configure?.Invoke(o);
            })
            .ValidateOnStart();
        Services.AddKeyedSingleton(name, (sp, _) => new Informer<T>(
            source(sp),
            sp.GetRequiredService<IOptionsMonitor<InformerOptions>>().Get(name),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("GongOperator.Kubernetes.Informers." + name),
            sp.GetRequiredService<TimeProvider>()));
        Services.AddSingleton<IInformer>(sp => sp.GetRequiredKeyedService<Informer<T>>(name));
        return this;
    }

    /// <summary>
    /// Adds a controller for <typeparamref name="T"/> on the informer named <paramref name="primaryInformer"/>, reconciled
    /// by <typeparamref name="TReconciler"/> (resolved from the container); <paramref name="watches"/> adds predicates and
    /// secondary watches once the informers exist.
    /// </summary>
    public ControllerRuntimeBuilder AddController<T, TReconciler>(string primaryInformer, Action<ControllerOptions> configure, Action<IServiceProvider, Controller<T>>? watches = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TReconciler : class, IReconciler
    {
        ArgumentException.ThrowIfNullOrEmpty(primaryInformer);
        ArgumentNullException.ThrowIfNull(configure);
        var optionsName = typeof(T).FullName!;
        Services.AddOptions<ControllerOptions>(optionsName).Configure(configure).ValidateOnStart();
        Services.TryAddSingleton<TReconciler>();
        Services.AddSingleton(sp =>
        {
            var controller = new Controller<T>(
                sp.GetRequiredService<IOptionsMonitor<ControllerOptions>>().Get(optionsName),
                sp.GetRequiredKeyedService<Informer<T>>(primaryInformer),
                sp.GetRequiredService<TReconciler>(),
                sp.GetRequiredService<RuntimeMetrics>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<Controller<T>>(),
                sp.GetRequiredService<TimeProvider>());
            watches?.Invoke(sp, controller);
            return controller;
        });
        Services.AddSingleton<IController>(sp => sp.GetRequiredService<Controller<T>>());
        return this;
    }
}
