using FamilyMutualAid.Web.Caching;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Api;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Publishing;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace FamilyMutualAid.Web.Pages.Developers;

/// <summary>One request field or parameter and the values it accepts.</summary>
public sealed record ApiField(string Name, string Meaning, string Accepts, bool Required);

/// <summary>One endpoint as the OpenAPI document describes it.</summary>
public sealed record ApiEndpoint(string Method, string Path, string Summary, string Description, IReadOnlyList<ApiField> Parameters, IReadOnlyList<ApiField> Fields, string? RequestExample);

/// <summary>Documents the JSON API from its OpenAPI description (<c>/openapi/v1.json</c>); the sample answer comes from the running code and data.</summary>
[PublishedPage]
public sealed class ApiModel(PolicySnapshotProvider policy, TimeProvider clock, IServiceProvider services, IOptions<JsonOptions> json) : PageModel
{
    public IReadOnlyList<ApiEndpoint> Endpoints { get; private set; } = [];

    public string SampleResponse { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var document = await services.GetRequiredKeyedService<IOpenApiDocumentProvider>(JsonApi.DocumentName).GetOpenApiDocumentAsync(cancellationToken);
        Endpoints = ApiDescription.Endpoints(document);
        var today = PolicyText.Today(clock);
        SampleResponse = policy.Views.Get(today, new SampleKey(), (snapshot, _) => Sample(snapshot, today, json.Value.SerializerOptions));
    }

    private static string Sample(PolicySnapshot snapshot, DateOnly today, JsonSerializerOptions options)
    {
        var request = JsonSerializer.Deserialize<EligibilityApi.EligibilityRequest>(EligibilityApi.SampleRequest, options)!;
        if (snapshot.FindRegion(request.Region!.Value.Text!) is null)
        {
            return "（示例地区的数据暂未载入）";
        }
        var c = request.ToCase(today);
        return JsonSerializer.Serialize(EligibilityApi.ToDto(snapshot, c, EligibilityEngine.Evaluate(snapshot, c)), ApiDescription.Pretty);
    }

    private sealed record SampleKey;
}

/// <summary>Reads the endpoints, their fields and examples out of the OpenAPI document, as published at <c>/openapi/v1.json</c>.</summary>
public static class ApiDescription
{
    internal static readonly JsonSerializerOptions Pretty = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static IReadOnlyList<ApiEndpoint> Endpoints(OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var writer = new StringWriter();
        document.SerializeAsV31(new OpenApiJsonWriter(writer));
        using var published = JsonDocument.Parse(writer.ToString());
        var root = published.RootElement;
        var endpoints = new List<ApiEndpoint>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("responses", out _)))
            {
                var op = operation.Value;
                var parameters = op.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(p => Field(root, Text(p, "name"), p, p.TryGetProperty("schema", out var s) ? s : default, Flag(p, "required"))).ToList()
                    : [];
                var body = op.TryGetProperty("requestBody", out var requestBody) && requestBody.GetProperty("content").EnumerateObject().FirstOrDefault() is { Value.ValueKind: JsonValueKind.Object } media
                    ? media.Value
                    : default;
                var fields = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("schema", out var schema) ? Fields(root, schema, "") : [];
                var example = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("example", out var e)
                    ? JsonSerializer.Serialize(e, Pretty)
                    : null;
                endpoints.Add(new(operation.Name.ToUpperInvariant(), path.Name, Text(op, "summary"), Text(op, "description"), parameters, fields, example));
            }
        }
        return endpoints;
    }

    private static List<ApiField> Fields(JsonElement root, JsonElement schema, string prefix)
    {
        schema = Resolve(root, schema);
        if (!schema.TryGetProperty("properties", out var properties))
        {
            return [];
        }
        var required = schema.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()).ToHashSet() : [];
        var fields = new List<ApiField>();
        foreach (var property in properties.EnumerateObject())
        {
            var name = prefix + property.Name;
            var value = Resolve(root, property.Value);
            fields.Add(Field(root, name, Described(property.Value), value, required.Contains(property.Name)));
            fields.AddRange(Fields(root, value, name + "."));
        }
        return fields;
    }

    private static ApiField Field(JsonElement root, string name, JsonElement described, JsonElement schema, bool required)
    {
        schema = Resolve(root, schema);
        var meaning = Text(described, "description") is { Length: > 0 } text ? text : Text(schema, "description");
        return new(name, meaning, Accepts(schema), required);
    }

    /// <summary>What a schema accepts, in a few words: its codes, a date, an amount's bounds, or its type.</summary>
    private static string Accepts(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return "";
        }
        if (schema.TryGetProperty("enum", out var codes))
        {
            return string.Join(" | ", codes.EnumerateArray().Select(c => c.ToString()));
        }
        if (Text(schema, "format") == "date")
        {
            return "YYYY-MM-DD";
        }
        var type = schema.TryGetProperty("type", out var t) ? (t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()).FirstOrDefault(x => x != "null") : t.GetString()) : null;
        return type switch
        {
            "number" when schema.TryGetProperty("maximum", out var max) => $"数字，0 至 {max}，最多两位小数",
            "number" or "integer" => "数字",
            "string" => "字符串",
            "object" => "对象",
            "boolean" => "true | false",
            _ => type ?? "",
        };
    }

    private static JsonElement Resolve(JsonElement root, JsonElement schema)
    {
        // A nullable field is "oneOf": [null, the schema]; the null only leads to "is required".
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("oneOf", out var choices)
            && choices.EnumerateArray().FirstOrDefault(c => Text(c, "type") != "null") is { ValueKind: JsonValueKind.Object } choice)
        {
            return Resolve(root, choice);
        }
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference) && reference.GetString() is { } path && path.StartsWith("#/", StringComparison.Ordinal))
        {
            var target = root;
            foreach (var part in path[2..].Split('/'))
            {
                if (!target.TryGetProperty(part, out target))
                {
                    return default;
                }
            }
            return target;
        }
        return schema;
    }

    /// <summary>The part of a property's schema that carries its description: itself, or its non-null "oneOf" choice.</summary>
    private static JsonElement Described(JsonElement schema) =>
        schema.TryGetProperty("oneOf", out var choices) && choices.EnumerateArray().FirstOrDefault(c => Text(c, "type") != "null") is { ValueKind: JsonValueKind.Object } choice
            ? choice
            : schema;

    private static string Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static bool Flag(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.True;
}
