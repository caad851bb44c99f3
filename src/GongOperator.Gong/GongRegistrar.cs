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
    private readonly ConcurrentDictionary<CompanyKey, CompanyWorker> _workers = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly GongApiClient _api;
    private readonly IRegistrationStrategy _strategy;
    private readonly GongClientOptions _options;
    private readonly SendPolicy _sendPolicy;
    private readonly TimeProvider _time;
    private readonly GongMetrics _metrics;
    private readonly ILogger<GongRegistrar> _logger;

    public GongRegistrar(
        GongApiClient api,
        IRegistrationStrategy strategy,
        IOptions<GongClientOptions> options,
        TimeProvider time,
        GongMetrics metrics,
        ILogger<GongRegistrar> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _api = api;
        _strategy = strategy;
        // Reading Value validates the options: a bad configuration fails here, at start, naming the option.
        _options = options.Value;
        _sendPolicy = new SendPolicy(_options);
        _time = time;
        _metrics = metrics;
        _logger = logger;
        metrics.SetQuotaSource(() => _workers.Values.Select(w => w.Budget.GetState(time.GetUtcNow())).ToArray());
    }

    public async Task<RegistrationOutcome> RegisterAsync(GongCompany company, OriginRegistration origin, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(origin);
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        ct.ThrowIfCancellationRequested();

        var worker = WorkerFor(company);
        var waiter = new TaskCompletionSource<RegistrationOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = ct.Register(static state => ((TaskCompletionSource<RegistrationOutcome>)state!).TrySetCanceled(), waiter);
        worker.Enqueue(company, origin, waiter);
        return await waiter.Task.ConfigureAwait(false);
    }

    /// <summary>The company's budget now: daily quota remaining, when it resets, and any 429 block (tests and diagnostics; the metrics read budgets directly).</summary>
    public CompanyBudgetState GetBudgetState(GongCompany company)
    {
        ArgumentNullException.ThrowIfNull(company);
        var state = WorkerFor(company).Budget.GetState(_time.GetUtcNow());
        _metrics.SetQuotaRemaining(state.Company, state.Remaining);
        return state;
    }

    public void Dispose()
    {
        if (!_stopping.IsCancellationRequested)
        {
            _stopping.Cancel();
        }

        _stopping.Dispose();
    }

    private CompanyWorker WorkerFor(GongCompany company) =>
        _workers.GetOrAdd(CompanyKey.For(company), key => new CompanyWorker(
            CompanyBudget.For(key, _options, createdAt: _time.GetUtcNow()),
            _api,
            _strategy,
            _sendPolicy,
            _time,
            _metrics,
            _logger,
            _stopping.Token));
}
