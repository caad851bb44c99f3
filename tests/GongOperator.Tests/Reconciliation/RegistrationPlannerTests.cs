using GongOperator.Gong;
using GongOperator.Reconciliation;
using GongOperator.Resources;
using k8s.Models;

namespace GongOperator.Tests.Reconciliation;

public sealed class RegistrationPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private readonly RegistrationPlanner _planner = new(TimeSpan.FromHours(24));

    [Fact]
    public void A_new_origin_is_registered()
    {
        var plan = _planner.Plan(Origin(), "1", Now);

        Assert.Equal(new RegistrationPlan.Register(RegistrationCause.New), plan);
    }

    [Fact]
    public void An_origin_registered_at_its_generation_costs_no_call_until_reassertion()
    {
        var origin = Registered(Origin(), Now.AddHours(-1));

        var plan = Assert.IsType<RegistrationPlan.UpToDate>(_planner.Plan(origin, "1", Now));

        Assert.NotNull(plan.RecheckAt);
        Assert.InRange(plan.RecheckAt.Value, Now.AddHours(23), Now.AddHours(23).AddHours(2.4));
    }

    [Fact]
    public void A_metadata_only_change_keeps_the_generation_and_costs_nothing()
    {
        var origin = Registered(Origin(), Now.AddHours(-1));
        origin.Metadata.Labels = new Dictionary<string, string> { ["team"] = "blue" };
        origin.Metadata.Annotations = new Dictionary<string, string> { ["note"] = "x" };

        Assert.IsType<RegistrationPlan.UpToDate>(_planner.Plan(origin, "1", Now));
    }

    [Fact]
    public void A_spec_change_registers_again()
    {
        var origin = Registered(Origin(), Now.AddHours(-1));
        origin.Metadata.Generation = 2;

        Assert.Equal(new RegistrationPlan.Register(RegistrationCause.SpecChanged), _planner.Plan(origin, "1", Now));
    }

    [Fact]
    public void Reassertion_falls_due_after_the_period_and_never_with_period_zero()
    {
        var origin = Registered(Origin(), Now.AddHours(-30));

        Assert.Equal(new RegistrationPlan.Register(RegistrationCause.PeriodicReassert), _planner.Plan(origin, "1", Now));
        Assert.Equal(new RegistrationPlan.UpToDate(null), new RegistrationPlanner(TimeSpan.Zero).Plan(origin, "1", Now));
    }

    [Fact]
    public void A_new_reassert_annotation_value_registers_once()
    {
        var origin = Registered(Origin(), Now.AddHours(-1));
        origin.Metadata.Annotations = new Dictionary<string, string> { [OriginAnnotations.Reassert] = "2026-11-21" };

        Assert.Equal(new RegistrationPlan.Register(RegistrationCause.ReassertRequested), _planner.Plan(origin, "1", Now));

        origin.Status!.ReassertToken = "2026-11-21";
        Assert.IsType<RegistrationPlan.UpToDate>(_planner.Plan(origin, "1", Now));
    }

    [Fact]
    public void The_paused_annotation_wins_over_everything()
    {
        var origin = Origin();
        origin.Metadata.Annotations = new Dictionary<string, string> { [OriginAnnotations.Paused] = "true", [OriginAnnotations.Reassert] = "x" };

        Assert.IsType<RegistrationPlan.Paused>(_planner.Plan(origin, "1", Now));
    }

    [Fact]
    public void An_invalid_spec_written_past_the_schema_is_refused_without_a_call()
    {
        var origin = Origin();
        origin.Spec.AllowedOrigin = "https://acme.partner.com/path";

        var plan = Assert.IsType<RegistrationPlan.Invalid>(_planner.Plan(origin, "1", Now));
        Assert.Contains("origin only", plan.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wait_in_status_is_obeyed_after_a_restart()
    {
        var origin = Failed(Origin(), nextRetry: Now.AddMinutes(5), credentialsVersion: "1");

        Assert.Equal(new RegistrationPlan.Wait(Now.AddMinutes(5)), _planner.Plan(origin, "1", Now));
        Assert.Equal(new RegistrationPlan.Register(RegistrationCause.Retry), _planner.Plan(origin, "1", Now.AddMinutes(6)));
    }

    [Fact]
    public void A_registered_origin_whose_reassertion_was_rate_limited_retries_after_the_wait()
    {
        var origin = Registered(Origin(), Now.AddHours(-1));
        origin.Status!.NextRetryTime = Now.AddSeconds(30).UtcDateTime;

        Assert.Equal(new RegistrationPlan.Wait(Now.AddSeconds(30)), _planner.Plan(origin, "1", Now));
        Assert.Equal(new RegistrationPlan.Register(RegistrationCause.Retry), _planner.Plan(origin, "1", Now.AddMinutes(1)));
    }

    [Fact]
    public void A_changed_secret_ends_the_wait_after_a_credentials_failure_only()
    {
        var unauthorized = Failed(Origin(), nextRetry: Now.AddHours(5), credentialsVersion: "1", reason: OriginReasons.Unauthorized);
        var rejected = Failed(Origin(), nextRetry: Now.AddHours(5), credentialsVersion: "1", reason: OriginReasons.Rejected);

        Assert.Equal(new RegistrationPlan.Register(RegistrationCause.CredentialsChanged), _planner.Plan(unauthorized, "2", Now));
        Assert.Equal(new RegistrationPlan.Wait(Now.AddHours(5)), _planner.Plan(rejected, "2", Now));
    }

    [Fact]
    public void A_registration_in_flight_is_awaited_and_its_answer_written_only_while_it_is_about_the_object()
    {
        var origin = Origin();
        var sent = new OriginRegistration(origin.Spec.IntegrationType, origin.Spec.AllowedOrigin);
        using var cts = new CancellationTokenSource();
        var waiting = new PendingRegistration(1, sent, Resolved, null, new TaskCompletionSource<RegistrationOutcome>().Task, cts);
        var answered = waiting with { Outcome = Task.FromResult<RegistrationOutcome>(new Registered(5, "r")) };
        var aboutAnOlderSpec = answered with { Sent = sent with { AllowedOrigin = "https://old.partner.com" } };
        var cancelled = answered with { Outcome = Task.FromCanceled<RegistrationOutcome>(new CancellationToken(true)) };

        Assert.IsType<RegistrationPlan.AwaitAnswer>(_planner.Plan(origin, Resolved, waiting, Now));
        Assert.Equal(new Registered(5, "r"), Assert.IsType<RegistrationPlan.WriteAnswer>(_planner.Plan(origin, Resolved, answered, Now)).Outcome);
        Assert.Equal(new RegistrationPlan.Register(RegistrationCause.New), _planner.Plan(origin, Resolved, aboutAnOlderSpec, Now));
        Assert.Equal(new RegistrationPlan.Register(RegistrationCause.New), _planner.Plan(origin, Resolved, cancelled, Now));
    }

    [Fact]
    public void A_due_call_without_usable_credentials_becomes_a_credentials_problem()
    {
        var missing = new Credentials("tenant-acme/creds", null, "The credentials Secret tenant-acme/creds does not exist.", null);

        Assert.Equal(new RegistrationPlan.FixCredentials(missing.Problem!), _planner.Plan(Origin(), missing, null, Now));
        Assert.IsType<RegistrationPlan.UpToDate>(_planner.Plan(Registered(Origin(), Now.AddHours(-1)), missing, null, Now));
    }

    [Fact]
    public void A_Paused_reason_without_the_annotation_is_repaired_and_looked_at_again_when_due()
    {
        var origin = Registered(Origin(), Now.AddHours(-1));
        origin.Status!.Conditions![0].Reason = OriginReasons.Paused;

        var plan = Assert.IsType<RegistrationPlan.Unpause>(_planner.Plan(origin, Resolved, null, Now));

        Assert.Equal(((RegistrationPlan.UpToDate)_planner.Plan(origin, "1", Now)).RecheckAt, plan.RecheckAt);
    }

    [Fact]
    public void The_requeue_follows_from_the_plan_and_never_spins()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), RegistrationPlanner.RequeueAfter(new RegistrationPlan.Wait(Now.AddMinutes(5)), Now));
        Assert.Equal(RegistrationPlanner.MinimumRequeue, RegistrationPlanner.RequeueAfter(new RegistrationPlan.Wait(Now.AddSeconds(-5)), Now));
        Assert.Equal(RegistrationPlanner.MinimumRequeue, RegistrationPlanner.RequeueAfter(new RegistrationPlan.Register(RegistrationCause.Retry), Now));
        Assert.Null(RegistrationPlanner.RequeueAfter(new RegistrationPlan.UpToDate(null), Now));
        Assert.Null(RegistrationPlanner.RequeueAfter(new RegistrationPlan.Paused(), Now));
    }

    private static readonly Credentials Resolved = new("tenant-acme/gong", new GongCompany(new BasicCredentials("key", "secret")), null, "1");

    private static GongIntegrationOrigin Origin() => new()
    {
        Metadata = new V1ObjectMeta { Name = "acme-dialer", NamespaceProperty = "tenant-acme", Generation = 1, Uid = "0b7f5a9e-1" },
        Spec = new GongIntegrationOriginSpec { IntegrationType = IntegrationTypes.Dialer, AllowedOrigin = "https://acme.partner.com" },
        Status = new GongIntegrationOriginStatus { ObservedGeneration = 0 },
    };

    private static GongIntegrationOrigin Registered(GongIntegrationOrigin origin, DateTimeOffset at)
    {
        origin.Status = new GongIntegrationOriginStatus
        {
            ObservedGeneration = origin.Metadata.Generation ?? 1,
            IntegrationId = "5517027188234205706",
            RegisteredOrigin = origin.Spec.AllowedOrigin,
            RegisteredIntegrationType = origin.Spec.IntegrationType,
            LastRegisteredTime = at.UtcDateTime,
            CredentialsVersion = "1",
            Conditions = [new V1Condition { Type = ConditionTypes.Ready, Status = "True", Reason = OriginReasons.Registered, Message = "ok", LastTransitionTime = at.UtcDateTime }],
        };
        return origin;
    }

    private static GongIntegrationOrigin Failed(GongIntegrationOrigin origin, DateTimeOffset nextRetry, string credentialsVersion, string reason = OriginReasons.GongUnavailable)
    {
        origin.Status = new GongIntegrationOriginStatus
        {
            ObservedGeneration = origin.Metadata.Generation ?? 1,
            NextRetryTime = nextRetry.UtcDateTime,
            FailedAttempts = 2,
            CredentialsVersion = credentialsVersion,
            Conditions = [new V1Condition { Type = ConditionTypes.Ready, Status = "False", Reason = reason, Message = "x", LastTransitionTime = Now.UtcDateTime }],
        };
        return origin;
    }
}
