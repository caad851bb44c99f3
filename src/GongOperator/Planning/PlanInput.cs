using GongOperator.Kubernetes.Controllers;
using GongOperator.Resources;
using k8s.Models;

namespace GongOperator.Planning;

/// <summary>
/// What <c>gong-operator plan</c> read: the origins, the Secrets it could see, and whether it read a cluster (where
/// status is real and a Secret that is not there does not exist) or files (where a Secret not in them is unknown).
/// </summary>
/// <param name="Origins">Every GongIntegrationOrigin read.</param>
/// <param name="Secrets">Secrets read, by key; a namespace-less object from a file has a null namespace, as the origins beside it.</param>
/// <param name="Unseen">Secrets that could not be read (not in the files, or forbidden), with why.</param>
/// <param name="FromCluster">True when the origins came from a cluster.</param>
internal sealed record PlanInput(
    IReadOnlyList<GongIntegrationOrigin> Origins,
    IReadOnlyDictionary<ObjectKey, V1Secret> Secrets,
    IReadOnlyDictionary<ObjectKey, string> Unseen,
    bool FromCluster)
{
    /// <summary>Whether the Secret's content is known: read from the cluster (or known not to exist there), or given in the files.</summary>
    public bool Sees(ObjectKey key) => FromCluster ? !Unseen.ContainsKey(key) : Secrets.ContainsKey(key);

    /// <summary>Why an unseen Secret is unknown, for the report.</summary>
    public string WhyUnseen(ObjectKey key) => Unseen.GetValueOrDefault(key) ?? "not in the input";
}
