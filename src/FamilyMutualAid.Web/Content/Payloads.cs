using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using FamilyMutualAid.Rules;

namespace FamilyMutualAid.Web.Content;

/// <summary>A vocabulary group as stored: its codes and their Chinese labels.</summary>
/// <remarks>Labels are sorted so the stored JSON, and so its hash, is the same in every process.</remarks>
public sealed record VocabularyGroup(string Group, ImmutableSortedDictionary<string, string> Labels, ImmutableArray<string> Order);

/// <summary>Turns domain records into the JSON stored in record versions, and back.</summary>
public static class Payloads
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new PolicyValueConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"empty {typeof(T).Name} payload");

    public static string Hash(string payload) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payload)));

    /// <summary>Stores a policy value as a tagged object, e.g. {"list":["spouse"]} or {"number":0.6}.</summary>
    private sealed class PolicyValueConverter : JsonConverter<PolicyValue>
    {
        public override PolicyValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var property = document.RootElement.EnumerateObject().First();
            return property.Name switch
            {
                "list" => new ListValue([.. property.Value.EnumerateArray().Select(item => item.GetString()!)])
                {
                    Excluded = document.RootElement.TryGetProperty("excluded", out var excluded) ? [.. excluded.EnumerateArray().Select(item => item.GetString()!)] : [],
                },
                "number" => new NumberValue(property.Value.GetDecimal()),
                "text" => new TextValue(property.Value.GetString()!),
                "flag" => new FlagValue(property.Value.GetBoolean()),
                _ => throw new JsonException($"unknown policy value kind '{property.Name}'"),
            };
        }

        public override void Write(Utf8JsonWriter writer, PolicyValue value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            switch (value)
            {
                case ListValue list:
                    writer.WriteStartArray("list");
                    foreach (var item in list.Items)
                    {
                        writer.WriteStringValue(item);
                    }
                    writer.WriteEndArray();
                    if (!list.Excluded.IsDefaultOrEmpty)
                    {
                        writer.WriteStartArray("excluded");
                        foreach (var item in list.Excluded)
                        {
                            writer.WriteStringValue(item);
                        }
                        writer.WriteEndArray();
                    }
                    break;
                case NumberValue number:
                    writer.WriteNumber("number", number.Number);
                    break;
                case TextValue text:
                    writer.WriteString("text", text.Text);
                    break;
                case FlagValue flag:
                    writer.WriteBoolean("flag", flag.Flag);
                    break;
                default:
                    throw new JsonException($"unknown policy value {value.GetType().Name}");
            }
            writer.WriteEndObject();
        }
    }
}
