using System.Collections.Concurrent;
using GongOperator.Gong.Api;
using GongOperator.Gong.Batching;
using GongOperator.Gong.Budget;
using GongOperator.Gong.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GongOperator.Gong;

/// <summary>The registrar: one budget and one worker per company, created on first use.</summary>
internal sealed class GongRegistrar : IGongRegistrar, IDisposable
{
    private readonly ConcurrentDictionary<CompanyKey, CompanyWorker> workers = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly GongApiClient api;
    private readonly IRegistrationStrategy strategy;
    private readonly GongClientOptions options;
    private readonly TimeProvider time;
    private readonly GongMetrics metrics;
    private readonly ILogger<GongRegistrar> logger;

    public GongRegistrar(
        GongApiClient api,
        IRegistrationStrategy strategy,
        IOptions<GongClientOptions> options,
        TimeProvider time,
        GongMetrics metrics,
        ILogger<GongRegistrar> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.api = api;
        this.strategy = strategy;
        // Reading Value validates the options: a bad configuration fails here, at start, naming the option.
        this.options = options.Value;
        this.time = time;
        this.metrics = metrics;
        this.logger = logger;
        metrics.SetQuotaSource(() => workers.Values.Select(w => w.Budget.GetState(time.GetUtcNow())).ToArray());
    }

    public async Task<RegistrationOutcome> RegisterAsync(GongCompany company, OriginRegistration origin, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(origin);
        ObjectDisposedException.ThrowIf(stopping.IsCancellationRequested, this);
        ct.ThrowIfCancellationRequested();

        var worker = WorkerFor(company);
        var waiter = new TaskCompletionSource<RegistrationOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = ct.Register(static state => ((TaskCompletionSource<RegistrationOutcome>)state!).TrySetCanceled(), waiter);
        worker.Enqueue(company, origin, waiter);
        return await waiter.Task.ConfigureAwait(false);
    }

    public CompanyBudgetState GetBudgetState(GongCompany company)
    {
        ArgumentNullException.ThrowIfNull(company);
        var state = WorkerFor(company).Budget.GetState(time.GetUtcNow());
        metrics.SetQuotaRemaining(state.Company, state.Remaining);
        return state;
    }

    public void Dispose()
    {
        if (!stopping.IsCancellationRequested)
        {
            stopping.Cancel();
        }

        stopping.Dispose();
    }

    private CompanyWorker WorkerFor(GongCompany company) =>
        workers.GetOrAdd(CompanyKey.For(company), key => new CompanyWorker(
            new CompanyBudget(key, options.CallsPerSecond, options.Burst, options.DailyQuota, options.PacingMargin),
            api,
            strategy,
            options.MaxBatchSize,
            time,
            metrics,
            logger,
            stopping.Token));
}
