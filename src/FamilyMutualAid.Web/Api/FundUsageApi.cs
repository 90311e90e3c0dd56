using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Serialization;
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

    /// <summary>The answer: the split of the bill at the till and, when the request has <c>wallet</c>, the 医保钱包 transfer plan.</summary>
    public sealed record FundUsageDto(string Region, DateOnly AsOf, string Venue, decimal SelfPay, decimal FromMemberAccount, decimal FromSharedAccount, decimal Cash, IReadOnlyList<StepDto> Steps, IReadOnlyList<WarningDto> Warnings)
    {
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public WalletPlanDto? Wallet { get; init; }
    }

    /// <summary>
    /// A 医保钱包 transfer plan. <c>outcome</c>: planned, nothing_to_transfer, no_transfer_limit (the data gives no
    /// per-transfer maximum on the date) or too_many_transfers. Times are 北京时间, HH:mm. <c>dayCount</c> and each
    /// transfer's day are null when the data gives no daily count. <c>fromWalletAtTill</c> is what the wallet pays of the
    /// bill's selfPay once every transfer is received; <c>restAtTill</c> is left for the relative's own account or cash.
    /// </summary>
    public sealed record WalletPlanDto(
        string Outcome, string MemberRegion, DateOnly StartDate, string StartTime, decimal Requested, decimal Planned, bool LimitedByBalance,
        int TransferCount, int? DayCount, decimal InWallet, decimal FromWalletAtTill, decimal RestAtTill,
        IReadOnlyList<WalletTransferDto> Transfers, IReadOnlyList<WalletRuleDto> Rules, IReadOnlyList<WalletSideDto> Sides, DateOnly? RulesChangeOn);

    /// <summary>One transfer: on plan day <c>day</c> (date <c>date</c>) between <c>from</c> and <c>until</c> (null: the day's end); unreceived money goes back on <c>returnsOn</c> at <c>returnsAt</c>.</summary>
    public sealed record WalletTransferDto(int Number, decimal Amount, int? Day, DateOnly? Date, string? From, string? Until, DateOnly? ReturnsOn, string? ReturnsAt);

    /// <summary>A rule the plan rests on: <c>state</c> is stated, not_stated (资料没有说明: nothing assumed) or unreadable; its value, sources and certainty as the data has them.</summary>
    public sealed record WalletRuleDto(string Parameter, string Label, string State, string? Value, IReadOnlyList<PolicyApi.SourceDto> Sources, DateOnly? EffectiveFrom, bool Reported, bool Unconfirmed);

    /// <summary>One side's province and its wallet status on the start date: unknown, not_yet, some_areas or whole_area.</summary>
    public sealed record WalletSideDto(string Side, string Province, string Status, bool Unconfirmed, IReadOnlyList<PolicyApi.SourceDto> Sources);

    /// <summary>The 医保钱包 case: the relative's place, when the transfers start and how much to move.</summary>
    public sealed record WalletRequest(
        [property: Description("家人参保地：地区代码（GET /api/regions 的 slug）或六位地名代码（GET /api/places 的 code）"), RequiredField, KnownPlace] RequestText? MemberPlace,
        [property: Description("开始转账的时间（北京时间），YYYY-MM-DDTHH:mm；可省略，默认 asOf 那天最早可以转账的时刻"), BeijingDateTime] RequestText? Start,
        [property: Description("要转给家人的金额（元）；可省略，默认 selfPay。不会超过 sharerBalance"), WholeFen] RequestAmount? Amount) : IRequestPart<WalletRequest>
    {
        public static WalletRequest NotAnObject { get; } = new(null, null, null) { IsNotAnObject = true };

        [JsonIgnore]
        public bool IsNotAnObject { get; private init; }
    }

    /// <summary>The body of POST /api/fund-usage: one bill and the balances that could pay it.</summary>
    public sealed record FundUsageRequest(
        [property: Description("共济人参保地区的代码：GET /api/regions 列出的 slug；计算按这里的共济规则"), RequiredField, KnownRegion] RequestText? Region,
        [property: Description("按哪一天的规则计算，YYYY-MM-DD；可省略，默认今天"), PolicyDate] RequestDate? AsOf,
        [property: Description("在哪里花钱"), RequiredField, KnownCode] RequestCode<Rules.Venue>? Venue,
        [property: Description("这笔费用中个人自付的部分（元）"), RequiredField, WholeFen] RequestAmount? SelfPay,
        [property: Description("家人自己的个人账户余额（元）"), RequiredField, WholeFen] RequestAmount? MemberOwnBalance,
        [property: Description("共济人的个人账户余额（元）"), RequiredField, WholeFen] RequestAmount? SharerBalance,
        [property: Description("今年已经从共济人账户为这位家人支付的金额（元）"), RequiredField, WholeFen] RequestAmount? SharedThisYear,
        [property: Description("家人在外省参保时，用医保钱包转账的计划（可省略）"), OptionalObject, JsonConverter(typeof(RequestPartConverter<WalletRequest>))] WalletRequest? Wallet = null)
    {
        public FundUsageCase ToCase(DateOnly today) => new(
            Region.Known(), AsOf.OrDefault(today), Venue.Known(), SelfPay.Known(), MemberOwnBalance.Known(), SharerBalance.Known(), SharedThisYear.Known());
    }

    /// <summary>A bill that shows every field; the developer page and the OpenAPI document show it as the example.</summary>
    public const string SampleRequest = """
        { "region": "beijing", "asOf": "2026-11-01", "venue": "hospital", "selfPay": 800, "memberOwnBalance": 100, "sharerBalance": 1000, "sharedThisYear": 0,
          "wallet": { "memberPlace": "henan", "start": "2026-11-01T20:30", "amount": 800 } }
        """;

    public static IEndpointRouteBuilder MapFundUsageApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/fund-usage", Calculate)
            .DisableAntiforgery()
            .WithTags("fund-usage")
            .WithSummary("一笔费用由哪个账户付多少")
            .WithDescription("按某地区某日的规则，算出一笔自付费用先由家人自己的账户、再由共济账户各付多少，其余付现金，逐步说明并给出提醒。请求带 wallet 时，还按资料里的医保钱包转账限制（每笔上限、每天次数、不能转账的时段）列出转账计划：几次、几天、每次的金额和时段、钱包在结算时能付多少，每条限制附来源和是否未经证实；资料没有说明的限制不作假定。")
            .WithJsonRequest(SampleRequest)
            .Produces<FundUsageDto>();
        return app;
    }

    private static FundUsageDto Calculate(FundUsageRequest request, PolicySnapshotProvider policy, PlaceDirectory places, TimeProvider clock)
    {
        var snapshot = policy.Current;
        var c = request.ToCase(PolicyText.Today(clock));
        var dto = ToDto(snapshot, c, FundUsageCalculator.Calculate(snapshot, c));
        if (request.Wallet is not { } wallet)
        {
            return dto;
        }
        var member = KnownPlaceAttribute.RegionOf(wallet.MemberPlace.Known(), snapshot, places)!;
        var (date, time) = wallet.Start?.Text is { } start ? BeijingDateTimeAttribute.Parse(start)!.Value : (c.AsOf, TimeOnly.MinValue);
        var amount = wallet.Amount is null ? c.SelfPay : wallet.Amount.Known();
        var plan = WalletPlanner.Plan(snapshot, new WalletCase(c.RegionSlug, member.Slug, date, time, amount, c.SharerBalance));
        return dto with { Wallet = ToDto(snapshot, plan, c) };
    }

    public static WalletPlanDto ToDto(PolicySnapshot snapshot, WalletPlan plan, FundUsageCase bill)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(bill);
        var fromWallet = Math.Min(bill.SelfPay, plan.InWallet);
        return new(
            Codes.Of(plan.Outcome),
            plan.Case.MemberRegionSlug,
            plan.Case.StartDate,
            Time(plan.Case.StartTime),
            plan.Case.Amount,
            plan.Planned,
            plan.LimitedByBalance,
            plan.TransferCount,
            plan.DayCount,
            plan.InWallet,
            fromWallet,
            bill.SelfPay - fromWallet,
            [.. plan.Transfers.Select(t => new WalletTransferDto(t.Number, t.Amount, t.Slot?.Day, t.Slot?.Date, t.Slot is { } s ? Time(s.From) : null,
                t.Slot?.Until is { } until ? Time(until) : null, t.Slot?.ReturnsOn, t.Slot?.ReturnsAt is { } back ? Time(back) : null))],
            [.. plan.Rules.Select(r => new WalletRuleDto(
                r.Key,
                snapshot.FindDefinition(r.Key)?.Label ?? r.Key,
                Codes.Of(r.State),
                r.Rule is { } rule ? PolicyText.Value(rule.Definition, rule.Value.Value, snapshot.Vocabulary) : null,
                PolicyApi.Sources(snapshot, r.SourceIds),
                r.Rule?.Value.From,
                r.Reported,
                r.Unconfirmed))],
            [.. new[] { ("sharer", plan.SharerSide), ("member", plan.MemberSide) }.Where(s => s.Item2 is not null).Select(s => new WalletSideDto(
                s.Item1, s.Item2!.Province.Slug, Codes.Of(s.Item2.Status), s.Item2.Unconfirmed && s.Item2.Status != WalletStatus.Unknown,
                PolicyApi.Sources(snapshot, [.. s.Item2.Values.SelectMany(v => v.SourceIds).Distinct(StringComparer.Ordinal)])))],
            plan.RulesChangeOn);
    }

    private static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

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

/// <summary>A place the relative is insured in: a region slug, or a six-digit place code whose rules come from a region of the data.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class KnownPlaceAttribute : ValidationAttribute
{
    /// <summary>The region whose rules apply at a slug or place code, or null when neither names one.</summary>
    public static Region? RegionOf(string key, PolicySnapshot snapshot, PlaceDirectory places)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(places);
        return snapshot.FindRegion(key) is { Level: not RegionLevel.National } region ? region
            : places.Find(key) is { } place ? places.RulesFor(place, snapshot)?.Region
            : null;
    }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (value is not RequestText { Text: { } key })
        {
            return ValidationResult.Success;
        }
        var policy = (PolicySnapshotProvider)validationContext.GetService(typeof(PolicySnapshotProvider))!;
        var places = (PlaceDirectory)validationContext.GetService(typeof(PlaceDirectory))!;
        return RegionOf(key, policy.Current, places) is null
            ? new ValidationResult($"unknown place '{(key.Length > 60 ? key[..60] + "…" : key)}'; give a region slug (GET /api/regions) or a six-digit place code (GET /api/places)")
            : ValidationResult.Success;
    }
}

/// <summary>A local time in 北京时间, YYYY-MM-DDTHH:mm, between <see cref="ApiValues.EarliestDate"/> and <see cref="ApiValues.LatestDate"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class BeijingDateTimeAttribute : ValidationAttribute
{
    public static (DateOnly Date, TimeOnly Time)? Parse(string text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
        && DateOnly.FromDateTime(local) is var date && date >= ApiValues.EarliestDate && date <= ApiValues.LatestDate
            ? (date, TimeOnly.FromDateTime(local))
            : null;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) => value switch
    {
        RequestText { Text: null } => new ValidationResult("must be a time string YYYY-MM-DDTHH:mm (北京时间)"),
        RequestText { Text: { } text } when Parse(text) is null =>
            new ValidationResult($"must be a time YYYY-MM-DDTHH:mm (北京时间) between {ApiValues.EarliestDate:yyyy-MM-dd} and {ApiValues.LatestDate:yyyy-MM-dd}"),
        _ => ValidationResult.Success,
    };
}

/// <summary>An optional nested object: "must be an object" when it is another JSON value (then its fields are not checked).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class OptionalObjectAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is IRequestPart { IsNotAnObject: true } ? new ValidationResult("must be an object") : ValidationResult.Success;
}
