using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Patching;

/// <summary>A set of owned field paths (see <see cref="FieldPath"/>), convertible to and from the FieldsV1 JSON form.</summary>
internal sealed class FieldSet
{
    private readonly HashSet<string> _paths;

    public FieldSet()
    {
        _paths = new HashSet<string>(StringComparer.Ordinal);
    }

    public FieldSet(IEnumerable<string> paths)
    {
        _paths = new HashSet<string>(paths, StringComparer.Ordinal);
    }

    public int Count => _paths.Count;

    public bool IsEmpty => _paths.Count == 0;

    public IEnumerable<string> Paths => _paths;

    public bool Add(string path) => _paths.Add(path);

    public bool Contains(string path) => _paths.Contains(path);

    /// <summary>True when the set holds <paramref name="path"/> itself or anything below it.</summary>
    public bool ContainsOrHasDescendant(string path) =>
        _paths.Contains(path) || _paths.Any(p => FieldPath.IsDescendantOf(p, path));

    public void UnionWith(FieldSet other) => _paths.UnionWith(other._paths);

    public void ExceptWith(FieldSet other) => _paths.ExceptWith(other._paths);

    public FieldSet Intersect(FieldSet other) => new(_paths.Where(other._paths.Contains));

    public FieldSet Clone() => new(_paths);

    /// <summary>Decodes a FieldsV1 object (<c>{"f:spec":{".":{},"f:size":{}}}</c>); anything unreadable is skipped.</summary>
    public static FieldSet FromFieldsV1(JsonNode? fieldsV1)
    {
        var set = new FieldSet();
        if (fieldsV1 is JsonObject root)
        {
            Decode(root, FieldPath.Root, set);
        }

        return set;
    }

    /// <summary>Encodes as FieldsV1: "." first for a node owned itself, then children in the server's order.</summary>
    public JsonObject ToFieldsV1()
    {
        var root = new Node();
        foreach (var path in _paths)
        {
            var node = root;
            foreach (var element in FieldPath.Elements(path))
            {
                if (!node.Children.TryGetValue(element, out var child))
                {
                    child = new Node();
                    node.Children[element] = child;
                }

                node = child;
            }

            node.Member = true;
        }

        return Encode(root, includeSelf: false);
    }

    private static JsonObject Encode(Node node, bool includeSelf)
    {
        var result = new JsonObject();
        if (includeSelf && node.Member && node.Children.Count > 0)
        {
            result["."] = new JsonObject();
        }

        foreach (var (element, child) in node.Children.OrderBy(c => c.Key, Comparer<string>.Create(FieldPath.CompareElements)))
        {
            result[element] = Encode(child, includeSelf: true);
        }

        return result;
    }

    private static void Decode(JsonObject node, string path, FieldSet set)
    {
        foreach (var (element, value) in node)
        {
            if (element == ".")
            {
                if (path.Length > 0)
                {
                    set.Add(path);
                }

                continue;
            }

            if (element.Length < 2 || element[1] != ':')
            {
                continue;
            }

            var child = FieldPath.Child(path, element);
            if (value is JsonObject childObject && childObject.Count > 0)
            {
                Decode(childObject, child, set);
            }
            else
            {
                set.Add(child);
            }
        }
    }

    private sealed class Node
    {
        public bool Member { get; set; }

        public Dictionary<string, Node> Children { get; } = new(StringComparer.Ordinal);
    }
}
