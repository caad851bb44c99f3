using GongOperator.Gong;
using GongOperator.GongSimulator;
using GongOperator.Reconciliation;
using GongOperator.Resources;
using k8s;
using Simulator = GongOperator.GongSimulator.GongSimulator;

namespace GongOperator.Tests.EndToEnd;

/// <summary>
/// The fullSet strategy against a Gong whose POST replaces the company's list (the simulator in replace mode): after
/// every step, Gong's list is exactly the set of resources.
/// </summary>
public sealed class FullSetIntegrationTests
{
    [Fact]
    public async Task Gong_holds_exactly_the_resources_after_create_change_and_delete_and_a_restart_costs_no_call()
    {
        await using var env = await OperatorEnvironment.StartAsync(
            new GongSimulatorOptions { RegistrationMode = SimulatorRegistrationMode.Replace },
            o => o with { RegistrationStrategy = RegistrationStrategyKind.FullSet });

        await env.CreateOriginAsync("a", "https://a.partner.com");
        await env.CreateOriginAsync("b", "https://b.partner.com");
        var a = await env.WaitForReasonAsync("a", OriginReasons.Registered);
        await env.WaitForReasonAsync("b", OriginReasons.Registered);
        Assert.Contains(FullSetRegistration.Finalizer, a.Metadata.Finalizers ?? []);
        await GongListIsAsync(env, "https://a.partner.com", "https://b.partner.com");

        await env.PatchOriginAsync("b", """{"spec":{"allowedOrigin":"https://b2.partner.com"}}""");
        await Eventually.HoldsAsync(
            async () => (await env.GetOriginAsync("b")).Status is { ObservedGeneration: 2, RegisteredOrigin: "https://b2.partner.com" },
            "b is registered at its new origin");
        await GongListIsAsync(env, "https://a.partner.com", "https://b2.partner.com");

        await env.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(GongIntegrationOrigin.Group, GongIntegrationOrigin.Version, env.Namespace, GongIntegrationOrigin.Plural, "a", cancellationToken: TestContext.Current.CancellationToken);
        await GoneAsync(env, "a");
        await GongListIsAsync(env, "https://b2.partner.com");

        await env.StopOperatorAsync();
        var callsBefore = env.GongCalls;
        await env.StartOperatorAsync();

        // The one call after the restart is the last deletion's, with an empty list: the restart itself made none.
        await env.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(GongIntegrationOrigin.Group, GongIntegrationOrigin.Version, env.Namespace, GongIntegrationOrigin.Plural, "b", cancellationToken: TestContext.Current.CancellationToken);
        await GoneAsync(env, "b");
        await GongListIsAsync(env);
        Assert.Equal(callsBefore + 1, env.GongCalls);
        Assert.Empty(env.Simulator.Calls[^1].Items);
    }

    [Fact]
    public async Task Switching_to_incremental_releases_the_finalizer_so_a_deletion_never_waits_for_Gong()
    {
        await using var env = await OperatorEnvironment.StartAsync(
            new GongSimulatorOptions { RegistrationMode = SimulatorRegistrationMode.Replace },
            o => o with { RegistrationStrategy = RegistrationStrategyKind.FullSet });
        await env.CreateOriginAsync("a", "https://a.partner.com");
        await env.WaitForReasonAsync("a", OriginReasons.Registered);
        await env.StopOperatorAsync();

        // The company's Secret now says incremental: it wins over the flag.
        await env.WriteSecretAsync(OperatorEnvironment.SecretName, new Dictionary<string, string>
        {
            ["accessKey"] = Simulator.DemoAccessKey,
            ["accessKeySecret"] = Simulator.DemoAccessKeySecret,
            [CredentialsResolver.RegistrationStrategyField] = "incremental",
        });
        await env.StartOperatorAsync();
        await Eventually.HoldsAsync(async () => !((await env.GetOriginAsync("a")).Metadata.Finalizers ?? []).Contains(FullSetRegistration.Finalizer), "the finalizer is released");
    }

    private static async Task GongListIsAsync(OperatorEnvironment env, params string[] origins) =>
        await Eventually.HoldsAsync(
            () => Task.FromResult(env.Simulator.GetRegistrations(Simulator.DemoCompanyName).Select(r => r.AllowedOrigin).Order(StringComparer.Ordinal).SequenceEqual(origins)),
            "Gong's list is " + string.Join(", ", origins),
            describe: () => string.Join(", ", env.Simulator.GetRegistrations(Simulator.DemoCompanyName).Select(r => r.AllowedOrigin)));

    private static async Task GoneAsync(OperatorEnvironment env, string name)
    {
        await Eventually.HoldsAsync(
            async () =>
            {
                var list = await env.Client.CustomObjects.ListNamespacedCustomObjectAsync<k8s.Models.KubernetesList<GongIntegrationOrigin>>(GongIntegrationOrigin.Group, GongIntegrationOrigin.Version, env.Namespace, GongIntegrationOrigin.Plural, cancellationToken: TestContext.Current.CancellationToken);
                return list.Items.All(o => o.Metadata.Name != name);
            },
            name + " is deleted");
    }
}
