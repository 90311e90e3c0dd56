using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Policy;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Api;

/// <summary>
/// Reads a JSON request body: declared as JSON (else 415), at most <see cref="MaxBytes"/> however it is sent (else 413,
/// without reading further), UTF-8 and JSON with every string valid Unicode (else 400 naming the body or the field).
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 16 * 1024;

    public static async Task<JsonDocument?> ReadAsync(HttpRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (!IsJson(request.ContentType))
        {
            errors.Refuse(StatusCodes.Status415UnsupportedMediaType, "Content-Type", "must be application/json (UTF-8)");
            return null;
        }
        var body = await ReadBoundedAsync(request, cancellationToken);
        if (body is null)
        {
            errors.Refuse(StatusCodes.Status413PayloadTooLarge, "body", $"must be at most {MaxBytes} bytes");
            return null;
        }
        var bytes = body.Value.Span.StartsWith(Utf8Bom) ? body.Value[Utf8Bom.Length..] : body.Value;
        if (!Utf8.IsValid(bytes.Span))
        {
            errors.Add("body", "must be UTF-8 text");
            return null;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            errors.Add("body", $"is not valid JSON ({ex.Message.Split('.')[0]})");
            return null;
        }
        // An escaped lone surrogate ("\ud800") is valid JSON but no text: name it here, so no reader meets it.
        foreach (var path in InvalidStrings(document.RootElement, "body"))
        {
            errors.Add(path, "must be valid Unicode text (a \\u escape holds a lone surrogate)");
        }
        if (errors.Any)
        {
            document.Dispose();
            return null;
        }
        return document;
    }

    /// <summary>
    /// Answers a JSON request: reads the body, then the case from it (the reader names every bad field), then the
    /// answer; a problem+json listing the fields when the body or any field is bad.
    /// </summary>
    public static async Task<IResult> AnswerAsync<TCase>(
        HttpRequest request, Func<JsonElement, FieldErrors, TCase?> read, Func<TCase, object> answer, CancellationToken cancellationToken)
        where TCase : class
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(answer);
        var errors = new FieldErrors();
        using var document = await ReadAsync(request, errors, cancellationToken);
        var c = document is null ? null : read(document.RootElement, errors);
        return c is null || errors.Any ? errors.ToProblem() : Results.Ok(answer(c));
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>application/json or any +json type, in UTF-8 (the only encoding JSON over HTTP may use, RFC 8259).</summary>
    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && type.MediaType.HasValue
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        && (!type.Charset.HasValue || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The body, or null when it is longer than <see cref="MaxBytes"/>: at most one byte more is read, whether or not
    /// a Content-Length was sent, and the server is told the limit so it stops receiving too.
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBoundedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes;
        }
        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        try
        {
            int read;
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        if (length > MaxBytes)
        {
            return null;
        }
        return buffer.AsMemory(0, length);
    }

    /// <summary>The path of every string (or property name) in the document that does not decode to valid Unicode.</summary>
    private static IEnumerable<string> InvalidStrings(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String when !Decodes(() => element.GetString()):
                yield return path;
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!Decodes(() => property.Name))
                    {
                        yield return path;
                        continue;
                    }
                    foreach (var inner in InvalidStrings(property.Value, path == "body" ? property.Name : $"{path}.{property.Name}"))
                    {
                        yield return inner;
                    }
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var inner in InvalidStrings(item, $"{path}[{index++}]"))
                    {
                        yield return inner;
                    }
                }
                break;
        }
    }

    private static bool Decodes(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}

/// <summary>Typed fields of a JSON object, each problem recorded under the field's path.</summary>
public static class JsonFields
{
    public static string? Text(JsonElement parent, string field, FieldErrors errors, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var name = path ?? field;
        if (!parent.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            errors.Add(name, "is required");
            return null;
        }
        if (element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetString()))
        {
            errors.Add(name, "must be a non-empty string");
            return null;
        }
        return element.GetString()!.Trim();
    }

    public static DateOnly? Date(JsonElement parent, string field, DateOnly fallback, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!parent.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add(field, "must be a date string YYYY-MM-DD");
            return null;
        }
        return ApiValues.Date(element.GetString(), field, fallback, errors);
    }

    public static TEnum? Enum<TEnum>(JsonElement parent, string field, FieldErrors errors, string? path = null)
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(errors);
        var name = path ?? field;
        var element = parent.TryGetProperty(field, out var found) ? found : default;
        if (element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            errors.Add(name, "is required");
            return null;
        }
        if (element.ValueKind == JsonValueKind.String && Codes.TryParse<TEnum>(element.GetString()!, out var value))
        {
            return value;
        }
        errors.Add(name, $"must be one of {string.Join(", ", Codes.All<TEnum>())}");
        return null;
    }

    /// <summary>An amount of yuan by the one rule of <see cref="Money"/>, judged on the number exactly as written.</summary>
    public static decimal? Amount(JsonElement parent, string field, FieldErrors errors, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var name = path ?? field;
        if (!parent.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            errors.Add(name, "is required");
            return null;
        }
        // Only a JSON number, judged on its text: "1e-30" read as a decimal would already be 0.
        var amount = 0m;
        var problem = element.ValueKind == JsonValueKind.Number ? Money.TryParseYuan(element.GetRawText(), out amount) : AmountProblem.NotANumber;
        if (problem == AmountProblem.None)
        {
            return amount;
        }
        errors.Add(name, problem switch
        {
            AmountProblem.Negative => "must not be negative",
            AmountProblem.BelowOneFen => "must be a whole number of fen: at most two decimal places",
            AmountProblem.TooLarge => $"must be at most {Money.MaxYuan.ToString("0", CultureInfo.InvariantCulture)}",
            _ => "must be a number of yuan, e.g. 3000 or 1250.50",
        });
        return null;
    }
}
