using GongOperator.LocalCluster.Protobuf.Schemas;

namespace GongOperator.LocalCluster.Protobuf;

/// <summary>Which top-level message schema decodes which apiVersion and kind.</summary>
internal static class KindSchemas
{
    private static readonly Dictionary<(string ApiVersion, string Kind), ProtoMessage> ByKind = new()
    {
        [("v1", "Namespace")] = CoreSchemas.Namespace,
        [("v1", "Secret")] = CoreSchemas.Secret,
        [("v1", "ConfigMap")] = CoreSchemas.ConfigMap,
    };

    // The options kinds are registered in every group version (client-go encodes DeleteOptions
    // with the version of the client that sends it: "v1" from helm's core client), so any
    // apiVersion is accepted for them.
    private static readonly Dictionary<string, ProtoMessage> OptionsKinds = new(StringComparer.Ordinal)
    {
        ["DeleteOptions"] = MetaSchemas.DeleteOptions,
    };

    /// <summary>All (apiVersion, kind) pairs with a schema; DeleteOptions is listed as meta.k8s.io/v1.</summary>
    public static IEnumerable<(string ApiVersion, string Kind)> Supported =>
        ByKind.Keys.Concat(OptionsKinds.Keys.Select(kind => ("meta.k8s.io/v1", kind)));

    public static ProtoMessage? Find(string apiVersion, string kind)
    {
        if (ByKind.TryGetValue((apiVersion, kind), out var schema))
        {
            return schema;
        }

        return apiVersion.Length != 0 && OptionsKinds.TryGetValue(kind, out schema) ? schema : null;
    }
}
