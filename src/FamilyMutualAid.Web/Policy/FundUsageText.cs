using System.Globalization;
using FamilyMutualAid.Rules;

namespace FamilyMutualAid.Web.Policy;

/// <summary>A step of the split worded for residents, with its sources.</summary>
public sealed record WordedStep(FundUsageStep Step, string Text, IReadOnlyList<Source> Sources);

/// <summary>A warning worded for residents, with the figures it concerns and its sources.</summary>
public sealed record WordedWarning(FundUsageWarning Warning, string Text, IReadOnlyList<Source> Sources);

/// <summary>Words the fund-usage calculator's structured steps and warnings in plain Chinese; amounts come from the result.</summary>
public sealed class FundUsageText(PolicySnapshot snapshot)
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    public static string Money(decimal amount) => amount.ToString("#,0.00", Chinese) + " 元";

    // The sources' own words: every one says 定点医疗机构 (no source names clinics) and 定点零售药店.
    public static string Venue(Venue venue) => venue == Rules.Venue.Hospital ? "定点医疗机构" : "定点零售药店";

    /// <summary>The venue as a choice on the form: the place and what one does there.</summary>
    public static string VenueChoice(Venue venue) => venue == Rules.Venue.Hospital ? "在定点医疗机构看病" : "在定点零售药店买药";

    public WordedStep Word(FundUsageStep step, FundUsageCase c)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(c);
        var text = Text(step, c);
        if (step.Unconfirmed)
        {
            text += "（这条规则未经证实：没有官方资料确认。）";
        }
        if (step.InheritedFrom is { } owner)
        {
            text += $"（沿用{owner.Name}的规则。）";
        }
        return new(step, text, Sources(step.SourceIds));
    }

    public WordedWarning Word(FundUsageWarning warning)
    {
        ArgumentNullException.ThrowIfNull(warning);
        var figures = string.Join("、", Figures(warning.Affects));
        var label = warning.ParameterKey is { } key ? snapshot.FindDefinition(key)?.Label ?? key : "";
        var text = warning.Kind switch
        {
            FundUsageWarningKind.UnconfirmedRule => $"“{label}”这条规则未经证实（没有官方资料确认）；{figures}的金额取决于它，实际可能不同。",
            FundUsageWarningKind.NoRule => $"没有找到“{label}”的规则，{figures}是本站在这一点上先作假定、再按网上文章描述的结算顺序估算的，实际可能不同。",
            FundUsageWarningKind.UseNotListed => $"按我们掌握的规则，共济资金不能在这类地方使用，{figures}可能不同：结算时共济部分可能被拒绝。",
            FundUsageWarningKind.OpenDisagreement => $"资料说法不一：{warning.Disagreement?.Topic}。{figures}可能不同，请向当地医保部门核实。",
            _ => "我们没有收录这个地区的规则，金额只是按一般顺序估算。",
        };
        return new(warning, text, Sources(warning.SourceIds));
    }

    public static IEnumerable<string> Figures(FundUsageFigures affects)
    {
        if (affects.HasFlag(FundUsageFigures.MemberAccount))
        {
            yield return "家人账户支付";
        }
        if (affects.HasFlag(FundUsageFigures.SharedAccount))
        {
            yield return "共济支付";
        }
        if (affects.HasFlag(FundUsageFigures.Cash))
        {
            yield return "现金支付";
        }
    }

    private List<Source> Sources(IEnumerable<string> ids) => [.. ids.Select(snapshot.FindSource).OfType<Source>()];

    private string Rule(FundUsageStep step) =>
        step.RuleValue is null || step.ParameterKey is null || snapshot.FindDefinition(step.ParameterKey) is not { } definition
            ? "无"
            : PolicyText.Value(definition, step.RuleValue, snapshot.Vocabulary);

    private string Text(FundUsageStep step, FundUsageCase c) => (step.Id, step.Reason) switch
    {
        (FundUsageStepIds.Venue, FundUsageReason.Listed) => $"在{Venue(c.Venue)}结算，属于共济资金可以支付的范围。",
        (FundUsageStepIds.Venue, FundUsageReason.NotListed) => $"按我们掌握的规则，共济资金不能在{Venue(c.Venue)}使用（可以支付：{Rule(step)}）。下面仍按顺序算出金额，供参考。",
        (FundUsageStepIds.Venue, _) => "没有找到这一天适用的用途规则。",
        (FundUsageStepIds.PaymentOrder, FundUsageReason.MemberAccountFirst) => "结算时先用家人自己的个人账户，不够的部分再用共济资金。",
        (FundUsageStepIds.PaymentOrder, FundUsageReason.SharedAccountFirst) => "结算时先用共济资金，不够的部分再用家人自己的个人账户。",
        (FundUsageStepIds.PaymentOrder, _) => "没有找到结算顺序的规则，按先用家人自己的账户估算。",
        (FundUsageStepIds.MemberAccount, FundUsageReason.NothingOutstanding) => "家人自己的个人账户：已经没有要付的钱。",
        (FundUsageStepIds.MemberAccount, FundUsageReason.NothingAvailable) => "家人自己的个人账户没有余额（参加居民医保的没有个人账户），这一步付 0 元。",
        (FundUsageStepIds.MemberAccount, _) => $"家人自己的个人账户付 {Money(step.Paid ?? 0)}（余额 {Money(step.Available ?? 0)}，待付 {Money(step.Outstanding ?? 0)}）。",
        (FundUsageStepIds.Reserve, FundUsageReason.LimitApplies) => $"共济人的账户须至少保留 {Money(step.LimitAmount ?? 0)}，余额 {Money(step.Base ?? 0)} 中最多 {Money(step.Available ?? 0)} 可以共济。",
        (FundUsageStepIds.Reserve, _) => "我们掌握的资料没有提到须保留的最低余额，按不保留估算。",
        (FundUsageStepIds.AnnualCap, FundUsageReason.LimitApplies) => $"每年可共济的额度为余额的 {Rule(step)}，即 {Money(step.LimitAmount ?? 0)}；今年已共济 {Money(step.AlreadyShared ?? 0)}，还可以共济 {Money(step.Available ?? 0)}。",
        (FundUsageStepIds.AnnualCap, _) => "我们没有找到年度额度上限的规定。",
        (FundUsageStepIds.PerUseLimit, FundUsageReason.LimitApplies) => $"每次结算最多可用共济资金 {Money(step.LimitAmount ?? 0)}。",
        (FundUsageStepIds.PerUseLimit, _) => "我们没有找到单次使用限额的规定。",
        (FundUsageStepIds.SharedAccount, FundUsageReason.NothingOutstanding) => "共济资金：已经没有要付的钱。",
        (FundUsageStepIds.SharedAccount, FundUsageReason.NothingAvailable) => "共济人账户里没有可以共济的钱，这一步付 0 元。",
        (FundUsageStepIds.SharedAccount, _) => $"共济人的个人账户付 {Money(step.Paid ?? 0)}（最多可用 {Money(step.Available ?? 0)}{LimitedBy(step)}，待付 {Money(step.Outstanding ?? 0)}）。",
        (FundUsageStepIds.Cash, FundUsageReason.NothingOutstanding) => "不需要再付现金。",
        (FundUsageStepIds.Cash, _) => $"剩下的 {Money(step.Paid ?? 0)} 需要用现金、银行卡或手机支付。",
        _ => "",
    };

    private static string LimitedBy(FundUsageStep step) => step.LimitedBy switch
    {
        FundUsageStepIds.Reserve => "，受须保留余额的限制",
        FundUsageStepIds.AnnualCap => "，受年度额度的限制",
        FundUsageStepIds.PerUseLimit => "，受单次限额的限制",
        _ => "",
    };
}
