using System.Text.Json;
using System.Text.Json.Serialization;

namespace GongOperator.Gong.Api;

/// <summary>
/// Reads errors[] leniently: strings as they are, any other element as its raw JSON, a lone string as a
/// one-element list, null as empty. Gong documents strings; an unexpected shape must not cost the status code.
/// </summary>
internal sealed class LenientStringListConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return [];
            case JsonTokenType.String:
                return [reader.GetString() ?? string.Empty];
            case JsonTokenType.StartArray:
                var list = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        list.Add(reader.GetString() ?? string.Empty);
                    }
                    else
                    {
                        using var element = JsonDocument.ParseValue(ref reader);
                        list.Add(element.RootElement.GetRawText());
                    }
                }

                return list;
            default:
                using (var other = JsonDocument.ParseValue(ref reader))
                {
                    return [other.RootElement.GetRawText()];
                }
        }
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }
}
