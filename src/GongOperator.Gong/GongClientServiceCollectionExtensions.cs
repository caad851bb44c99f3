using GongOperator.Gong.Api;
using GongOperator.Gong.Batching;
using GongOperator.Gong.Budget;
using GongOperator.Gong.Metrics;
using GongOperator.Gong.Strategy;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Gong client: <see cref="GongOperator.Gong.IGongRegistrar"/> and everything behind it.</summary>
public static class GongClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="GongOperator.Gong.IGongRegistrar"/> with validated options (validated on start with a host,
    /// and on first use without one). Uses the <see cref="TimeProvider"/> registered in the container, or the system clock.
    /// </summary>
    public static IServiceCollection AddGongClient(this IServiceCollection services, Action<GongOperator.Gong.GongClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<GongOperator.Gong.GongClientOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GongOperator.Gong.GongClientOptions>, GongOperator.Gong.GongClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        // One metrics registry for the process: prometheus-net's default unless the host registers its own first.
        services.TryAddSingleton(Prometheus.Metrics.DefaultRegistry);
        services.TryAddSingleton(sp => new GongMetrics(sp.GetRequiredService<Prometheus.CollectorRegistry>()));
        services.TryAddSingleton<GongOperator.Gong.IRegistrationStrategy, IncrementalStrategy>();
        services.TryAddSingleton<ISendPolicy>(sp => new SendPolicy(sp.GetRequiredService<IOptions<GongOperator.Gong.GongClientOptions>>().Value));
        services.TryAddSingleton<GongApiClient>();
        services.TryAddSingleton<GongOperator.Gong.GongRegistrar>();
        services.TryAddSingleton<GongOperator.Gong.IGongRegistrar>(sp => sp.GetRequiredService<GongOperator.Gong.GongRegistrar>());
        services.TryAddTransient<BudgetHandler>();
        services.TryAddTransient<MetricsHandler>();

        var http = services.AddHttpClient(GongHttp.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        // The factory's own request logging puts raw header values (the Authorization header) in its
        // structured state even where the message shows "*"; a JSON log would print them. Our Log.cs covers calls.
        http.RemoveAllLoggers();
        http.AddResilienceHandler(GongHttp.PipelineName, static (builder, context) =>
                GongHttp.ConfigurePipeline(builder, context.ServiceProvider.GetRequiredService<IOptions<GongOperator.Gong.GongClientOptions>>().Value))
            .SelectPipelineBy(static _ => GongHttp.SelectPipelineKey);
        // Below the resilience handler, so every attempt (retries too) spends budget and is counted.
        http.AddHttpMessageHandler<BudgetHandler>();
        http.AddHttpMessageHandler<MetricsHandler>();

        // The token endpoint gets a client of its own: no retry (a refresh token is single-use) and no request logging.
        services.TryAddSingleton<GongOperator.Gong.IGongTokenClient, GongOperator.Gong.OAuth.GongTokenClient>();
        services.AddHttpClient(GongOperator.Gong.OAuth.GongTokenClient.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        return services;
    }
}
