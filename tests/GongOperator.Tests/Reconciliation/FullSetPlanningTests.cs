using System.Text;
using GongOperator.Gong;
using GongOperator.Kubernetes.Controllers;
using GongOperator.Reconciliation;
using GongOperator.Resources;
using k8s.Models;

namespace GongOperator.Tests.Reconciliation;

/// <summary>
/// The fullSet decisions the planner owns: which origins carry the finalizer, and what a deletion does with it; and
/// which origins a company's set holds.
/// </summary>
public sealed class FullSetPlanningTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
    private static readonly GongCompany Company = new(new BasicCredentials("key", "secret"));
    private static readonly Credentials FullSet = new("t/gong", Company with { Strategy = RegistrationStrategyKind.FullSet }, null, "1");
    private static readonly Credentials Incremental = new("t/gong", Company with { Strategy = RegistrationStrategyKind.Incremental }, null, "1");
    private static readonly Credentials Missing = new("t/gong", null, "The credentials Secret t/gong does not exist.", null);
    private readonly RegistrationPlanner _planner = new(TimeSpan.FromHours(24));

    [Fact]
    public void A_fullSet_origin_is_held_before_its_first_call_and_any_other_strategy_releases_the_hold()
    {
        Assert.IsType<RegistrationPlan.Hold>(_planner.Plan(Origin(), FullSet, null, Now));
        Assert.Equal(new RegistrationPlan.Register(RegistrationCause.New), _planner.Plan(Origin(held: true), FullSet, null, Now));
        Assert.Equal(new RegistrationPlan.Release(RemovedFromGong: false), _planner.Plan(Origin(held: true), Incremental, null, Now));
        Assert.Equal(new RegistrationPlan.Register(RegistrationCause.New), _planner.Plan(Origin(), Incremental, null, Now));

        // The flag decides when the Secret says nothing.
        var unsaid = Incremental with { Company = Company };
        Assert.IsType<RegistrationPlan.Hold>(new RegistrationPlanner(TimeSpan.FromHours(24), RegistrationStrategyKind.FullSet).Plan(Origin(), unsaid, null, Now));
    }

    [Fact]
    public void An_answer_is_written_before_the_hold_changes_and_a_removal_of_a_live_object_is_planned_past()
    {
        var answered = Pending(1, Task.FromResult<RegistrationOutcome>(new Registered(7, "r")));
        Assert.IsType<RegistrationPlan.WriteAnswer>(_planner.Plan(Origin(), FullSet, answered, Now));

        var removal = Pending(RegistrationPlanner.RemovalGeneration, new TaskCompletionSource<RegistrationOutcome>().Task);
        Assert.Equal(new RegistrationPlan.Register(RegistrationCause.New), _planner.Plan(Origin(held: true), FullSet, removal, Now));
    }

    [Fact]
    public void A_deletion_sends_the_set_without_the_origin_and_releases_it_once_Gong_accepted()
    {
        var deleting = Origin(held: true, deleting: true);

        Assert.IsType<RegistrationPlan.SendSetWithout>(_planner.PlanDeletion(deleting, FullSet, null, Now));
        Assert.IsType<RegistrationPlan.SendSetWithout>(_planner.PlanDeletion(deleting, FullSet, Pending(1, new TaskCompletionSource<RegistrationOutcome>().Task), Now));
        Assert.IsType<RegistrationPlan.AwaitAnswer>(_planner.PlanDeletion(deleting, FullSet, Pending(RegistrationPlanner.RemovalGeneration, new TaskCompletionSource<RegistrationOutcome>().Task), Now));
        Assert.Equal(
            new RegistrationPlan.Release(RemovedFromGong: true),
            _planner.PlanDeletion(deleting, FullSet, Pending(RegistrationPlanner.RemovalGeneration, Task.FromResult<RegistrationOutcome>(new Registered(7, "r"))), Now));
    }

    [Fact]
    public void A_failed_removal_waits_at_least_ten_seconds_or_for_Gongs_Retry_After()
    {
        var deleting = Origin(held: true, deleting: true);

        var failed = Assert.IsType<RegistrationPlan.RemovalFailed>(_planner.PlanDeletion(
            deleting, FullSet, Pending(RegistrationPlanner.RemovalGeneration, Task.FromResult<RegistrationOutcome>(Unavailable.InternalClientError())), Now));
        Assert.Equal(Now + RegistrationPlanner.RemovalRetry, failed.RetryAt);

        var limited = Assert.IsType<RegistrationPlan.RemovalFailed>(_planner.PlanDeletion(
            deleting, FullSet, Pending(RegistrationPlanner.RemovalGeneration, Task.FromResult<RegistrationOutcome>(new RateLimited(Now.AddMinutes(1), "r", null))), Now));
        Assert.Equal(Now.AddMinutes(1), limited.RetryAt);

        var cancelled = _planner.PlanDeletion(deleting, FullSet, Pending(RegistrationPlanner.RemovalGeneration, Task.FromCanceled<RegistrationOutcome>(new CancellationToken(true))), Now);
        Assert.Equal(new RegistrationPlan.Wait(Now + RegistrationPlanner.MinimumRequeue), cancelled);
    }

    [Fact]
    public void Nothing_wedges_a_deletion_another_strategy_credentials_gone_or_a_tenant_refusal_release_at_once()
    {
        Assert.IsType<RegistrationPlan.Forget>(_planner.PlanDeletion(null, null, null, Now));
        Assert.IsType<RegistrationPlan.Forget>(_planner.PlanDeletion(Origin(deleting: true), FullSet, null, Now));
        Assert.Equal(new RegistrationPlan.Release(RemovedFromGong: false), _planner.PlanDeletion(Origin(held: true, deleting: true), Incremental, null, Now));
        Assert.Equal(new RegistrationPlan.Release(RemovedFromGong: false), _planner.PlanDeletion(Origin(held: true, deleting: true), Missing, null, Now));
        var refused = FullSet with { NotAllowedInNamespace = "Namespace t may not use the default credentials." };
        Assert.Equal(new RegistrationPlan.Release(RemovedFromGong: false), _planner.PlanDeletion(Origin(held: true, deleting: true), refused, null, Now));
    }

    [Fact]
    public void The_set_holds_only_origins_the_tenant_policy_lets_use_the_company_and_never_one_being_deleted()
    {
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "gong", NamespaceProperty = "t", ResourceVersion = "1" },
            Data = new Dictionary<string, byte[]>
            {
                [CredentialsResolver.AccessKeyField] = Encoding.UTF8.GetBytes("key"),
                [CredentialsResolver.AccessKeySecretField] = Encoding.UTF8.GetBytes("secret"),
                [CredentialsResolver.RegistrationStrategyField] = Encoding.UTF8.GetBytes("fullSet"),
                [CredentialsResolver.AllowedOriginSuffixesField] = Encoding.UTF8.GetBytes("partner.com"),
            },
        };
        var resolver = new CredentialsResolver(k => k == new ObjectKey("t", "gong") ? secret : null, null, new Uri(GongCompany.DefaultBaseUrl));
        var origins = new List<GongIntegrationOrigin>
        {
            Origin("a", "https://a.partner.com", held: true),
            Origin("evil", "https://partner.com.evil.com", held: true),
            Origin("gone", "https://gone.partner.com", held: true, deleting: true),
        };
        var sets = new CompanyOriginSets(() => origins, resolver, new PendingRegistrations());

        var set = sets.DesiredSet(c => c.Credentials.Identity == Company.Credentials.Identity);

        Assert.Equal(["https://a.partner.com"], set.Select(m => m.Origin.AllowedOrigin));
    }

    private static PendingRegistration Pending(long generation, Task<RegistrationOutcome> outcome) =>
        new(generation, new OriginRegistration(IntegrationTypes.Dialer, "https://acme.partner.com"), FullSet, null, outcome, new CancellationTokenSource());

    private static GongIntegrationOrigin Origin(string name = "acme-dialer", string allowedOrigin = "https://acme.partner.com", bool held = false, bool deleting = false) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "t",
            Generation = 1,
            Finalizers = held ? [FullSetRegistration.Finalizer] : null,
            DeletionTimestamp = deleting ? Now.UtcDateTime : null,
        },
        Spec = new GongIntegrationOriginSpec { IntegrationType = IntegrationTypes.Dialer, AllowedOrigin = allowedOrigin, CredentialsSecretRef = new() { Name = "gong" } },
        Status = new GongIntegrationOriginStatus { ObservedGeneration = 0 },
    };
}
