using System.ComponentModel;
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

    /// <summary>The body of POST /api/fund-usage: one bill and the balances that could pay it.</summary>
    public sealed record FundUsageRequest(
        [property: Description("家人参保地区的代码：GET /api/regions 列出的 slug"), RequiredField, KnownRegion] RequestText? Region,
        [property: Description("按哪一天的规则计算，YYYY-MM-DD；可省略，默认今天"), PolicyDate] RequestDate? AsOf,
        [property: Description("在哪里花钱"), RequiredField, KnownCode] RequestCode<Rules.Venue>? Venue,
        [property: Description("这笔费用中个人自付的部分（元）"), RequiredField, WholeFen] RequestAmount? SelfPay,
        [property: Description("家人自己的个人账户余额（元）"), RequiredField, WholeFen] RequestAmount? MemberOwnBalance,
        [property: Description("共济人的个人账户余额（元）"), RequiredField, WholeFen] RequestAmount? SharerBalance,
        [property: Description("今年已经从共济人账户为这位家人支付的金额（元）"), RequiredField, WholeFen] RequestAmount? SharedThisYear)
    {
        public FundUsageCase ToCase(DateOnly today) => new(
            Region.Known(), AsOf.OrDefault(today), Venue.Known(), SelfPay.Known(), MemberOwnBalance.Known(), SharerBalance.Known(), SharedThisYear.Known());
    }

    /// <summary>A bill that shows every field; the developer page and the OpenAPI document show it as the example.</summary>
    public const string SampleRequest = """
        { "region": "beijing", "asOf": "2026-11-01", "venue": "hospital", "selfPay": 800, "memberOwnBalance": 100, "sharerBalance": 1000, "sharedThisYear": 0 }
        """;

    public static IEndpointRouteBuilder MapFundUsageApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/fund-usage", Calculate)
            .DisableAntiforgery()
            .WithTags("fund-usage")
            .WithSummary("一笔费用由哪个账户付多少")
            .WithDescription("按某地区某日的规则，算出一笔自付费用先由家人自己的账户、再由共济账户各付多少，其余付现金，逐步说明并给出提醒。")
            .WithJsonRequest(SampleRequest)
            .Produces<FundUsageDto>();
        return app;
    }

    private static FundUsageDto Calculate(FundUsageRequest request, PolicySnapshotProvider policy, TimeProvider clock)
    {
        var snapshot = policy.Current;
        var c = request.ToCase(PolicyText.Today(clock));
        return ToDto(snapshot, c, FundUsageCalculator.Calculate(snapshot, c));
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
}
