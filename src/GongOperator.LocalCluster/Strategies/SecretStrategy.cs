using System.Text;
using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Server;

namespace GongOperator.LocalCluster.Strategies;

/// <summary>Secrets: stringData is folded into data (base64), data must be base64, type defaults to Opaque.</summary>
internal sealed class SecretStrategy : ResourceStrategy
{
    public override void PrepareForCreate(JsonObject obj, string now) => FoldStringData(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, string now) => FoldStringData(obj);

    public override IEnumerable<StatusCause> Validate(JsonObject obj)
    {
        if (obj["data"] is { } d && d is not JsonObject)
        {
            yield return new("FieldValueTypeInvalid", "Invalid value: must be a map of base64 strings", "data");
            yield break;
        }

        foreach (var (k, v) in obj["data"] as JsonObject ?? [])
        {
            if (!IsBase64(v))
            {
                yield return new("FieldValueInvalid", $"Invalid value: {v?.ToJsonString() ?? "null"}: illegal base64 data", "data[" + k + "]");
            }
        }
    }

    private static void FoldStringData(JsonObject obj)
    {
        // A data field that Validate refuses is left as sent, so a stringData key cannot hide a bad data value.
        var data = obj["data"] as JsonObject;
        if ((obj["data"] is not null && data is null) || (data is not null && !data.All(kv => IsBase64(kv.Value))))
        {
            return;
        }

        if (obj["stringData"] is JsonObject stringData)
        {
            data ??= [];
            foreach (var (k, v) in stringData)
            {
                data[k] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Json.Text(v) ?? v?.ToJsonString() ?? ""));
            }

            obj["data"] = data;
        }

        obj.Remove("stringData");
        obj["type"] ??= "Opaque";
    }

    private static bool IsBase64(JsonNode? value)
    {
        var text = Json.Text(value);
        if (text is null)
        {
            return false;
        }

        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out _);
    }
}
