using System.Text.Json.Nodes;
using GongOperator.Kubernetes.Controllers;
using GongOperator.Kubernetes.Resources;
using GongOperator.Resources;
using k8s.Models;

namespace GongOperator.Reconciliation;

/// <summary>
/// Writes the finalizer list with a JSON merge patch that carries the resourceVersion read, so a concurrent change to
/// the list (another controller's finalizer) fails with 409 instead of being overwritten.
/// </summary>
public sealed class FinalizerWriter(CustomResourceClient<GongIntegrationOrigin> client) : IFinalizerWriter
{
    /// <inheritdoc />
    public Task AddAsync(ObjectKey key, GongIntegrationOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var finalizers = (origin.Metadata.Finalizers ?? []).Append(FullSetRegistration.Finalizer).Distinct(StringComparer.Ordinal);
        return PatchAsync(key, origin, finalizers, null, cancellationToken);
    }

    /// <inheritdoc />
    public Task ReleaseAsync(ObjectKey key, GongIntegrationOrigin origin, bool removedFromGong, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var finalizers = (origin.Metadata.Finalizers ?? []).Where(f => f != FullSetRegistration.Finalizer);
        return PatchAsync(key, origin, finalizers, removedFromGong ? FullSetRegistration.RemovedAnnotation : null, cancellationToken);
    }

    private async Task PatchAsync(ObjectKey key, GongIntegrationOrigin origin, IEnumerable<string> finalizers, string? annotation, CancellationToken cancellationToken)
    {
        var metadata = new JsonObject
        {
            ["resourceVersion"] = origin.Metadata.ResourceVersion,
            ["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode)JsonValue.Create(f)).ToArray()),
        };
        if (annotation is not null)
        {
            metadata["annotations"] = new JsonObject { [annotation] = "true" };
        }

        var patch = new JsonObject { ["metadata"] = metadata };
        await client.PatchAsync(key, new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), cancellationToken).ConfigureAwait(false);
    }
}
