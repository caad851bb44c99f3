using GongOperator.GongSimulator;
using GongOperator.LocalCluster;
using GongOperator.Resources;
using k8s;
using k8s.Models;

using GongOperator.Tests.EndToEnd;

namespace GongOperator.Tests.Faults;

/// <summary>
/// The Kubernetes API misbehaving while the operator runs: watch streams cut in the middle of an event, 410 Gone on
/// resume, the API server restarted with its state, status writes answered 409, the 503 of a CRD storage swap, and
/// the credentials Secret deleted and recreated. Each scenario ends with nothing lost and nothing wasted.
/// </summary>
[Collection(nameof(KubernetesFaultTests))]
public sealed class KubernetesFaultTests
{
    private const int Origins = 5;

    [Fact]
    public async Task Watch_streams_cut_in_the_middle_of_an_event_lose_no_origin()
    {
        await using var world = await FaultWorld.StartAsync();

        world.Server.CutWatchEvents(3);
        await world.CreateOriginsAsync("cut", Origins);

        await world.WaitAllReadyAsync(Origins);
        await world.AssertNothingLostOrWastedAsync();
    }

    [Fact]
    public async Task A_410_Gone_on_resume_relists_and_loses_no_origin()
    {
        await using var world = await FaultWorld.StartAsync();
        await world.CreateOriginsAsync("before", Origins);
        await world.WaitAllReadyAsync(Origins);

        // The operator's watches break and their resourceVersion is compacted away: resuming answers 410.
        world.Server.StallWatches(true);
        await world.CreateOriginsAsync("during", Origins);
        world.Server.CompactHistory();
        world.Server.DropWatches();
        world.Server.StallWatches(false);

        await world.WaitAllReadyAsync(Origins * 2);
        await world.AssertNothingLostOrWastedAsync();
    }

    [Fact]
    public async Task The_API_server_restarted_with_its_state_while_the_operator_runs_loses_and_repeats_nothing()
    {
        await using var world = await FaultWorld.StartAsync();
        await world.CreateOriginsAsync("before", Origins);
        await world.WaitAllReadyAsync(Origins);

        await world.RestartServerAsync();
        await world.CreateOriginsAsync("after", Origins);

        await world.WaitAllReadyAsync(Origins * 2);
        await world.AssertNothingLostOrWastedAsync();
        Assert.Equal(Origins * 2, world.Simulator.Calls.Where(c => c.Status == 200).Sum(c => c.Items.Count));
    }

    [Fact]
    public async Task Status_writes_answered_409_are_retried_and_every_answer_is_written()
    {
        await using var world = await FaultWorld.StartAsync();
        var conflicts = 0;
        world.Server.Intercept((request, _) => ValueTask.FromResult(
            request is { Method: "PUT", Subresource: "status", Resource: GongIntegrationOrigin.Plural } && Interlocked.Increment(ref conflicts) <= 8
                ? ApiFault.Conflict(request)
                : null));

        await world.CreateOriginsAsync("conflict", Origins);

        await world.WaitAllReadyAsync(Origins);
        await world.AssertNothingLostOrWastedAsync();
        Assert.True(conflicts > 8, $"only {conflicts} status writes were seen");
    }

    [Fact]
    public async Task The_503_of_a_CRD_storage_swap_is_ridden_out()
    {
        // Gong answers after 2 s, so the operator's status writes for the "before" origins fall inside the window
        // (opened right after they are created, 5 s long), however fast or loaded the machine.
        await using var world = await FaultWorld.StartAsync(
            new GongSimulatorOptions { Faults = new SimulatorFaultSpec { LatencyMs = 2000 } },
            crdStorageSwapWindow: TimeSpan.FromSeconds(5));
        var refused = 0;
        await world.CreateOriginsAsync("before", Origins);

        // A spec change to the CRD (a new printer column) swaps its storage: for a moment every request is 503 (5 s here,
        // not local's 200 ms, so that the test's own look at it and the operator's writes land inside the window).
        var crdName = $"{GongIntegrationOrigin.Plural}.{GongIntegrationOrigin.Group}";
        var crd = await world.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(crdName, cancellationToken: TestContext.Current.CancellationToken);
        crd.Spec.Versions[0].AdditionalPrinterColumns.Add(new V1CustomResourceColumnDefinition { Name = "Fault", Type = "string", JsonPath = ".metadata.uid" });
        await world.Client.ApiextensionsV1.ReplaceCustomResourceDefinitionAsync(crd, crdName, cancellationToken: TestContext.Current.CancellationToken);
        using (var http = new HttpClient())
        {
            var url = new Uri(world.Server.BaseAddress, $"apis/{GongIntegrationOrigin.Group}/{GongIntegrationOrigin.Version}/namespaces/{world.Namespace}/{GongIntegrationOrigin.Plural}");
            using var answer = await http.GetAsync(url, TestContext.Current.CancellationToken);
            refused = (int)answer.StatusCode;
        }

        await world.CreateOriginsAsync("after", Origins);

        await world.WaitAllReadyAsync(Origins * 2);
        await world.AssertNothingLostOrWastedAsync();
        Assert.Equal(503, refused);
        // The operator itself was answered 503 inside the window (the server logs each refusal with its user agent).
        Assert.True(world.StorageSwapRefusalsOf("gong-operator") > 0, "the operator was never answered 503 during the storage swap");
    }

    [Fact]
    public async Task A_Secret_deleted_and_recreated_stalls_new_origins_without_a_call_and_then_registers_them()
    {
        await using var world = await FaultWorld.StartAsync();
        await world.CreateOriginsAsync("before", Origins);
        await world.WaitAllReadyAsync(Origins);

        var callsBefore = world.Simulator.Calls.Count;
        await world.Client.CoreV1.DeleteNamespacedSecretAsync(FaultWorld.SecretName, world.Namespace, cancellationToken: TestContext.Current.CancellationToken);
        // The Secret's deletion and the new origins reach the operator on two watch streams, in either order; an origin
        // seen before the deletion may rightly be registered with the Secret still cached. This scenario is about origins
        // made once the operator knows the Secret is gone.
        await world.WaitUntilTheOperatorSeesNoSecretAsync();
        var names = await world.CreateOriginsAsync("without", Origins);
        await Eventually.HoldsAsync(
            async () => (await world.ListAsync()).Count(o => o.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Reason == GongOperator.Reconciliation.OriginReasons.CredentialsInvalid) == true) == Origins,
            "the new origins stalled on the missing Secret");
        Assert.Equal(callsBefore, world.Simulator.Calls.Count);
        await world.WriteSecretAsync();

        await world.WaitAllReadyAsync(Origins * 2);
        await world.AssertNothingLostOrWastedAsync();
        Assert.Equal(Origins, world.Simulator.Calls.Skip(callsBefore).Where(c => c.Status == 200).Sum(c => c.Items.Count));
        Assert.All(names, n => Assert.Contains(world.Simulator.Registrations, r => r.AllowedOrigin == FaultWorld.OriginOf(n)));
    }
}
