using System.Globalization;
using System.Text.Json;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Import;
using FamilyMutualAid.Web.Pages.Check;
using FamilyMutualAid.Web.Policy;

namespace FamilyMutualAid.Web.Api;

/// <summary>POST /api/eligibility: the rules engine over JSON, with every bad field named in a problem+json answer.</summary>
public static class EligibilityApi
{
    public sealed record CheckDto(string Id, string Outcome, string Title, string Reason, IReadOnlyList<PolicyApi.SourceDto> Sources, DateOnly? EffectiveFrom, bool Unconfirmed, string? InheritedFrom);

    public sealed record NextStepDto(string Text, string? Url);

    public sealed record EligibilityDto(string Verdict, string Region, DateOnly AsOf, IReadOnlyList<CheckDto> Checks, IReadOnlyList<NextStepDto> NextSteps);

    public const int MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapEligibilityApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/eligibility", EvaluateAsync).DisableAntiforgery().WithTags("eligibility");
        return app;
    }

    private static async Task<IResult> EvaluateAsync(HttpRequest request, PolicySnapshotProvider policy, TimeProvider clock, CancellationToken cancellationToken)
    {
        var snapshot = policy.Current;
        var errors = new FieldErrors();
        JsonDocument? document = null;
        try
        {
            if (request.ContentLength > MaxBodyBytes)
            {
                errors.Add("body", $"must be at most {MaxBodyBytes} bytes");
                return errors.ToProblem();
            }
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            errors.Add("body", $"is not valid JSON ({ex.Message.Split('.')[0]})");
            return errors.ToProblem();
        }
        using (document)
        {
            var c = Read(document.RootElement, snapshot, PolicyText.Today(clock), errors);
            if (c is null || errors.Any)
            {
                return errors.ToProblem();
            }
            return Results.Ok(ToDto(snapshot, c, EligibilityEngine.Evaluate(snapshot, c)));
        }
    }

    public static EligibilityDto ToDto(PolicySnapshot snapshot, EligibilityCase c, EligibilityResult result)
    {
        var text = new EligibilityText(snapshot);
        return new EligibilityDto(
            Codes.Of(result.Verdict),
            result.RegionSlug,
            result.AsOf,
            [.. result.Checks.Select(check => text.Word(check, c)).Select(w => new CheckDto(
                w.Check.Id,
                Codes.Of(w.Check.Outcome),
                w.Title,
                w.Reason,
                PolicyApi.Sources(snapshot, w.Check.SourceIds),
                w.Check.EffectiveFrom,
                w.Check.Unconfirmed,
                w.Check.InheritedFrom?.Slug))],
            [.. text.NextSteps(result, c).Select(s => new NextStepDto(s.Text, s.Url))]);
    }

    /// <summary>Reads a case from the request JSON, recording every bad or missing field; null if the body is not an object.</summary>
    public static EligibilityCase? Read(JsonElement root, PolicySnapshot snapshot, DateOnly today, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(errors);
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "must be a JSON object");
            return null;
        }
        var region = String(root, "region", errors);
        if (region is not null && snapshot.FindRegion(region) is null)
        {
            errors.Add("region", $"unknown region '{(region.Length > 60 ? region[..60] + "…" : region)}'; GET /api/regions lists them");
        }
        var asOf = root.TryGetProperty("asOf", out var asOfElement) && asOfElement.ValueKind != JsonValueKind.Null
            ? asOfElement.ValueKind == JsonValueKind.String ? ApiValues.Date(asOfElement.GetString(), "asOf", today, errors) : Invalid<DateOnly>(errors, "asOf", "must be a date string YYYY-MM-DD")
            : today;
        var sharer = Object(root, "sharer", errors);
        var member = Object(root, "member", errors);
        var sharerInsurance = sharer is { } s1 ? Enum<InsuranceType>(s1, "sharer", "insurance", errors) : null;
        var sharerStatus = sharer is { } s2 ? Enum<InsuranceStatus>(s2, "sharer", "status", errors) : null;
        var balance = sharer is { } s3 ? Amount(s3, "sharer.balance", errors) : null;
        var relationship = member is { } m1 ? Enum<Relationship>(m1, "member", "relationship", errors) : null;
        var memberInsurance = member is { } m2 ? Enum<InsuranceType>(m2, "member", "insurance", errors) : null;
        var memberStatus = member is { } m3 ? Enum<InsuranceStatus>(m3, "member", "status", errors) : null;
        var location = member is { } m4 ? Enum<MemberLocation>(m4, "member", "location", errors) : null;
        var purpose = Enum<Purpose>(root, "", "purpose", errors);
        if (errors.Any)
        {
            return null;
        }
        return new EligibilityCase(
            region!,
            asOf!.Value,
            new Sharer(sharerInsurance!.Value, sharerStatus!.Value, balance!.Value),
            new Member(relationship!.Value, memberInsurance!.Value, memberStatus!.Value, location!.Value),
            purpose!.Value);
    }

    private static T? Invalid<T>(FieldErrors errors, string field, string message)
        where T : struct
    {
        errors.Add(field, message);
        return null;
    }

    private static string? String(JsonElement parent, string field, FieldErrors errors)
    {
        if (!parent.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            errors.Add(field, "is required");
            return null;
        }
        if (element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetString()))
        {
            errors.Add(field, "must be a non-empty string");
            return null;
        }
        return element.GetString()!.Trim();
    }

    private static JsonElement? Object(JsonElement parent, string field, FieldErrors errors)
    {
        if (!parent.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            errors.Add(field, "is required");
            return null;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(field, "must be an object");
            return null;
        }
        return element;
    }

    private static TEnum? Enum<TEnum>(JsonElement parent, string prefix, string field, FieldErrors errors)
        where TEnum : struct, Enum
    {
        var name = prefix.Length == 0 ? field : $"{prefix}.{field}";
        var text = parent.TryGetProperty(field, out var element) ? element : default;
        if (text.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            errors.Add(name, "is required");
            return null;
        }
        if (text.ValueKind == JsonValueKind.String && Codes.TryParse<TEnum>(text.GetString()!, out var value))
        {
            return value;
        }
        errors.Add(name, $"must be one of {string.Join(", ", Codes.All<TEnum>())}");
        return null;
    }

    private static decimal? Amount(JsonElement parent, string name, FieldErrors errors)
    {
        if (!parent.TryGetProperty("balance", out var element) || element.ValueKind == JsonValueKind.Null)
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
        if (amount > CheckQuestions.MaxBalance)
        {
            errors.Add(name, $"must be at most {CheckQuestions.MaxBalance.ToString("0", CultureInfo.InvariantCulture)}");
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
