using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace GongOperator.Tests.EndToEnd;

/// <summary>
/// Plays Kubernetes' Deployment controller in one namespace of a bare kube-apiserver (which runs none): every Deployment
/// whose status lags its generation gets the status the controller writes once all replicas are up, through the status
/// subresource. Only there: on any other cluster a real controller (or the embedded server's simulation) does it.
/// </summary>
public sealed class DeploymentControllerStandIn : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private DeploymentControllerStandIn(IKubernetes client, string ns) => _loop = RunAsync(client, ns, _stop.Token);

    /// <summary>Starts playing the controller in the environment's namespace when its cluster runs none; a no-op otherwise.</summary>
    public static IAsyncDisposable PlayWhenMissing(OperatorEnvironment env)
    {
        if (env.Cluster.RunsControllers)
        {
            return new NoController();
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"GONG_OPERATOR_E2E_CLUSTER={env.Cluster.Kind}: no controller manager runs, so this test plays the Deployment controller in {env.Namespace}.");
        return new DeploymentControllerStandIn(env.Client, env.Namespace);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static async Task RunAsync(IKubernetes client, string ns, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                try
                {
                    // A watch without a resourceVersion starts with an ADDED event for every Deployment already there.
                    await foreach (var (type, deployment) in client.AppsV1.WatchListNamespacedDeploymentAsync(ns, cancellationToken: stop))
                    {
                        if (type is WatchEventType.Added or WatchEventType.Modified && deployment.Status?.ObservedGeneration != deployment.Metadata.Generation)
                        {
                            await WriteAvailableAsync(client, deployment, stop);
                        }
                    }
                }
                catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException)
                {
                }

                // The stream ended or dropped: watch again after a short pause (a retry interval, not a wait for an outcome).
                await Task.Delay(TimeSpan.FromMilliseconds(200), stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>The status the Deployment controller writes when every replica of the current generation is available.</summary>
    private static async Task WriteAvailableAsync(IKubernetes client, V1Deployment deployment, CancellationToken stop)
    {
        var replicas = deployment.Spec.Replicas ?? 1;
        var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var status = new JsonObject
        {
            ["observedGeneration"] = deployment.Metadata.Generation,
            ["replicas"] = replicas,
            ["updatedReplicas"] = replicas,
            ["readyReplicas"] = replicas == 0 ? null : replicas,
            ["availableReplicas"] = replicas == 0 ? null : replicas,
            ["conditions"] = new JsonArray
            {
                Condition("Available", "MinimumReplicasAvailable", "Deployment has minimum availability.", now),
                Condition("Progressing", "NewReplicaSetAvailable", $"ReplicaSet \"{deployment.Metadata.Name}\" has successfully progressed.", now),
            },
        };
        try
        {
            await client.AppsV1.PatchNamespacedDeploymentStatusAsync(
                new V1Patch(new JsonObject { ["status"] = status }.ToJsonString(), V1Patch.PatchType.MergePatch),
                deployment.Metadata.Name,
                deployment.Metadata.NamespaceProperty,
                cancellationToken: stop);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Deleted meanwhile (helm uninstall): nothing to report.
        }
    }

    private static JsonObject Condition(string type, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastUpdateTime"] = now,
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };

    private sealed class NoController : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
