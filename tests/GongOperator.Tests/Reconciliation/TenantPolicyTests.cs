using System.Text;
using GongOperator.Gong;
using GongOperator.Kubernetes.Controllers;
using GongOperator.Reconciliation;
using GongOperator.Resources;
using k8s.Models;

namespace GongOperator.Tests.Reconciliation;

/// <summary>Issue 16 item 2: who may use the default credentials, and which origins credentials may register; the planner makes no call for a refused origin.</summary>
public sealed class TenantPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly ObjectKey DefaultSecret = new("ops", "gong");
    private readonly RegistrationPlanner _planner = new(RegistrationPlanner.DefaultReassertPeriod);

    private readonly Dictionary<ObjectKey, V1Secret> _secrets = new()
    {
        [DefaultSecret] = Secret(("accessKey", "k"), ("accessKeySecret", "hunter2")),
        [new("tenant-a", "own")] = Secret(("accessKey", "k"), ("accessKeySecret", "hunter2"), ("allowedOriginSuffixes", ".acme.partner.com,\n partner.io ")),
        [new("tenant-a", "bad")] = Secret(("accessKey", "k"), ("accessKeySecret", "hunter2"), ("allowedOriginSuffixes", "https://*.partner.com")),
    };

    [Fact]
    public void A_namespace_outside_the_selector_without_its_own_Secret_is_refused_before_anything_else_and_no_call_is_planned()
    {
        var resolver = Resolver(new TenantPolicy(ns => ns == "tenant-a", "gongoperator.io/default-credentials=allowed", null));

        var refused = resolver.Resolve(Origin("tenant-b", null, "https://b.partner.com"));
        var plan = _planner.Plan(Origin("tenant-b", null, "https://b.partner.com"), refused, null, Now);

        var notAllowed = Assert.IsType<RegistrationPlan.NotAllowed>(plan);
        Assert.Equal(OriginReasons.CredentialsNotAllowed, notAllowed.Reason);
        Assert.Contains("tenant-b", notAllowed.Problem, StringComparison.Ordinal);
        Assert.Contains("gongoperator.io/default-credentials=allowed", notAllowed.Problem, StringComparison.Ordinal);
        Assert.Null(RegistrationPlanner.RequeueAfter(plan, Now));
        Assert.IsType<RegistrationPlan.Register>(_planner.Plan(Origin("tenant-a", null, "https://a.partner.com"), resolver.Resolve(Origin("tenant-a", null, "https://a.partner.com")), null, Now));
    }

    [Fact]
    public void A_namespace_outside_the_selector_may_still_use_its_own_Secret()
    {
        var resolver = Resolver(new TenantPolicy(_ => false, "x=y", null));

        var origin = Origin("tenant-a", "own", "https://shop.acme.partner.com");

        Assert.IsType<RegistrationPlan.Register>(_planner.Plan(origin, resolver.Resolve(origin), null, Now));
    }

    [Theory]
    [InlineData("https://shop.acme.partner.com", true)]
    [InlineData("https://acme.partner.com", false)]
    [InlineData("https://partner.io:8443", true)]
    [InlineData("https://app.partner.io", true)]
    [InlineData("https://evilpartner.io", false)]
    [InlineData("https://globex.partner.com", false)]
    public void An_origin_outside_its_Secrets_allowed_suffixes_is_refused_with_no_call(string allowedOrigin, bool allowed)
    {
        var resolver = Resolver(TenantPolicy.Trusting);
        var origin = Origin("tenant-a", "own", allowedOrigin);

        var plan = _planner.Plan(origin, resolver.Resolve(origin), null, Now);

        if (allowed)
        {
            Assert.IsType<RegistrationPlan.Register>(plan);
        }
        else
        {
            var refused = Assert.IsType<RegistrationPlan.NotAllowed>(plan);
            Assert.Equal(OriginReasons.OriginNotAllowed, refused.Reason);
            Assert.Contains("allowedOriginSuffixes of Secret tenant-a/own (.acme.partner.com, partner.io)", refused.Problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_default_Secrets_flag_applies_to_origins_using_the_default_only()
    {
        var resolver = Resolver(new TenantPolicy(_ => true, null, new OriginSuffixes("--default-allowed-origin-suffixes", [".acme.partner.com"])));
        var outside = Origin("tenant-a", null, "https://globex.partner.io");
        var ownSecret = Origin("tenant-a", "own", "https://globex.partner.io");

        var refused = Assert.IsType<RegistrationPlan.NotAllowed>(_planner.Plan(outside, resolver.Resolve(outside), null, Now));
        Assert.Contains("--default-allowed-origin-suffixes", refused.Problem, StringComparison.Ordinal);
        Assert.IsType<RegistrationPlan.Register>(_planner.Plan(ownSecret, resolver.Resolve(ownSecret), null, Now));
    }

    [Fact]
    public void A_bad_suffix_entry_makes_the_Secret_invalid()
    {
        var origin = Origin("tenant-a", "bad", "https://a.partner.com");

        var plan = _planner.Plan(origin, Resolver(TenantPolicy.Trusting).Resolve(origin), null, Now);

        var fix = Assert.IsType<RegistrationPlan.FixCredentials>(plan);
        Assert.Contains("'https://*.partner.com' is not a host name suffix", fix.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_origin_is_written_Stalled_with_no_backoff_and_admitted_at_the_next_reconcile_once_the_policy_allows()
    {
        var admitted = false;
        var resolver = Resolver(new TenantPolicy(_ => admitted, "team=a", null));
        var origin = Origin("tenant-b", null, "https://b.partner.com");
        var refused = (RegistrationPlan.NotAllowed)_planner.Plan(origin, resolver.Resolve(origin), null, Now);

        var change = OriginStatusRules.NotAllowed(origin, resolver.Resolve(origin), refused.Reason, refused.Problem, Now);

        Assert.True(change.Changed);
        Assert.Equal(OriginReasons.CredentialsNotAllowed, change.Event!.Reason);
        Assert.Null(origin.Status!.NextRetryTime);
        Assert.Equal("True", origin.Status.Conditions!.Single(c => c.Type == ConditionTypes.Stalled).Status);
        admitted = true;
        Assert.IsType<RegistrationPlan.Register>(_planner.Plan(origin, resolver.Resolve(origin), null, Now));
    }

    private CredentialsResolver Resolver(TenantPolicy policy) =>
        new(k => _secrets.GetValueOrDefault(k), DefaultSecret, new Uri("https://api.gong.io"), policy);

    private static GongIntegrationOrigin Origin(string ns, string? secret, string allowedOrigin) => new()
    {
        Metadata = new V1ObjectMeta { Name = "o", NamespaceProperty = ns, Generation = 1 },
        Spec = new GongIntegrationOriginSpec
        {
            IntegrationType = IntegrationTypes.Dialer,
            AllowedOrigin = allowedOrigin,
            CredentialsSecretRef = secret is null ? null : new SecretReference { Name = secret },
        },
    };

    private static V1Secret Secret(params (string Key, string Value)[] data) => new()
    {
        Metadata = new V1ObjectMeta { ResourceVersion = "1" },
        Data = data.ToDictionary(d => d.Key, d => Encoding.UTF8.GetBytes(d.Value)),
    };
}
