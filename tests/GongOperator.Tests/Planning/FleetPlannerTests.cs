using System.Text;
using GongOperator.Configuration;
using GongOperator.Gong;
using GongOperator.Kubernetes.Controllers;
using GongOperator.Planning;
using GongOperator.Reconciliation;
using GongOperator.Resources;
using k8s.Models;

namespace GongOperator.Tests.Planning;

/// <summary>The counting behind <c>gong-operator plan</c>: strategy, batches, rate, quota.</summary>
public sealed class FleetPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
    private static readonly ObjectKey SecretKey = new("t", "gong");

    private static readonly OperatorOptions Options = new() { DefaultCredentialsSecret = "t/gong" };

    private static PlanInput ClusterInput(params GongIntegrationOrigin[] origins) => new(
        origins,
        new Dictionary<ObjectKey, V1Secret>
        {
            [SecretKey] = new() { Metadata = new V1ObjectMeta { Name = "gong", NamespaceProperty = "t", ResourceVersion = "1" }, Data = new Dictionary<string, byte[]> { ["accessToken"] = Encoding.UTF8.GetBytes("tok") } },
        },
        new Dictionary<ObjectKey, string>(),
        FromCluster: true);

    private static GongIntegrationOrigin Origin(string name, string allowedOrigin, string? registered = null, long generation = 1, bool deleting = false, string ns = "t") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Generation = generation, DeletionTimestamp = deleting ? Now.UtcDateTime : null },
        Spec = new GongIntegrationOriginSpec { IntegrationType = "DIALER", AllowedOrigin = allowedOrigin },
        Status = registered is null ? null : new GongIntegrationOriginStatus
        {
            ObservedGeneration = registered == allowedOrigin ? generation : generation - 1,
            RegisteredOrigin = registered,
            RegisteredIntegrationType = "DIALER",
            LastRegisteredTime = Now.UtcDateTime.AddHours(-1),
            Conditions = [new V1Condition { Type = ConditionTypes.Ready, Status = "True", Reason = OriginReasons.Registered }],
        },
    };

    [Fact]
    public void FullSet_would_remove_what_status_says_was_registered_and_nothing_asks_for_any_more()
    {
        var input = ClusterInput(
            Origin("kept", "https://kept.partner.com", registered: "https://kept.partner.com"),
            Origin("moved", "https://new.partner.com", registered: "https://old.partner.com", generation: 2),
            Origin("gone", "https://gone.partner.com", registered: "https://gone.partner.com", deleting: true));

        var fullSet = FleetPlanner.Plan(input, Options with { RegistrationStrategy = RegistrationStrategyKind.FullSet }, Now);
        var incremental = FleetPlanner.Plan(input, Options, Now);

        var company = Assert.Single(fullSet.Companies);
        Assert.Equal((0, 1, 1, 2), (company.New, company.Changed, company.Unchanged, company.WouldBeRemoved));
        Assert.Equal(1, company.Calls);
        Assert.Equal(2, fullSet.Origins);
        Assert.Null(Assert.Single(incremental.Companies).WouldBeRemoved);
    }

    [Fact]
    public void The_tenant_policy_that_needs_no_Secret_refuses_origins_of_a_default_Secret_the_plan_may_not_read()
    {
        // On the cluster, the default Secret is forbidden to the planner; the namespace selector admits namespace "t" only.
        var forbidden = new PlanInput(
            [Origin("outside", "https://a.partner.com", ns: "elsewhere"),
             Origin("off-suffix", "https://b.example.net"),
             Origin("fine", "https://c.partner.com")],
            new Dictionary<ObjectKey, V1Secret>(),
            new Dictionary<ObjectKey, string> { [SecretKey] = "forbidden" },
            FromCluster: true,
            AdmittedNamespaces: new HashSet<string>(StringComparer.Ordinal) { "t" });

        var plan = FleetPlanner.Plan(forbidden, Options with { DefaultCredentialsNamespaceSelector = "gong=default", DefaultAllowedOriginSuffixes = [".partner.com"] }, Now);

        Assert.Equal(
            ["elsewhere/outside: CredentialsNotAllowed", "t/off-suffix: OriginNotAllowed"],
            plan.Refused.Select(r => $"{r.Name}: {r.Reason.Split(':')[0]}").Order(StringComparer.Ordinal));
        Assert.Equal(1, Assert.Single(plan.Companies).New);
        Assert.Contains(plan.Notes, n => n.StartsWith("credentials Secrets not seen: t/gong.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_removal_alone_costs_a_fullSet_call()
    {
        var input = ClusterInput(
            Origin("kept", "https://kept.partner.com", registered: "https://kept.partner.com"),
            Origin("gone", "https://gone.partner.com", registered: "https://gone.partner.com", deleting: true));

        var plan = FleetPlanner.Plan(input, Options with { RegistrationStrategy = RegistrationStrategyKind.FullSet }, Now);

        Assert.Equal(1, plan.Calls);
        Assert.Equal(0, FleetPlanner.Plan(input, Options, Now).Calls);
    }

    [Fact]
    public void Calls_beyond_the_daily_quota_are_said_to_wait_and_time_counts_only_todays()
    {
        var origins = Enumerable.Range(0, 25).Select(i => Origin($"o{i}", $"https://o{i}.partner.com")).ToArray();
        var options = Options with { GongBatchSize = 2, GongDailyQuota = 10, GongRatePerSecond = 1, GongPacingMargin = TimeSpan.Zero };

        var plan = FleetPlanner.Plan(ClusterInput(origins), options, Now);

        var company = Assert.Single(plan.Companies);
        Assert.Equal(13, company.Calls);
        Assert.Equal(TimeSpan.FromSeconds(9), company.Duration);
        Assert.Equal(1.3, company.QuotaShare, 3);
        Assert.Contains("3 calls wait for later days' quota", PlanReport.Format(plan), StringComparison.Ordinal);
    }

    [Fact]
    public void A_due_reassertion_is_unchanged_but_costs_a_call()
    {
        var old = Origin("old", "https://old.partner.com", registered: "https://old.partner.com");
        old.Status!.LastRegisteredTime = Now.UtcDateTime.AddDays(-2);

        var company = Assert.Single(FleetPlanner.Plan(ClusterInput(old), Options, Now).Companies);

        Assert.Equal((1, 1, 1), (company.Unchanged, company.DueAgain, company.Calls));
    }

    [Fact]
    public void Origins_of_an_OAuth_seed_are_one_company_named_by_the_seed()
    {
        var input = ClusterInput(Origin("a", "https://a.partner.com"), Origin("b", "https://b.partner.com"));
        input.Secrets[SecretKey].Data = new Dictionary<string, byte[]>
        {
            ["clientId"] = Encoding.UTF8.GetBytes("app"),
            ["clientSecret"] = Encoding.UTF8.GetBytes("client-secret-value"),
            ["refreshToken"] = Encoding.UTF8.GetBytes("refresh-token-value"),
        };

        var plan = FleetPlanner.Plan(input, Options, Now);

        var company = Assert.Single(plan.Companies);
        Assert.Equal((2, 1), (company.New, company.Calls));
        var report = PlanReport.Format(plan);
        Assert.Contains("secret:t/gong (OAuth)", report, StringComparison.Ordinal);
        Assert.DoesNotContain("-value", report, StringComparison.Ordinal);
    }
}
