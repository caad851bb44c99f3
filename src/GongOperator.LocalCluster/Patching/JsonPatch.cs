using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Patching;

/// <summary>JSON Patch (RFC 6902) over <see cref="JsonNode"/> trees.</summary>
/// <remarks>
/// Like kube-apiserver, only a document that does not decode as a list of operations (not an array of
/// objects, or a non-string <c>op</c>/<c>path</c>/<c>from</c>) is malformed (400); every error found while
/// applying the operations, including an unknown <c>op</c> or a missing <c>path</c>, is a failed operation
/// (422). Messages follow the Go decoder and json-patch library the server uses.
/// </remarks>
internal static class JsonPatch
{
    /// <summary>What kube-apiserver 1.28 answers (422, reason Invalid, empty details) for any failed operation.</summary>
    public const string FailedOperationServerMessage = "the server rejected our request due to an error in our request";

    /// <summary>Applies the operations in order to a copy of <paramref name="target"/>; the inputs are not mutated.</summary>
    /// <exception cref="PatchException">The document is malformed, or an operation failed.</exception>
    public static JsonNode Apply(JsonNode target, JsonNode patchDocument)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(patchDocument);
        // The server decodes the document into a typed list first (fieldValidation defaults to Warn), so shape
        // errors are 400 with the Go decoder's text.
        if (patchDocument is not JsonArray operations)
        {
            throw Malformed($"json: cannot unmarshal {GoKind(patchDocument)} into Go value of type []handlers.jsonPatchOp");
        }

        foreach (var operation in operations)
        {
            if (operation is not JsonObject fields)
            {
                throw Malformed($"json: cannot unmarshal {GoKind(operation)} into Go value of type handlers.jsonPatchOp");
            }

            foreach (var name in new[] { "op", "path", "from" })
            {
                if (fields.TryGetPropertyValue(name, out var value) && value is not null && value.GetValueKind() != JsonValueKind.String)
                {
                    throw Malformed($"json: cannot unmarshal {GoKind(value)} into Go struct field jsonPatchOp.{name} of type string");
                }
            }
        }

        JsonNode? document = target.DeepClone();
        foreach (var operation in operations)
        {
            document = ApplyOne(document, (JsonObject)operation!);
        }

        return document ?? throw Failed("the patch replaced the whole document with null");
    }

    private static JsonNode? ApplyOne(JsonNode? document, JsonObject operation)
    {
        var op = ReadString(operation, "op");
        switch (op)
        {
            case "add":
                return Add(document, RequirePath(operation, "path"), RequireValue(operation, op), op);
            case "remove":
                {
                    var path = RequirePath(operation, "path");
                    Remove(document, path, $"remove operation does not apply: doc is missing path: \"{path}\": missing value");
                    return document;
                }

            case "replace":
                return Replace(document, RequirePath(operation, "path"), RequireValue(operation, op));
            case "move":
                {
                    var from = RequirePath(operation, "from");
                    var path = RequirePath(operation, "path");
                    if (from == path)
                    {
                        _ = Get(document, from) ?? throw Failed($"move operation does not apply: doc is missing from path: {from}: missing value");
                        return document;
                    }

                    if (path.StartsWith(from + "/", StringComparison.Ordinal))
                    {
                        throw Failed($"move operation does not apply: cannot move {from} into its own child {path}");
                    }

                    var value = Remove(document, from, $"move operation does not apply: doc is missing from path: {from}: missing value");
                    return Add(document, path, value, op);
                }

            case "copy":
                {
                    var from = RequirePath(operation, "from");
                    var path = RequirePath(operation, "path");
                    if (!TryResolve(document, from, out var value))
                    {
                        throw Failed($"copy operation does not apply: doc is missing from path: {from}: missing value");
                    }

                    return Add(document, path, value?.DeepClone(), op);
                }

            case "test":
                {
                    var path = RequirePath(operation, "path");
                    var expected = RequireValue(operation, op);
                    var found = TryResolve(document, path, out var actual);

                    // The Go library lets an expected null match a missing member; an RFC-strict reading would fail it.
                    if ((!found && expected is null) || (found && JsonNodes.DeepEquals(actual, expected)))
                    {
                        return document;
                    }

                    throw Failed($"testing value {path} failed: test failed");
                }

            default:
                throw Failed($"Unexpected kind: {op ?? "unknown"}");
        }
    }

    private static JsonNode? Add(JsonNode? document, string path, JsonNode? value, string op)
    {
        var tokens = ParsePointer(path);
        if (tokens.Count == 0)
        {
            return value;
        }

        var parent = ResolveParent(document, tokens) ?? throw Failed($"{op} operation does not apply: doc is missing path: \"{path}\": missing value");
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array:
                {
                    var index = last == "-" ? array.Count : ParseIndex(last, array.Count, allowEnd: true);
                    array.Insert(index, value);
                    break;
                }

            default:
                throw Failed($"{op} operation does not apply: doc is missing path: \"{path}\": missing value");
        }

        return document;
    }

    private static JsonNode? Remove(JsonNode? document, string path, string missingMessage)
    {
        var tokens = ParsePointer(path);
        if (tokens.Count == 0)
        {
            throw Failed(missingMessage);
        }

        var parent = ResolveParent(document, tokens) ?? throw Failed(missingMessage);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj:
                if (!obj.TryGetPropertyValue(last, out var removed))
                {
                    throw Failed(missingMessage);
                }

                obj.Remove(last);
                return removed;
            case JsonArray array:
                {
                    var index = ParseIndex(last, array.Count, allowEnd: false);
                    var item = array[index];
                    array.RemoveAt(index);
                    return item;
                }

            default:
                throw Failed(missingMessage);
        }
    }

    private static JsonNode? Replace(JsonNode? document, string path, JsonNode? value)
    {
        var tokens = ParsePointer(path);
        if (tokens.Count == 0)
        {
            return value;
        }

        var missing = $"replace operation does not apply: doc is missing path: {path}: missing value";
        var parent = ResolveParent(document, tokens) ?? throw Failed(missing);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj:
                if (!obj.ContainsKey(last))
                {
                    throw Failed($"replace operation does not apply: doc is missing key: {path}: missing value");
                }

                obj[last] = value;
                break;
            case JsonArray array:
                {
                    var index = ParseIndex(last, array.Count, allowEnd: false);
                    array[index] = value;
                    break;
                }

            default:
                throw Failed(missing);
        }

        return document;
    }

    private static JsonNode? Get(JsonNode? document, string path) =>
        TryResolve(document, path, out var value) ? value ?? JsonValue.Create((string?)null) : null;

    private static bool TryResolve(JsonNode? document, string path, out JsonNode? value)
    {
        var tokens = ParsePointer(path);
        var current = document;
        foreach (var token in tokens)
        {
            if (!TryStep(current, token, out current))
            {
                value = null;
                return false;
            }
        }

        value = current;
        return true;
    }

    private static JsonNode? ResolveParent(JsonNode? document, List<string> tokens)
    {
        var current = document;
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            if (!TryStep(current, tokens[i], out current))
            {
                return null;
            }
        }

        return current;
    }

    private static bool TryStep(JsonNode? current, string token, out JsonNode? next)
    {
        switch (current)
        {
            case JsonObject obj:
                return obj.TryGetPropertyValue(token, out next);
            case JsonArray array:
                if (IsArrayIndex(token) && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count)
                {
                    next = array[index];
                    return true;
                }

                break;
        }

        next = null;
        return false;
    }

    private static bool IsArrayIndex(string token) =>
        token.Length > 0 && token.All(char.IsAsciiDigit) && (token.Length == 1 || token[0] != '0');

    private static int ParseIndex(string token, int count, bool allowEnd)
    {
        if (!IsArrayIndex(token) || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw Failed($"Unable to access invalid index: {token}: invalid index referenced");
        }

        if (index > count || (!allowEnd && index == count))
        {
            throw Failed($"Unable to access invalid index: {index}: invalid index referenced");
        }

        return index;
    }

    /// <summary>Splits a JSON Pointer (RFC 6901) into unescaped reference tokens.</summary>
    internal static List<string> ParsePointer(string pointer)
    {
        var tokens = new List<string>();
        if (pointer.Length == 0)
        {
            return tokens;
        }

        if (pointer[0] != '/')
        {
            throw Failed($"JSON pointer must be empty or start with a \"/\": {pointer}");
        }

        foreach (var raw in pointer[1..].Split('/'))
        {
            for (var i = 0; i < raw.Length; i++)
            {
                if (raw[i] == '~' && (i + 1 >= raw.Length || (raw[i + 1] != '0' && raw[i + 1] != '1')))
                {
                    throw Failed($"invalid escape in JSON pointer: {pointer}");
                }
            }

            // ~1 first, then ~0, so that "~01" becomes "~1" and not "/".
            tokens.Add(raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }

        return tokens;
    }

    private static string? ReadString(JsonObject operation, string name) =>
        operation.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;

    private static string RequirePath(JsonObject operation, string name) =>
        ReadString(operation, name) ?? throw Failed($"operation missing {name} field: missing value");

    private static JsonNode? RequireValue(JsonObject operation, string op) =>
        operation.TryGetPropertyValue("value", out var value)
            ? value?.DeepClone()
            : throw Failed($"{op} operation missing value field: missing value");

    private static PatchException Failed(string message) => new(message, isMalformed: false);

    private static PatchException Malformed(string message) => new("error decoding patch: " + message, isMalformed: true);

    private static string GoKind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            _ => "bool",
        },
    };
}
