using System.Globalization;
using System.Text.Json;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Import;
using FamilyMutualAid.Web.Policy;

namespace FamilyMutualAid.Web.Api;

/// <summary>POST /api/fund-usage: which account pays how much of one bill, step by step, with warnings.</summary>
public static class FundUsageApi
{
    public const decimal MaxAmount = 10_000_000m;

    public sealed record StepDto(string Id, string Text, IReadOnlyList<PolicyApi.SourceDto> Sources, DateOnly? EffectiveFrom, bool Unconfirmed);

    public sealed record WarningDto(string Kind, IReadOnlyList<string> Affects, string Text, IReadOnlyList<PolicyApi.SourceDto> Sources);

    public sealed record FundUsageDto(string Region, DateOnly AsOf, string Venue, decimal SelfPay, decimal FromMemberAccount, decimal FromSharedAccount, decimal Cash, IReadOnlyList<StepDto> Steps, IReadOnlyList<WarningDto> Warnings);

    public static IEndpointRouteBuilder MapFundUsageApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/fund-usage", CalculateAsync).DisableAntiforgery().WithTags("fund-usage");
        return app;
    }

    private static async Task<IResult> CalculateAsync(HttpRequest request, PolicySnapshotProvider policy, TimeProvider clock, CancellationToken cancellationToken)
    {
        var snapshot = policy.Current;
        var errors = new FieldErrors();
        if (await JsonBody.ReadAsync(request, errors, cancellationToken) is not { } document)
        {
            return errors.ToProblem();
        }
        using (document)
        {
            var c = Read(document.RootElement, snapshot, PolicyText.Today(clock), errors);
            return c is null ? errors.ToProblem() : Results.Ok(ToDto(snapshot, c, FundUsageCalculator.Calculate(snapshot, c)));
        }
    }

    public static FundUsageDto ToDto(PolicySnapshot snapshot, FundUsageCase c, FundUsageResult result)
    {
        var text = new FundUsageText(snapshot);
        return new(
            c.RegionSlug,
            c.AsOf,
            Codes.Of(c.Venue),
            c.SelfPay,
            result.FromMemberAccount,
            result.FromSharedAccount,
            result.Cash,
            [.. result.Steps.Select(s => text.Word(s, c)).Select(w => new StepDto(w.Step.Id, w.Text, PolicyApi.Sources(snapshot, w.Step.SourceIds), w.Step.EffectiveFrom, w.Step.Unconfirmed))],
            [.. result.Warnings.Select(text.Word).Select(w => new WarningDto(
                Codes.Of(w.Warning.Kind),
                [.. Enum.GetValues<FundUsageFigures>().Where(f => f is not (FundUsageFigures.None or FundUsageFigures.All) && w.Warning.Affects.HasFlag(f)).Select(Codes.Of)],
                w.Text,
                PolicyApi.Sources(snapshot, w.Warning.SourceIds)))]);
    }

    /// <summary>Reads a bill from the request JSON, naming every bad or missing field; null when any is bad.</summary>
    public static FundUsageCase? Read(JsonElement root, PolicySnapshot snapshot, DateOnly today, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(errors);
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "must be a JSON object");
            return null;
        }
        var region = JsonFields.Text(root, "region", errors);
        if (region is not null && snapshot.FindRegion(region) is null)
        {
            errors.Add("region", $"unknown region '{(region.Length > 60 ? region[..60] + "…" : region)}'; GET /api/regions lists them");
        }
        var asOf = JsonFields.Date(root, "asOf", today, errors);
        var venue = JsonFields.Enum<Venue>(root, "venue", errors);
        var selfPay = JsonFields.Amount(root, "selfPay", MaxAmount, errors);
        var memberOwn = JsonFields.Amount(root, "memberOwnBalance", MaxAmount, errors);
        var sharerBalance = JsonFields.Amount(root, "sharerBalance", MaxAmount, errors);
        var shared = JsonFields.Amount(root, "sharedThisYear", MaxAmount, errors);
        return errors.Any
            ? null
            : new FundUsageCase(region!, asOf!.Value, venue!.Value, selfPay!.Value, memberOwn!.Value, sharerBalance!.Value, shared!.Value);
    }
}

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
