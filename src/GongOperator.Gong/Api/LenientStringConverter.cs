using System.Text.Json;
using System.Text.Json.Serialization;

namespace GongOperator.Gong.Api;

/// <summary>
/// Reads a string leniently: a number or boolean as its JSON text, an object or array as null. Gong documents
/// requestId as a string; an unexpected shape must not cost the rest of the answer.
/// </summary>
internal sealed class LenientStringConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                using (var scalar = JsonDocument.ParseValue(ref reader))
                {
                    return scalar.RootElement.GetRawText();
                }

            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
