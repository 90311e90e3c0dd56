using System.Buffers;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Api;

// The request records' fields are these lenient values: System.Text.Json reads every field as it was sent and never
// stops at the first one of the wrong type, so validation can then name every bad field at once, as the API always has.

/// <summary>A text field as sent: <see cref="Text"/> is the trimmed string, or null when the JSON was not a non-empty string.</summary>
[JsonConverter(typeof(RequestTextConverter))]
public readonly record struct RequestText(string? Text);

/// <summary>An enum field as sent: <see cref="Value"/> is null when the JSON was not one of the enum's codes.</summary>
[JsonConverter(typeof(RequestCodeConverterFactory))]
public readonly record struct RequestCode<TEnum>(TEnum? Value) : IRequestCode
    where TEnum : struct, Enum
{
    public bool IsKnown => Value.HasValue;

    public IEnumerable<string> Codes => Content.Codes.All<TEnum>();
}

/// <summary>What validation needs to know of any <see cref="RequestCode{TEnum}"/>.</summary>
public interface IRequestCode
{
    bool IsKnown { get; }

    IEnumerable<string> Codes { get; }
}

/// <summary>An amount of yuan as sent, judged by <see cref="Money"/>'s one rule on the number exactly as written ("1e-30" is not 0).</summary>
[JsonConverter(typeof(RequestAmountConverter))]
public readonly record struct RequestAmount(decimal Yuan, AmountProblem Problem);

/// <summary>A date as sent: <see cref="Date"/> is null when the JSON was not a string in the form YYYY-MM-DD.</summary>
[JsonConverter(typeof(RequestDateConverter))]
public readonly record struct RequestDate(DateOnly? Date, bool WasString);

/// <summary>A nested object of a request: <see cref="IsNotAnObject"/> marks the stand-in read for any other JSON value.</summary>
public interface IRequestPart
{
    bool IsNotAnObject { get; }
}

/// <summary>A nested object of a request that has a stand-in for a JSON value that is not an object.</summary>
public interface IRequestPart<TSelf> : IRequestPart
    where TSelf : class, IRequestPart<TSelf>
{
    /// <summary>The stand-in read for a value that is not a JSON object, so the rest of the body is still read.</summary>
    static abstract TSelf NotAnObject { get; }
}

internal sealed class RequestTextConverter : JsonConverter<RequestText>
{
    public override RequestText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.TrySkip();
            return new(null);
        }
        var text = reader.GetString();
        return new(string.IsNullOrWhiteSpace(text) ? null : text.Trim());
    }

    public override void Write(Utf8JsonWriter writer, RequestText value, JsonSerializerOptions options) => writer.WriteStringValue(value.Text);
}

internal sealed class RequestCodeConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(RequestCode<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(RequestCodeConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
}

internal sealed class RequestCodeConverter<TEnum> : JsonConverter<RequestCode<TEnum>>
    where TEnum : struct, Enum
{
    public override RequestCode<TEnum> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && Codes.TryParse<TEnum>(reader.GetString()!, out var value))
        {
            return new(value);
        }
        reader.TrySkip();
        return new(null);
    }

    public override void Write(Utf8JsonWriter writer, RequestCode<TEnum> value, JsonSerializerOptions options)
    {
        if (value.Value is { } code)
        {
            writer.WriteStringValue(Codes.Of(code));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

internal sealed class RequestAmountConverter : JsonConverter<RequestAmount>
{
    public override RequestAmount Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            reader.TrySkip();
            return new(0, AmountProblem.NotANumber);
        }
        var text = System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        var problem = Money.TryParseYuan(text, out var yuan);
        return new(yuan, problem);
    }

    public override void Write(Utf8JsonWriter writer, RequestAmount value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Yuan);
}

internal sealed class RequestDateConverter : JsonConverter<RequestDate>
{
    public override RequestDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.TrySkip();
            return new(null, WasString: false);
        }
        return DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new(date, WasString: true)
            : new(null, WasString: true);
    }

    public override void Write(Utf8JsonWriter writer, RequestDate value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}

/// <summary>Reads a nested object of a request, or its <see cref="IRequestPart{TSelf}.NotAnObject"/> stand-in for any other JSON value.</summary>
internal sealed class RequestPartConverter<T> : JsonConverter<T>
    where T : class, IRequestPart<T>
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.TrySkip();
            return T.NotAnObject;
        }
        // The type's own (default) converter: this one is attached to the property, not the type.
        return JsonSerializer.Deserialize<T>(ref reader, options);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => JsonSerializer.Serialize(writer, value, options);
}

/// <summary>A required field: "is required" when missing or null; for a nested object, "must be an object" when it is another JSON value.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class RequiredFieldAttribute : RequiredAttribute
{
    public RequiredFieldAttribute() => ErrorMessage = "is required";

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) => value switch
    {
        null => new ValidationResult("is required"),
        RequestText { Text: null } => new ValidationResult("must be a non-empty string"),
        IRequestPart { IsNotAnObject: true } => new ValidationResult("must be an object"),
        _ => ValidationResult.Success,
    };
}

/// <summary>An enum code: "must be one of …" listing the codes the API accepts.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class KnownCodeAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is IRequestCode { IsKnown: false } code ? new ValidationResult($"must be one of {string.Join(", ", code.Codes)}") : ValidationResult.Success;
}

/// <summary>An amount of yuan: not negative, a whole number of fen, at most <see cref="Money.MaxYuan"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class WholeFenAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) => value is RequestAmount amount
        ? amount.Problem switch
        {
            AmountProblem.None => ValidationResult.Success,
            AmountProblem.Negative => new ValidationResult("must not be negative"),
            AmountProblem.BelowOneFen => new ValidationResult("must be a whole number of fen: at most two decimal places"),
            AmountProblem.TooLarge => new ValidationResult($"must be at most {Money.MaxYuan.ToString("0", CultureInfo.InvariantCulture)}"),
            _ => new ValidationResult("must be a number of yuan, e.g. 3000 or 1250.50"),
        }
        : ValidationResult.Success;
}

/// <summary>An optional date: a string YYYY-MM-DD between <see cref="ApiValues.EarliestDate"/> and <see cref="ApiValues.LatestDate"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PolicyDateAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) => value switch
    {
        RequestDate { WasString: false } => new ValidationResult("must be a date string YYYY-MM-DD"),
        RequestDate { Date: null } => new ValidationResult("must be a date in the form YYYY-MM-DD"),
        RequestDate { Date: { } date } when date < ApiValues.EarliestDate || date > ApiValues.LatestDate =>
            new ValidationResult($"must be between {ApiValues.EarliestDate:yyyy-MM-dd} and {ApiValues.LatestDate:yyyy-MM-dd}"),
        _ => ValidationResult.Success,
    };
}

/// <summary>A region slug the current policy data knows.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class KnownRegionAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (value is not RequestText { Text: { } slug })
        {
            return ValidationResult.Success;
        }
        var policy = (PolicySnapshotProvider)validationContext.GetService(typeof(PolicySnapshotProvider))!;
        return policy.Current.FindRegion(slug) is null
            ? new ValidationResult($"unknown region '{(slug.Length > 60 ? slug[..60] + "…" : slug)}'; GET /api/regions lists them")
            : ValidationResult.Success;
    }
}

/// <summary>The values of a request that validation has passed; anything else is a bug, not bad input.</summary>
internal static class Validated
{
    public static string Known(this RequestText? text) => text?.Text ?? throw NotValidated();

    public static TEnum Known<TEnum>(this RequestCode<TEnum>? code)
        where TEnum : struct, Enum => code?.Value ?? throw NotValidated();

    public static decimal Known(this RequestAmount? amount) => amount is { Problem: AmountProblem.None } a ? a.Yuan : throw NotValidated();

    public static DateOnly OrDefault(this RequestDate? date, DateOnly today) => date is null ? today : date.Value.Date ?? throw NotValidated();

    private static InvalidOperationException NotValidated() => new("The request was used before it passed validation.");
}
