using GongOperator.Hosting;
using GongOperator.Reconciliation;
using GongOperator.Resources;
using k8s;
using k8s.Models;
using Simulator = GongOperator.GongSimulator.GongSimulator;

namespace GongOperator.Tests.EndToEnd;

/// <summary>Issue 16: tenants in one cluster cannot affect each other, and the platform team decides who may register what.</summary>
public sealed class TenantIsolationIntegrationTests
{
    private const int OriginsPerTenant = 3;

    [Fact]
    public async Task Two_namespaces_whose_Secrets_share_an_access_key_id_get_separate_calls_and_only_the_wrong_one_is_Unauthorized()
    {
        var other = "e2e-" + Guid.NewGuid().ToString("N")[..10];
// One origin a call, so that the calls outnumber the rate and the shared budget has something to pace.
        await using var env = await OperatorEnvironment.StartAsync(configure: o => o with { Namespaces = [.. o.Namespaces, other], GongBatchSize = 1 }, startOperator: false);
        try
        {
            var ct = TestContext.Current.CancellationToken;
            await ClusterBootstrap.EnsureNamespaceAsync(env.Client, other, ct);
            await env.WriteSecretAsync("gong-right", Credentials(Simulator.DemoAccessKeySecret));
            await env.WriteSecretAsync("gong-wrong", Credentials("not-the-secret"), other);
            await env.StartOperatorAsync();

            const int count = OriginsPerTenant;
            for (var i = 0; i < count; i++)
            {
                await env.CreateOriginAsync($"right-{i}", $"https://right{i}.partner.com", secretName: "gong-right");
                await env.CreateOriginAsync($"wrong-{i}", $"https://wrong{i}.partner.com", secretName: "gong-wrong", ns: other);
            }

            for (var i = 0; i < count; i++)
            {
                await env.WaitForReasonAsync($"right-{i}", OriginReasons.Registered);
                var refused = await env.WaitForReasonAsync($"wrong-{i}", OriginReasons.Unauthorized, ns: other);
                Assert.Contains($"Secret {other}/gong-wrong", refused.Status!.Conditions!.Single(c => c.Type == "Ready").Message, StringComparison.Ordinal);
            }

            // Each call carried the origins of one Secret only: the 200s the right ones, the 401s the wrong ones.
            var calls = env.Simulator.Calls;
            Assert.All(calls, c =>
            {
                var prefix = c.Status == 200 ? "https://right" : "https://wrong";
                Assert.All(c.Items, item => Assert.StartsWith(prefix, item.AllowedOrigin, StringComparison.Ordinal));
            });
            Assert.Contains(calls, c => c.Status == 401);

            // One company, one budget: never more than 3 calls in any second across both Secrets.
            var times = calls.Select(c => c.Time).Order().ToArray();
            Assert.True(times.Length > 3, $"only {times.Length} calls: the rate check below needs more than 3");
            for (var i = 3; i < times.Length; i++)
            {
                Assert.True(times[i] - times[i - 3] >= TimeSpan.FromSeconds(1), $"calls {i - 3} and {i} of the company fell within one second");
            }
        }
        finally
        {
            await env.DeleteNamespaceAsync(other);
        }
    }

    [Fact]
    public async Task A_namespace_outside_the_selector_cannot_use_the_default_Secret_until_a_label_admits_it()
    {
        var label = "gongoperator.io/e2e-" + Guid.NewGuid().ToString("N")[..8];
        await using var env = await OperatorEnvironment.StartAsync(configure: o => o with { DefaultCredentialsNamespaceSelector = label + "=allowed" });

        await env.CreateOriginAsync("acme", "https://acme.partner.com");
        var refused = await env.WaitForReasonAsync("acme", OriginReasons.CredentialsNotAllowed);

        Assert.Equal("True", refused.Status!.Conditions!.Single(c => c.Type == "Stalled").Status);
        Assert.Contains($"Namespace {env.Namespace} may not use", refused.Status.Conditions!.Single(c => c.Type == "Ready").Message, StringComparison.Ordinal);
        Assert.Equal(0, env.GongCalls);

        await env.Client.CoreV1.PatchNamespaceAsync(
            new V1Patch("{\"metadata\":{\"labels\":{\"" + label + "\":\"allowed\"}}}", V1Patch.PatchType.MergePatch),
            env.Namespace,
            cancellationToken: TestContext.Current.CancellationToken);

        await env.WaitForReasonAsync("acme", OriginReasons.Registered);
        Assert.Equal(1, env.GongCalls);
    }

    [Fact]
    public async Task Origins_outside_the_allowed_suffixes_are_refused_without_a_call()
    {
        await using var env = await OperatorEnvironment.StartAsync(configure: o => o with { DefaultAllowedOriginSuffixes = [".acme.partner.com"] });
        var own = new Dictionary<string, string>(Credentials(Simulator.DemoAccessKeySecret)) { ["allowedOriginSuffixes"] = ".globex.partner.com" };
        await env.WriteSecretAsync("gong-globex", own);

        await env.CreateOriginAsync("outside-default", "https://globex.partner.com");
        await env.CreateOriginAsync("outside-own", "https://shop.acme.partner.com", secretName: "gong-globex");
        var refusedByFlag = await env.WaitForReasonAsync("outside-default", OriginReasons.OriginNotAllowed);
        var refusedBySecret = await env.WaitForReasonAsync("outside-own", OriginReasons.OriginNotAllowed);

        Assert.Contains("--default-allowed-origin-suffixes (.acme.partner.com)", Message(refusedByFlag), StringComparison.Ordinal);
        Assert.Contains($"allowedOriginSuffixes of Secret {env.Namespace}/gong-globex (.globex.partner.com)", Message(refusedBySecret), StringComparison.Ordinal);
        Assert.Equal(0, env.GongCalls);

        await env.CreateOriginAsync("inside", "https://shop.acme.partner.com");
        await env.WaitForReasonAsync("inside", OriginReasons.Registered);
        Assert.Equal(1, env.GongCalls);
        Assert.Equal(["https://shop.acme.partner.com"], env.Simulator.Calls.SelectMany(c => c.Items).Select(i => i.AllowedOrigin));
    }

    private static Dictionary<string, string> Credentials(string secret) => new()
    {
        ["accessKey"] = Simulator.DemoAccessKey,
        ["accessKeySecret"] = secret,
    };

    private static string Message(GongIntegrationOrigin origin) => origin.Status!.Conditions!.Single(c => c.Type == "Ready").Message;
}
