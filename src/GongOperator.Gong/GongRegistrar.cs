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
    private readonly ISendPolicy _sendPolicy;
    private readonly TimeProvider _time;
    private readonly GongMetrics _metrics;
    private readonly ILogger<GongRegistrar> _logger;
    private readonly ICompanyOriginSets? _sets;

    // When this process first asked for a call (UTC ticks; 0 until then). A standby replica asks for none until it
    // leads, so this is also when a hand-over made this process the one calling Gong.
    private long _firstRegistrationTicks;

    public GongRegistrar(
        GongApiClient api,
        IRegistrationStrategy strategy,
        IOptions<GongClientOptions> options,
        ISendPolicy sendPolicy,
        TimeProvider time,
        GongMetrics metrics,
        ILogger<GongRegistrar> logger,
        IEnumerable<ICompanyOriginSets> sets)
    {
        ArgumentNullException.ThrowIfNull(options);
        _api = api;
        _strategy = strategy;
        // Reading Value validates the options: a bad configuration fails here, at start, naming the option.
        _options = options.Value;
        _sendPolicy = sendPolicy;
        _time = time;
        _metrics = metrics;
        _logger = logger;

        // The last one registered wins, as for any service; none means a fullSet company cannot be served.
        _sets = sets?.LastOrDefault();
        metrics.SetQuotaSource(() => _workers.Values.Select(w => w.Budget.GetState(time.GetUtcNow())).ToArray());
    }

    public async Task<RegistrationOutcome> RegisterAsync(GongCompany company, OriginRegistration origin, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(origin);
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        ct.ThrowIfCancellationRequested();
        Interlocked.CompareExchange(ref _firstRegistrationTicks, _time.GetUtcNow().UtcTicks, 0);

        var worker = WorkerFor(company);
        var waiter = new TaskCompletionSource<RegistrationOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = ct.Register(static state => ((TaskCompletionSource<RegistrationOutcome>)state!).TrySetCanceled(), waiter);
        worker.Enqueue(company, origin, waiter);
        return await waiter.Task.ConfigureAwait(false);
    }

    public async Task<RegistrationOutcome> SendSetAsync(GongCompany company, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(company);
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        ct.ThrowIfCancellationRequested();
        var worker = WorkerFor(company);
        if (!worker.UsesFullSet(company))
        {
            throw new NotSupportedException("Only a fullSet company's set can be sent: an incremental call cannot remove an origin.");
        }

        var waiter = new TaskCompletionSource<RegistrationOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = ct.Register(static state => ((TaskCompletionSource<RegistrationOutcome>)state!).TrySetCanceled(), waiter);
        worker.EnqueueSet(company, waiter);
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

    private DateTimeOffset FirstRegistration() =>
        Interlocked.Read(ref _firstRegistrationTicks) is > 0 and var ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : _time.GetUtcNow();

    public void Dispose()
    {
        if (!_stopping.IsCancellationRequested)
        {
            _stopping.Cancel();
        }

        _stopping.Dispose();
    }

    /// <summary>
    /// The company's worker and budget, made on first use. The budget assumes that another process spent the company's
    /// rate just before this one began calling Gong (see <see cref="CompanyBudget"/>): only calls in the first rate
    /// window after that moment wait for it.
    /// </summary>
    private CompanyWorker WorkerFor(GongCompany company) =>
        _workers.GetOrAdd(CompanyKey.For(company), key => new CompanyWorker(
            new CompanyCalls(CompanyBudget.For(key, _options, othersMaySpendUntil: FirstRegistration()), _api, _time, _metrics, _stopping.Token),
            _strategy,
            _sets,
            _options,
            _sendPolicy,
            _time,
            _logger));
}
