using System.Globalization;
using System.Text.Json;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Import;
using FamilyMutualAid.Web.Policy;

namespace FamilyMutualAid.Web.Api;

/// <summary>Reads a JSON request body with a size limit, naming the body when it is not JSON.</summary>
public static class JsonBody
{
    public const int MaxBytes = 16 * 1024;

    public static async Task<JsonDocument?> ReadAsync(HttpRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (request.ContentLength > MaxBytes)
        {
            errors.Add("body", $"must be at most {MaxBytes} bytes");
            return null;
        }
        try
        {
            return await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            errors.Add("body", $"is not valid JSON ({ex.Message.Split('.')[0]})");
            return null;
        }
    }

    /// <summary>
    /// Answers a JSON request: reads the body, then the case from it (the reader names every bad field), then the
    /// answer; a 400 problem+json listing the fields when the body or any field is bad.
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

    public static decimal? Amount(JsonElement parent, string field, decimal max, FieldErrors errors, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var name = path ?? field;
        if (!parent.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            errors.Add(name, "is required");
            return null;
        }
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDecimal(out var amount))
        {
            errors.Add(name, "must be a number of yuan, e.g. 3000 or 1250.50");
            return null;
        }
        if (amount < 0)
        {
            errors.Add(name, "must not be negative");
            return null;
        }
        if (amount > max)
        {
            errors.Add(name, $"must be at most {max.ToString("0", CultureInfo.InvariantCulture)}");
            return null;
        }
        if (decimal.Round(amount, 2) != amount)
        {
            errors.Add(name, "must have at most two decimal places (fen)");
            return null;
        }
        return amount;
    }
}
