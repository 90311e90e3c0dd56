using System.Globalization;
using System.Text.Json;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Policy;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Api;

/// <summary>POST /api/fund-usage: which account pays how much of one bill, step by step, with warnings.</summary>
public static class FundUsageApi
{
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
        return await JsonBody.AnswerAsync(
            request,
            (root, errors) => Read(root, snapshot, PolicyText.Today(clock), errors),
            c => ToDto(snapshot, c, FundUsageCalculator.Calculate(snapshot, c)),
            cancellationToken);
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
        var selfPay = JsonFields.Amount(root, "selfPay", errors);
        var memberOwn = JsonFields.Amount(root, "memberOwnBalance", errors);
        var sharerBalance = JsonFields.Amount(root, "sharerBalance", errors);
        var shared = JsonFields.Amount(root, "sharedThisYear", errors);
        return errors.Any
            ? null
            : new FundUsageCase(region!, asOf!.Value, venue!.Value, selfPay!.Value, memberOwn!.Value, sharerBalance!.Value, shared!.Value);
    }
}
