using System.Net.Http.Headers;
using System.Text;
using GongOperator.GongSimulator;
using GongOperator.Reconciliation;
using GongOperator.Resources;
using k8s;
using k8s.Models;
using Simulator = GongOperator.GongSimulator.GongSimulator;

namespace GongOperator.Tests.EndToEnd;

/// <summary>The operator end to end: a cluster, the Gong simulator, and the operator, driven through the API and kubectl.</summary>
public sealed class OriginLifecycleIntegrationTests
{
    private const long BigId = 5517027188234205706;

    [Fact]
    public async Task A_new_origin_becomes_Ready_with_the_exact_integrationId_from_one_call()
    {
        await using var env = await OperatorEnvironment.StartAsync(new GongSimulatorOptions { Faults = new SimulatorFaultSpec { NextIntegrationIds = [BigId] } });

        await env.CreateOriginAsync("acme-dialer", "https://acme.partner.com");
        var origin = await env.WaitForReasonAsync("acme-dialer", OriginReasons.Registered);

        Assert.Equal("5517027188234205706", origin.Status!.IntegrationId);
        Assert.Equal("https://acme.partner.com", origin.Status.RegisteredOrigin);
        Assert.Equal(IntegrationTypes.Dialer, origin.Status.RegisteredIntegrationType);
        Assert.NotNull(origin.Status.LastRequestId);
        Assert.Equal(1, env.GongCalls);
        var ready = origin.Status.Conditions!.Single(c => c.Type == ConditionTypes.Ready);
        Assert.Equal("Gong accepted https://acme.partner.com for DIALER.", ready.Message);
        Assert.Equal(1, ready.ObservedGeneration);
    }

    [Fact]
    public async Task A_changed_spec_registers_once_more_and_annotation_changes_cost_nothing()
    {
        await using var env = await OperatorEnvironment.StartAsync();
        await env.CreateOriginAsync("acme", "https://acme.partner.com");
        await env.WaitForReasonAsync("acme", OriginReasons.Registered);

        for (var i = 0; i < 20; i++)
        {
            await env.PatchOriginAsync("acme", "{\"metadata\":{\"annotations\":{\"note\":\"change " + i + "\"},\"labels\":{\"round\":\"r" + i + "\"}}}");
        }

        await env.PatchOriginAsync("acme", """{"spec":{"allowedOrigin":"https://acme2.partner.com"}}""");
        var origin = await env.WaitForReasonAsync("acme", OriginReasons.Registered);
        await Eventually.HoldsAsync(async () => (await env.GetOriginAsync("acme")).Status?.RegisteredOrigin == "https://acme2.partner.com", "the new origin was registered");

        Assert.Equal(2, origin.Metadata.Generation);
        Assert.Equal(2, env.GongCalls);
    }

    [Fact]
    public async Task A_reassert_annotation_value_registers_again_once()
    {
        await using var env = await OperatorEnvironment.StartAsync();
        await env.CreateOriginAsync("acme", "https://acme.partner.com");
        await env.WaitForReasonAsync("acme", OriginReasons.Registered);

        await env.PatchOriginAsync("acme", "{\"metadata\":{\"annotations\":{\"" + OriginAnnotations.Reassert + "\":\"now\"}}}");

        await Eventually.HoldsAsync(async () => (await env.GetOriginAsync("acme")).Status?.ReassertToken == "now", "the reassert was acted on");
        Assert.Equal(2, env.GongCalls);
        Assert.Equal(OriginReasons.AlreadyRegistered, (await env.GetOriginAsync("acme")).Status!.Conditions!.Single(c => c.Type == ConditionTypes.Ready).Reason);
    }

    [Fact]
    public async Task A_429_is_obeyed_until_Retry_After_and_then_the_origin_registers()
    {
        await using var env = await OperatorEnvironment.StartAsync(new GongSimulatorOptions { Faults = new SimulatorFaultSpec { StormSeconds = 2, StormRetryAfterSeconds = 2 } });

        await env.CreateOriginAsync("acme", "https://acme.partner.com");
        var limited = await env.WaitForReasonAsync("acme", OriginReasons.RateLimited);
        Assert.NotNull(limited.Status!.NextRetryTime);
        Assert.Equal("True", limited.Status.Conditions!.Single(c => c.Type == ConditionTypes.Reconciling).Status);
        await env.WaitForReasonAsync("acme", OriginReasons.Registered, TimeSpan.FromSeconds(30));

        var calls = env.Simulator.Calls;
        var first429 = calls.First(c => c.Status == 429);
        var next = calls.First(c => c.Sequence > first429.Sequence);
        Assert.True(next.Time >= first429.Time.AddSeconds(2) - TimeSpan.FromMilliseconds(50), $"a call at {next.Time:O} came before Retry-After ended ({first429.Time.AddSeconds(2):O})");
    }

    [Fact]
    public async Task A_spent_daily_quota_gives_QuotaExhausted_and_no_call()
    {
        await using var env = await OperatorEnvironment.StartAsync(configure: o => o with { GongDailyQuota = 1 });
        await env.CreateOriginAsync("first", "https://first.partner.com");
        await env.WaitForReasonAsync("first", OriginReasons.Registered);

        await env.CreateOriginAsync("second", "https://second.partner.com");
        var second = await env.WaitForReasonAsync("second", OriginReasons.QuotaExhausted);

        Assert.Equal(1, env.GongCalls);
        Assert.Equal(DateTime.UtcNow.Date.AddDays(1), second.Status!.NextRetryTime!.Value.ToUniversalTime());
    }

    [Fact]
    public async Task A_409_gives_AlreadyRegistered()
    {
        await using var env = await OperatorEnvironment.StartAsync();
        await RegisterDirectlyAsync(env.Simulator, "https://acme.partner.com");

        await env.CreateOriginAsync("acme", "https://acme.partner.com");

        var origin = await env.WaitForReasonAsync("acme", OriginReasons.AlreadyRegistered);
        Assert.Equal("True", origin.Status!.Conditions!.Single(c => c.Type == ConditionTypes.Ready).Status);
    }

    [Fact]
    public async Task A_400_stalls_with_Gongs_message()
    {
        await using var env = await OperatorEnvironment.StartAsync(new GongSimulatorOptions
        {
            Companies = [new SimulatedCompany(Simulator.DemoCompanyName) { AccessKey = Simulator.DemoAccessKey, AccessKeySecret = Simulator.DemoAccessKeySecret, PartnerDomain = "partner.com" }],
        });

        await env.CreateOriginAsync("stranger", "https://acme.elsewhere.com");

        var origin = await env.WaitForReasonAsync("stranger", OriginReasons.Rejected);
        var stalled = origin.Status!.Conditions!.Single(c => c.Type == ConditionTypes.Stalled);
        Assert.Equal("True", stalled.Status);
        Assert.Contains("Gong rejected https://acme.elsewhere.com for DIALER: ", stalled.Message, StringComparison.Ordinal);
        Assert.Contains("partner.com", stalled.Message, StringComparison.Ordinal);
        Assert.Equal(1, origin.Status.FailedAttempts);
        Assert.Equal(1, env.GongCalls);
    }

    [Fact]
    public async Task A_401_stalls_as_Unauthorized_and_recovers_when_the_Secret_is_fixed()
    {
        await using var env = await OperatorEnvironment.StartAsync();
        await env.WriteSecretAsync("acme-credentials", new Dictionary<string, string> { ["accessKey"] = Simulator.DemoAccessKey, ["accessKeySecret"] = "wrong-secret-value" });

        await env.CreateOriginAsync("acme", "https://acme.partner.com", secretName: "acme-credentials");
        var refused = await env.WaitForReasonAsync("acme", OriginReasons.Unauthorized);
        Assert.Contains("Secret " + env.Namespace + "/acme-credentials", refused.Status!.Conditions!.Single(c => c.Type == ConditionTypes.Ready).Message, StringComparison.Ordinal);

        await env.WriteSecretAsync("acme-credentials", new Dictionary<string, string> { ["accessKey"] = Simulator.DemoAccessKey, ["accessKeySecret"] = Simulator.DemoAccessKeySecret });

        var fixedOrigin = await env.WaitForReasonAsync("acme", OriginReasons.Registered);
        Assert.Equal(0, fixedOrigin.Status!.FailedAttempts);
        Assert.Null(fixedOrigin.Status.NextRetryTime);
    }

    [Fact]
    public async Task A_missing_Secret_stalls_without_a_call()
    {
        await using var env = await OperatorEnvironment.StartAsync();

        await env.CreateOriginAsync("acme", "https://acme.partner.com", secretName: "no-such-secret");

        var origin = await env.WaitForReasonAsync("acme", OriginReasons.CredentialsInvalid);
        Assert.Contains("does not exist", origin.Status!.Conditions!.Single(c => c.Type == ConditionTypes.Stalled).Message, StringComparison.Ordinal);
        Assert.Equal(0, env.GongCalls);
    }

    [Fact]
    public async Task The_paused_annotation_stops_calls_until_removed()
    {
        await using var env = await OperatorEnvironment.StartAsync();
        var origin = new GongIntegrationOrigin
        {
            Metadata = new V1ObjectMeta { Name = "paused", NamespaceProperty = env.Namespace, Annotations = new Dictionary<string, string> { [OriginAnnotations.Paused] = "true" } },
            Spec = new GongIntegrationOriginSpec { IntegrationType = IntegrationTypes.Dialer, AllowedOrigin = "https://paused.partner.com" },
        };
        await env.Client.CustomObjects.CreateNamespacedCustomObjectAsync(origin, GongIntegrationOrigin.Group, GongIntegrationOrigin.Version, env.Namespace, GongIntegrationOrigin.Plural, cancellationToken: TestContext.Current.CancellationToken);

        await env.WaitForReasonAsync("paused", OriginReasons.Paused);
        Assert.Equal(0, env.GongCalls);

        await env.PatchOriginAsync("paused", "{\"metadata\":{\"annotations\":{\"" + OriginAnnotations.Paused + "\":null}}}");
        await env.WaitForReasonAsync("paused", OriginReasons.Registered);
        Assert.Equal(1, env.GongCalls);

        // Pausing and resuming a registered origin restores its state without a call.
        await env.PatchOriginAsync("paused", "{\"metadata\":{\"annotations\":{\"" + OriginAnnotations.Paused + "\":\"true\"}}}");
        var paused = await env.WaitForReasonAsync("paused", OriginReasons.Paused);
        Assert.Equal("True", paused.Status!.Conditions!.Single(c => c.Type == ConditionTypes.Ready).Status);
        await env.PatchOriginAsync("paused", "{\"metadata\":{\"annotations\":{\"" + OriginAnnotations.Paused + "\":null}}}");
        await env.WaitForReasonAsync("paused", OriginReasons.Registered);
        Assert.Equal(1, env.GongCalls);
    }

    [Fact]
    public async Task Deleting_an_origin_leaves_no_finalizer_and_records_an_Event()
    {
        await using var env = await OperatorEnvironment.StartAsync();
        await env.CreateOriginAsync("acme", "https://acme.partner.com");
        var origin = await env.WaitForReasonAsync("acme", OriginReasons.Registered);
        Assert.Null(origin.Metadata.Finalizers);

        await env.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(GongIntegrationOrigin.Group, GongIntegrationOrigin.Version, env.Namespace, GongIntegrationOrigin.Plural, "acme", cancellationToken: TestContext.Current.CancellationToken);

        await Eventually.HoldsAsync(
            async () => (await env.Client.CoreV1.ListNamespacedEventAsync(env.Namespace, cancellationToken: TestContext.Current.CancellationToken)).Items
                .Any(e => e.Reason == "StoppedManaging" && e.InvolvedObject.Name == "acme" && e.Message.Contains("Gong keeps https://acme.partner.com for DIALER", StringComparison.Ordinal)),
            "a StoppedManaging event was recorded");
        var list = await env.Client.CustomObjects.ListNamespacedCustomObjectAsync(GongIntegrationOrigin.Group, GongIntegrationOrigin.Version, env.Namespace, GongIntegrationOrigin.Plural, cancellationToken: TestContext.Current.CancellationToken);
        Assert.DoesNotContain("\"acme\"", list.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hundred_origins_for_one_company_take_a_handful_of_calls()
    {
        await using var env = await OperatorEnvironment.StartAsync();

        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => env.CreateOriginAsync($"tenant-{i:000}", $"https://tenant-{i:000}.partner.com")));

        await Eventually.HoldsAsync(
            async () => (await ListAsync(env)).Count(IsRegistered) == 100,
            "all 100 origins registered",
            TimeSpan.FromSeconds(60));
        Assert.InRange(env.GongCalls, 1, 6);
    }

    [Fact]
    public async Task Restarting_the_operator_with_registered_origins_makes_no_Gong_call()
    {
        await using var env = await OperatorEnvironment.StartAsync();
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => env.CreateOriginAsync($"tenant-{i:000}", $"https://tenant-{i:000}.partner.com")));
        await Eventually.HoldsAsync(async () => (await ListAsync(env)).Count(IsRegistered) == 200, "all 200 origins registered", TimeSpan.FromSeconds(90));

        await env.StopOperatorAsync();
        env.Simulator.ClearCalls();
        await env.StartOperatorAsync();

        // A checkpoint: one new origin registers, so the restarted operator has looked at every older one.
        await env.CreateOriginAsync("checkpoint", "https://checkpoint.partner.com");
        await env.WaitForReasonAsync("checkpoint", OriginReasons.Registered);
        Assert.Equal(["https://checkpoint.partner.com"], env.Simulator.Calls.SelectMany(c => c.Items).Select(i => i.AllowedOrigin));
    }

    [Fact]
    public async Task A_graceful_stop_writes_the_answer_to_a_call_already_made()
    {
        await using var env = await OperatorEnvironment.StartAsync(new GongSimulatorOptions { Faults = new SimulatorFaultSpec { LatencyMs = 1500, NextIntegrationIds = [BigId] } });
        await env.CreateOriginAsync("slow", "https://slow.partner.com");
        await Eventually.HoldsAsync(() => env.Operator!.RegistrationsInFlight == 1, "the registration was handed to Gong");

        await env.StopOperatorAsync();

        var origin = await env.GetOriginAsync("slow");
        Assert.Equal("5517027188234205706", origin.Status?.IntegrationId);
    }

    private static bool IsRegistered(GongIntegrationOrigin origin) =>
        origin.Status?.Conditions?.Any(c => c.Type == ConditionTypes.Ready && c.Status == "True") == true;

    private static async Task<IList<GongIntegrationOrigin>> ListAsync(OperatorEnvironment env)
    {
        var list = await env.Client.CustomObjects.ListNamespacedCustomObjectAsync<k8s.Models.KubernetesList<GongIntegrationOrigin>>(
            GongIntegrationOrigin.Group, GongIntegrationOrigin.Version, env.Namespace, GongIntegrationOrigin.Plural, cancellationToken: TestContext.Current.CancellationToken);
        return list.Items;
    }

    private static async Task RegisterDirectlyAsync(Simulator simulator, string origin)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(simulator.BaseAddress, "v2/integration-settings"))
        {
            Content = new StringContent($$"""{"integrationTypeSettings":[{"integrationType":"DIALER","allowedOrigin":"{{origin}}"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Simulator.DemoAccessKey}:{Simulator.DemoAccessKeySecret}")));
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        simulator.ClearCalls();
    }
}
