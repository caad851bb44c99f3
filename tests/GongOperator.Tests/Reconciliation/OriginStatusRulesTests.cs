using GongOperator.Gong;
using GongOperator.Reconciliation;
using GongOperator.Resources;
using k8s.Models;

namespace GongOperator.Tests.Reconciliation;

public sealed class OriginStatusRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly Credentials Demo = new("ns/gong", new GongCompany(new BasicCredentials("key", "s3cr3t-value")), null, "7");

    [Fact]
    public void Registered_writes_the_exact_id_all_registration_fields_and_a_Normal_event()
    {
        var origin = Origin();

        var change = OriginStatusRules.ApplyOutcome(origin, new Registered(9223372036854775807, "req-1"), Demo, "token-1", Now);

        Assert.True(change.Changed);
        Assert.Equal(new OriginEvent("Normal", "Registered", "Gong accepted https://acme.partner.com for DIALER."), change.Event);
        var status = origin.Status!;
        Assert.Equal("9223372036854775807", status.IntegrationId);
        Assert.Equal(("https://acme.partner.com", "DIALER", "req-1", "7", "token-1"), (status.RegisteredOrigin, status.RegisteredIntegrationType, status.LastRequestId, status.CredentialsVersion, status.ReassertToken));
        Assert.Equal(Now.UtcDateTime, status.LastRegisteredTime);
        Assert.Equal(3, status.Conditions!.Count);
    }

    [Fact]
    public void A_409_after_a_spec_change_drops_the_old_origins_id_and_says_the_new_id_is_not_known()
    {
        var origin = Origin();
        OriginStatusRules.ApplyOutcome(origin, new Registered(41, "a"), Demo, null, Now);
        origin.Spec.AllowedOrigin = "https://other.partner.com";

        OriginStatusRules.ApplyOutcome(origin, new AlreadyRegistered("b", ["already reported"]), Demo, null, Now.AddMinutes(1));

        Assert.Null(origin.Status!.IntegrationId);
        Assert.Equal("https://other.partner.com", origin.Status.RegisteredOrigin);
        var ready = origin.Status.Conditions!.Single(c => c.Type == ConditionTypes.Ready);
        Assert.Equal(OriginReasons.AlreadyRegistered, ready.Reason);
        Assert.StartsWith("Gong already has https://other.partner.com for DIALER (409 Conflict: already reported). Its integrationId is not known: ", ready.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_409_for_the_origin_already_registered_keeps_its_id_and_says_nothing_more()
    {
        var origin = Origin();
        OriginStatusRules.ApplyOutcome(origin, new Registered(41, "a"), Demo, null, Now);

        OriginStatusRules.ApplyOutcome(origin, new AlreadyRegistered("b", ["already reported"]), Demo, "reassert-1", Now.AddMinutes(1));

        Assert.Equal("41", origin.Status!.IntegrationId);
        Assert.Equal("Gong already has https://acme.partner.com for DIALER (409 Conflict: already reported).", origin.Status.Conditions!.Single(c => c.Type == ConditionTypes.Ready).Message);
    }

    [Fact]
    public void A_repeated_rate_limit_changes_no_condition_and_records_no_second_event()
    {
        var origin = Origin();
        var first = OriginStatusRules.ApplyOutcome(origin, new RateLimited(Now.AddSeconds(5), "a", null), Demo, null, Now);
        var transition = origin.Status!.Conditions!.Single(c => c.Type == ConditionTypes.Ready).LastTransitionTime;

        var second = OriginStatusRules.ApplyOutcome(origin, new RateLimited(Now.AddSeconds(20), "b", null), Demo, null, Now.AddSeconds(6));

        Assert.NotNull(first.Event);
        Assert.Null(second.Event);
        Assert.Equal(Now.AddSeconds(20).UtcDateTime, origin.Status.NextRetryTime);
        Assert.Equal(transition, origin.Status.Conditions!.Single(c => c.Type == ConditionTypes.Ready).LastTransitionTime);
        Assert.Equal("True", origin.Status.Conditions!.Single(c => c.Type == ConditionTypes.Reconciling).Status);
    }

    [Fact]
    public void A_transient_failure_of_a_registered_origin_keeps_it_Ready_and_marks_it_Reconciling()
    {
        var origin = Origin();
        OriginStatusRules.ApplyOutcome(origin, new Registered(1, "a"), Demo, null, Now);

        OriginStatusRules.ApplyOutcome(origin, Unavailable.HttpStatus(503), Demo, null, Now.AddDays(1));

        var conditions = origin.Status!.Conditions!;
        Assert.Equal(("True", "Registered"), (conditions.Single(c => c.Type == ConditionTypes.Ready).Status, conditions.Single(c => c.Type == ConditionTypes.Ready).Reason));
        Assert.Equal(("True", "GongUnavailable"), (conditions.Single(c => c.Type == ConditionTypes.Reconciling).Status, conditions.Single(c => c.Type == ConditionTypes.Reconciling).Reason));
        Assert.Equal(1, origin.Status.FailedAttempts);
        Assert.Equal(Now.AddDays(1).Add(Backoff.TransientBase).UtcDateTime, origin.Status.NextRetryTime);
    }

    [Fact]
    public void Rejected_stalls_with_Gongs_errors_and_a_long_backoff()
    {
        var origin = Origin();

        var change = OriginStatusRules.ApplyOutcome(origin, new Rejected("r", ["allowedOrigin is not under the registered domain."]), Demo, null, Now);

        var stalled = origin.Status!.Conditions!.Single(c => c.Type == ConditionTypes.Stalled);
        Assert.Equal("True", stalled.Status);
        Assert.Equal("Gong rejected https://acme.partner.com for DIALER: allowedOrigin is not under the registered domain. Fix the spec; the operator retries on a spec change or after a long backoff.", stalled.Message);
        Assert.Equal("Warning", change.Event!.Type);
        Assert.Equal(Now.Add(Backoff.NeedingAPersonBase).UtcDateTime, origin.Status.NextRetryTime);
    }

    [Fact]
    public void Messages_never_carry_the_secret()
    {
        var origin = Origin();

        var change = OriginStatusRules.ApplyOutcome(origin, new Unauthorized(401, "r", ["bad credentials"]), Demo, null, Now);

        Assert.DoesNotContain("s3cr3t-value", change.Event!.Message, StringComparison.Ordinal);
        Assert.All(origin.Status!.Conditions!, c => Assert.DoesNotContain("s3cr3t-value", c.Message, StringComparison.Ordinal));
        Assert.Contains("Secret ns/gong (HTTP 401): bad credentials.", change.Event.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(7, 600)]
    [InlineData(40, 600)]
    public void Transient_backoff_doubles_up_to_its_cap(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.AfterTransientFailure(attempts));

    private static GongIntegrationOrigin Origin() => new()
    {
        Metadata = new V1ObjectMeta { Name = "acme", NamespaceProperty = "ns", Generation = 1 },
        Spec = new GongIntegrationOriginSpec { IntegrationType = IntegrationTypes.Dialer, AllowedOrigin = "https://acme.partner.com" },
    };
}
