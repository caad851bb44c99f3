using System.Globalization;

namespace GongOperator.LocalCluster.OpenApi;

/// <summary>Naming rules of the real OpenAPI documents: operation ids, tags, paths and component names.</summary>
internal static class OpenApiNames
{
    /// <summary>The root listing key of a group-version: <c>api/v1</c> or <c>apis/{group}/{version}</c>.</summary>
    public static string GroupVersionPath(string group, string version) =>
        group.Length == 0 ? "api/" + version : "apis/" + group + "/" + version;

    /// <summary>Group in operation ids: <c>example.com</c> → <c>ExampleCom</c>, <c>rbac.authorization.k8s.io</c> → <c>RbacAuthorization</c>, core → <c>Core</c>.</summary>
    public static string GroupCamel(string group)
    {
        if (group.Length == 0)
        {
            return "Core";
        }

        string g = group.EndsWith(".k8s.io", StringComparison.Ordinal) ? group[..^".k8s.io".Length] : group;
        return string.Concat(g.Split('.', '-').Where(p => p.Length > 0).Select(Capitalize));
    }

    /// <summary>Operation tag: <c>exampleCom_v1</c>, <c>core_v1</c>.</summary>
    public static string Tag(string group, string version)
    {
        string camel = GroupCamel(group);
        return char.ToLowerInvariant(camel[0]) + camel[1..] + "_" + version;
    }

    /// <summary>Version in operation ids: <c>v1beta1</c> → <c>V1beta1</c>.</summary>
    public static string VersionCamel(string version) => Capitalize(version);

    /// <summary>Component name of a custom kind: <c>example.com</c>/<c>v1</c>/<c>Widget</c> → <c>com.example.v1.Widget</c>.</summary>
    public static string CustomComponentName(string group, string version, string kind)
    {
        string reversed = string.Join('.', group.Split('.').Reverse());
        return reversed + "." + version + "." + kind;
    }

    private static string Capitalize(string s) =>
        s.Length == 0 ? s : char.ToUpper(s[0], CultureInfo.InvariantCulture) + s[1..];
}
