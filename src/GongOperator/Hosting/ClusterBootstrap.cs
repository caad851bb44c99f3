using System.Net;
using GongOperator.Crd;
using GongOperator.Kubernetes.Connection;
using GongOperator.Resources;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace GongOperator.Hosting;

/// <summary>What laptop mode (and the end-to-end tests) put in a fresh cluster: the CRD, a namespace, a credentials Secret.</summary>
internal static class ClusterBootstrap
{
    /// <summary>
    /// Creates the GongIntegrationOrigin CRD, or replaces it with the one the types generate now. Each call rides out
    /// a brief "retry after" answer (<see cref="RetryAfter"/>): <paramref name="client"/> may come without that retry.
    /// </summary>
    public static async Task InstallCrdAsync(IKubernetes client, CancellationToken cancellationToken, TimeProvider? timeProvider = null)
    {
        var crd = CrdGenerator.Generate(typeof(GongIntegrationOrigin));

        // Others may install it at the same time (tests sharing a cluster): a 409 means "read again and retry".
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var existing = await RetryAfter.RetryAsync(ct => client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(crd.Metadata.Name, cancellationToken: ct), cancellationToken, timeProvider).ConfigureAwait(false);
                crd.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
                await RetryAfter.RetryAsync(ct => client.ApiextensionsV1.ReplaceCustomResourceDefinitionAsync(crd, crd.Metadata.Name, cancellationToken: ct), cancellationToken, timeProvider).ConfigureAwait(false);
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                crd.Metadata.ResourceVersion = null;
                try
                {
                    await RetryAfter.RetryAsync(ct => client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: ct), cancellationToken, timeProvider).ConfigureAwait(false);
                    return;
                }
                catch (HttpOperationException conflict) when (conflict.Response.StatusCode == HttpStatusCode.Conflict && attempt < 5)
                {
                }
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < 5)
            {
            }
        }
    }

    /// <summary>Creates <paramref name="name"/> unless it exists.</summary>
    public static async Task EnsureNamespaceAsync(IKubernetes client, string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Kept from an earlier run.
        }
    }

    /// <summary>
    /// Creates the Secret, or replaces its data when it differs. An unchanged Secret is not written: a new
    /// resourceVersion would count as changed credentials.
    /// </summary>
    public static async Task WriteSecretAsync(IKubernetes client, string ns, string name, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        var data = values.ToDictionary(kv => kv.Key, kv => System.Text.Encoding.UTF8.GetBytes(kv.Value));
        try
        {
            var existing = await client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (existing.Data is { } current && current.Count == data.Count && current.All(kv => data.TryGetValue(kv.Key, out var v) && v.AsSpan().SequenceEqual(kv.Value)))
            {
                return;
            }

            existing.Data = data;
            await client.CoreV1.ReplaceNamespacedSecretAsync(existing, name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            var secret = new V1Secret { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns }, Type = "Opaque", Data = data };
            await client.CoreV1.CreateNamespacedSecretAsync(secret, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
