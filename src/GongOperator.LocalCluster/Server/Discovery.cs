using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Resources;

namespace GongOperator.LocalCluster.Server;

/// <summary>Builds discovery documents (legacy APIVersions/APIGroupList/APIResourceList and aggregated APIGroupDiscoveryList v2) from the registry.</summary>
internal static class Discovery
{
    public const string AggregatedContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    /// <summary>The Kubernetes version this server claims (kubectl 1.35 and helm 4 clients).</summary>
    public const string GitVersion = "v1.35.0";

    /// <summary>True when the Accept header lists the v2 aggregated form (kubectl and helm put it first).</summary>
    public static bool WantsAggregated(string? accept)
    {
        if (string.IsNullOrEmpty(accept))
        {
            return false;
        }

        foreach (var part in accept.Split(','))
        {
            var p = part.Replace(" ", "", StringComparison.Ordinal);
            if (p.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal) && p.Contains("v=v2;", StringComparison.Ordinal) || p.EndsWith("v=v2", StringComparison.Ordinal) && p.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal))
            {
                return p.Contains("g=apidiscovery.k8s.io", StringComparison.Ordinal);
            }
        }

        return false;
    }

    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "35",
        ["gitVersion"] = GitVersion,
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.25.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject ApiVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject GroupList(IEnumerable<ResourceType> all)
    {
        var groups = new JsonArray();
        foreach (var group in Groups(all))
        {
            groups.Add(Group(group.Key, group.Value));
        }

        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    public static JsonObject? GroupDocument(IEnumerable<ResourceType> all, string group)
    {
        var found = Groups(all).FirstOrDefault(g => g.Key == group);
        if (found.Key is null)
        {
            return null;
        }

        var doc = Group(found.Key, found.Value);
        doc["kind"] = "APIGroup";
        doc["apiVersion"] = "v1";
        return new JsonObject { ["kind"] = "APIGroup", ["apiVersion"] = "v1", ["name"] = doc["name"]!.DeepClone(), ["versions"] = doc["versions"]!.DeepClone(), ["preferredVersion"] = doc["preferredVersion"]!.DeepClone() };
    }

    public static JsonObject? ResourceList(IEnumerable<ResourceType> all, string group, string version)
    {
        var types = all.Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var t in types)
        {
            var entry = new JsonObject
            {
                ["name"] = t.Plural,
                ["singularName"] = t.Singular,
                ["namespaced"] = t.Namespaced,
                ["kind"] = t.Kind,
                ["verbs"] = Strings(t.Verbs),
            };
            if (t.ShortNames.Count > 0)
            {
                entry["shortNames"] = Strings(t.ShortNames);
            }

            if (t.Categories.Count > 0)
            {
                entry["categories"] = Strings(t.Categories);
            }

            resources.Add(entry);
            if (t.HasScale)
            {
                resources.Add(new JsonObject { ["name"] = t.Plural + "/scale", ["singularName"] = "", ["namespaced"] = t.Namespaced, ["group"] = "autoscaling", ["version"] = "v1", ["kind"] = "Scale", ["verbs"] = new JsonArray("get", "patch", "update") });
            }

            if (t.HasStatus)
            {
                resources.Add(new JsonObject { ["name"] = t.Plural + "/status", ["singularName"] = "", ["namespaced"] = t.Namespaced, ["kind"] = t.Kind, ["verbs"] = new JsonArray("get", "patch", "update") });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = types[0].GroupVersion,
            ["resources"] = resources,
        };
    }

    /// <summary>Aggregated discovery: <c>/api</c> (core only) or <c>/apis</c> (every named group).</summary>
    public static JsonObject Aggregated(IEnumerable<ResourceType> all, bool core)
    {
        var items = new JsonArray();
        foreach (var (group, versions) in Groups(all))
        {
            if (core != (group.Length == 0))
            {
                continue;
            }

            var versionArray = new JsonArray();
            foreach (var (version, types) in versions)
            {
                var resources = new JsonArray();
                foreach (var t in types)
                {
                    var entry = new JsonObject
                    {
                        ["resource"] = t.Plural,
                        ["responseKind"] = new JsonObject { ["group"] = t.Group, ["version"] = t.Version, ["kind"] = t.Kind },
                        ["scope"] = t.Namespaced ? "Namespaced" : "Cluster",
                        ["singularResource"] = t.Singular,
                        ["verbs"] = Strings(t.Verbs),
                    };
                    if (t.ShortNames.Count > 0)
                    {
                        entry["shortNames"] = Strings(t.ShortNames);
                    }

                    if (t.Categories.Count > 0)
                    {
                        entry["categories"] = Strings(t.Categories);
                    }

                    var subresources = new JsonArray();
                    if (t.HasScale)
                    {
                        subresources.Add(new JsonObject
                        {
                            ["subresource"] = "scale",
                            ["responseKind"] = new JsonObject { ["group"] = "autoscaling", ["version"] = "v1", ["kind"] = "Scale" },
                            ["verbs"] = new JsonArray("get", "patch", "update"),
                        });
                    }

                    if (t.HasStatus)
                    {
                        subresources.Add(new JsonObject
                        {
                            ["subresource"] = "status",
                            ["responseKind"] = new JsonObject { ["group"] = t.Group, ["version"] = t.Version, ["kind"] = t.Kind },
                            ["verbs"] = new JsonArray("get", "patch", "update"),
                        });
                    }

                    if (subresources.Count > 0)
                    {
                        entry["subresources"] = subresources;
                    }

                    resources.Add(entry);
                }

                versionArray.Add(new JsonObject { ["version"] = version, ["resources"] = resources, ["freshness"] = "Current" });
            }

            var metadata = new JsonObject { ["creationTimestamp"] = null };
            if (!core)
            {
                metadata = new JsonObject { ["name"] = group, ["creationTimestamp"] = null };
            }

            items.Add(new JsonObject { ["metadata"] = metadata, ["versions"] = versionArray });
        }

        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = "apidiscovery.k8s.io/v2",
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        };
    }

    private static JsonObject Group(string name, List<KeyValuePair<string, List<ResourceType>>> versions)
    {
        var array = new JsonArray();
        foreach (var (version, _) in versions)
        {
            array.Add(new JsonObject { ["groupVersion"] = name + "/" + version, ["version"] = version });
        }

        return new JsonObject
        {
            ["name"] = name,
            ["versions"] = array,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = name + "/" + versions[0].Key, ["version"] = versions[0].Key },
        };
    }

    /// <summary>Groups in first-seen order; versions sorted by Kubernetes version priority (v2 before v1 before v1beta1).</summary>
    private static List<KeyValuePair<string, List<KeyValuePair<string, List<ResourceType>>>>> Groups(IEnumerable<ResourceType> all)
    {
        var result = new List<KeyValuePair<string, List<KeyValuePair<string, List<ResourceType>>>>>();
        foreach (var t in all)
        {
            var index = result.FindIndex(g => g.Key == t.Group);
            if (index < 0)
            {
                result.Add(new(t.Group, []));
                index = result.Count - 1;
            }

            var versions = result[index].Value;
            var v = versions.FindIndex(x => x.Key == t.Version);
            if (v < 0)
            {
                versions.Add(new(t.Version, []));
                v = versions.Count - 1;
            }

            versions[v].Value.Add(t);
        }

        foreach (var group in result)
        {
            group.Value.Sort((a, b) => VersionPriority.Compare(b.Key, a.Key));
        }

        return result;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
