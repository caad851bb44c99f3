namespace GongOperator.LocalCluster.Server;

/// <summary>A parsed resource URL: <c>/api/v1[/namespaces/{ns}]/{plural}[/{name}[/{subresource}]]</c> or the <c>/apis/{g}/{v}</c> form.</summary>
internal sealed record ResourcePath(string Group, string Version, string? Namespace, string Plural, string? Name, string? Subresource)
{
    /// <summary>Splits the part after the group-version prefix; <paramref name="isNamespacedPlural"/> says whether a segment names a namespaced resource.</summary>
    public static ResourcePath? Parse(string group, string version, string[] rest, Func<string, bool> isNamespacedPlural)
    {
        if (rest.Length == 0)
        {
            return null;
        }

        if (rest[0] == "namespaces" && rest.Length >= 3 && isNamespacedPlural(rest[2]))
        {
            return rest.Length switch
            {
                3 => new ResourcePath(group, version, rest[1], rest[2], null, null),
                4 => new ResourcePath(group, version, rest[1], rest[2], rest[3], null),
                5 => new ResourcePath(group, version, rest[1], rest[2], rest[3], rest[4]),
                _ => null,
            };
        }

        return rest.Length switch
        {
            1 => new ResourcePath(group, version, null, rest[0], null, null),
            2 => new ResourcePath(group, version, null, rest[0], rest[1], null),
            3 => new ResourcePath(group, version, null, rest[0], rest[1], rest[2]),
            _ => null,
        };
    }
}
