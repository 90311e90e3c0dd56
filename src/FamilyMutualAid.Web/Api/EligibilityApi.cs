using System.Globalization;
using System.Text.Json;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Pages.Check;
using FamilyMutualAid.Web.Policy;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Api;

/// <summary>POST /api/eligibility: the rules engine over JSON, with every bad field named in a problem+json answer.</summary>
public static class EligibilityApi
{
    public sealed record CheckDto(string Id, string Outcome, string Certainty, string Title, string Reason, IReadOnlyList<PolicyApi.SourceDto> Sources, DateOnly? EffectiveFrom, bool Reported, bool Unconfirmed, string? InheritedFrom);

    public sealed record NextStepDto(string Text, string? Url);

    /// <summary>The answer: <c>certainty</c> is confirmed, unconfirmed or conflicting; <c>headline</c> words verdict and certainty together.</summary>
    public sealed record EligibilityDto(string Verdict, string Certainty, string Headline, string Region, DateOnly AsOf, IReadOnlyList<CheckDto> Checks, IReadOnlyList<NextStepDto> NextSteps);

    public static IEndpointRouteBuilder MapEligibilityApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/eligibility", EvaluateAsync).DisableAntiforgery().WithTags("eligibility");
        return app;
    }

    private static async Task<IResult> EvaluateAsync(HttpRequest request, PolicySnapshotProvider policy, TimeProvider clock, CancellationToken cancellationToken)
    {
        var snapshot = policy.Current;
        return await JsonBody.AnswerAsync(
            request,
            (root, errors) => Read(root, snapshot, PolicyText.Today(clock), errors),
            c => ToDto(snapshot, c, EligibilityEngine.Evaluate(snapshot, c)),
            cancellationToken);
    }

    public static EligibilityDto ToDto(PolicySnapshot snapshot, EligibilityCase c, EligibilityResult result)
    {
        var text = new EligibilityText(snapshot);
        return new EligibilityDto(
            Codes.Of(result.Verdict),
            Codes.Of(result.Certainty),
            EligibilityText.Verdict(result),
            result.RegionSlug,
            result.AsOf,
            [.. result.Checks.Select(check => text.Word(check, c)).Select(w => new CheckDto(
                w.Check.Id,
                Codes.Of(w.Check.Outcome),
                Codes.Of(w.Check.Certainty),
                w.Title,
                w.Reason,
                PolicyApi.Sources(snapshot, w.Check.SourceIds),
                w.Check.EffectiveFrom,
                w.Check.Reported,
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
        var region = JsonFields.Text(root, "region", errors);
        if (region is not null && snapshot.FindRegion(region) is null)
        {
            errors.Add("region", $"unknown region '{(region.Length > 60 ? region[..60] + "…" : region)}'; GET /api/regions lists them");
        }
        var asOf = JsonFields.Date(root, "asOf", today, errors);
        var sharer = Object(root, "sharer", errors);
        var member = Object(root, "member", errors);
        var sharerInsurance = sharer is { } s1 ? JsonFields.Enum<InsuranceType>(s1, "insurance", errors, "sharer.insurance") : null;
        var sharerStatus = sharer is { } s2 ? JsonFields.Enum<InsuranceStatus>(s2, "status", errors, "sharer.status") : null;
        var balance = sharer is { } s3 ? JsonFields.Amount(s3, "balance", errors, "sharer.balance") : null;
        var relationship = member is { } m1 ? JsonFields.Enum<Relationship>(m1, "relationship", errors, "member.relationship") : null;
        var memberInsurance = member is { } m2 ? JsonFields.Enum<InsuranceType>(m2, "insurance", errors, "member.insurance") : null;
        var memberStatus = member is { } m3 ? JsonFields.Enum<InsuranceStatus>(m3, "status", errors, "member.status") : null;
        var location = member is { } m4 ? JsonFields.Enum<MemberLocation>(m4, "location", errors, "member.location") : null;
        var purpose = JsonFields.Enum<Purpose>(root, "purpose", errors);
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
}
