using System.Net;
using GongOperator.Configuration;
using GongOperator.Kubernetes.Controllers;
using GongOperator.Kubernetes.Resources;
using GongOperator.Reconciliation;
using GongOperator.Resources;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace GongOperator.Planning;

/// <summary>
/// Reads the origins the operator would manage (its namespaces and label selector) and the Secrets they use, one GET
/// each. A Secret it may not read is left unseen; one that does not exist is known not to.
/// </summary>
internal static class ClusterReader
{
    public static async Task<PlanInput> ReadAsync(IKubernetes client, OperatorOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var origins = new CustomResourceClient<GongIntegrationOrigin>(client);
        var all = new List<GongIntegrationOrigin>();
        IEnumerable<string?> namespaces = options.Namespaces.Count == 0 ? [null!] : options.Namespaces;
        foreach (var ns in namespaces)
        {
            all.AddRange(await origins.ListAsync(ns, options.LabelSelector, cancellationToken).ConfigureAwait(false));
        }

        var defaultSecret = options.DefaultCredentialsSecret is { } d ? ObjectKey.Parse(d) : (ObjectKey?)null;
        var resolver = new CredentialsResolver(_ => null, defaultSecret, options.GongBaseUrl);
        var secrets = new Dictionary<ObjectKey, V1Secret>();
        var unseen = new Dictionary<ObjectKey, string>();
        foreach (var key in all.Select(resolver.SecretKeyFor).OfType<ObjectKey>().Distinct())
        {
            try
            {
                secrets[key] = await client.CoreV1.ReadNamespacedSecretAsync(key.Name, key.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                // Known not to exist: the resolver says so, as the operator would.
            }
            catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
            {
                unseen[key] = $"not readable with these credentials: HTTP {(int)e.Response.StatusCode}";
            }
        }

        return new PlanInput(all, secrets, unseen, FromCluster: true);
    }
}
