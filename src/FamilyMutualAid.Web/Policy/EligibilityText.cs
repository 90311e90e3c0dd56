using System.Globalization;
using FamilyMutualAid.Rules;

namespace FamilyMutualAid.Web.Policy;

/// <summary>A check worded for residents, with its sources.</summary>
public sealed record WordedCheck(EligibilityCheck Check, string Title, string Reason, IReadOnlyList<Source> Sources);

/// <summary>Something to do after the check, with a link where there is one.</summary>
public sealed record NextStep(string Text, string? Url);

/// <summary>Words the engine's structured trace in plain Chinese. The facts (lists, amounts, dates) come from the data.</summary>
public sealed class EligibilityText(PolicySnapshot snapshot)
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>
    /// The verdict as the headline words it: never a bare yes when a deciding rule is unconfirmed. A no is always
    /// confirmed; a rule that only an unconfirmed source states can at most make it a "maybe not".
    /// </summary>
    public static string Verdict(EligibilityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var doubtful = result.Checks.Count(c => c.Certainty > Certainty.Reported && result.Verdict == Rules.Verdict.Eligible);
        var unconfirmedNo = result.Verdict == Rules.Verdict.NeedsCheck && result.Checks.Any(c => c.Outcome == CheckOutcome.Fail);
        return (result.Verdict, result.Certainty) switch
        {
            (Rules.Verdict.Eligible, Certainty.Confirmed or Certainty.Reported) => "可以共济",
            (Rules.Verdict.Eligible, _) => doubtful == 1 ? "可以共济（以下一点需向当地核实）" : "可以共济（以下几点需向当地核实）",
            (Rules.Verdict.NotEligible, _) => "不能共济",
            (_, Certainty.Conflicting) when unconfirmedNo => "可能不能共济（依据未经证实，资料也说法不一，请向当地核实）",
            _ when unconfirmedNo => "可能不能共济（依据未经证实，请向当地核实）",
            _ => OpenPoints(result),
        };
    }

    /// <summary>
    /// A needs-check answer in parts: what is open, each point with why ("只有一点要问清楚：上海的共济资金能不能在药店用（资料说法不一）").
    /// The checks that pass are settled; a disputed check is named by its disagreement's topic.
    /// </summary>
    private static string OpenPoints(EligibilityResult result)
    {
        var open = result.Checks
            .Where(k => k.Outcome != CheckOutcome.Pass && k.Reason != CheckReason.Disputed)
            .Select(k => k.Reason switch
            {
                CheckReason.OpenDisagreement => $"{k.Disagreement?.Topic}（资料说法不一）",
                CheckReason.AdoptionUnconfirmed => $"{Title(k)}（要看本地是否已执行）",
                _ => $"{Title(k)}（资料没有说明）",
            })
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return open.Count switch
        {
            0 => "需要向当地核实",
            1 when result.Checks.Where(k => k.Outcome == CheckOutcome.Pass).All(k => k.Certainty <= Certainty.Reported) => $"其他都没问题，只有一点要问清楚：{open[0]}",
            1 => $"有一点要问清楚：{open[0]}",
            2 => $"有两点要问清楚：{open[0]}；{open[1]}",
            _ => $"有{open.Count}点要问清楚：{open[0]}；{open[1]}等",
        };
    }

    /// <summary>The period of a disagreement decision in words, or null when it has no bounds.</summary>
    public static string? Period(DisagreementDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return (decision.From, decision.Until) switch
        {
            (null, null) => null,
            ({ } from, null) => $"{PolicyText.Date(from)}起",
            (null, { } until) => $"{PolicyText.Date(until)}及以前",
            ({ } from, { } until) => $"{PolicyText.Date(from)}至{PolicyText.Date(until)}",
        };
    }

    public static string Outcome(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Pass => "没问题",
        CheckOutcome.Fail => "不符合规定",
        _ => "需要核实",
    };

    public WordedCheck Word(EligibilityCheck check, EligibilityCase c)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(c);
        var reason = Common(check) ?? Specific(check, c);
        if (check.Unconfirmed && check.Reason is not (CheckReason.AdoptionUnconfirmed or CheckReason.WalletOpen))
        {
            reason += "（这条规则只见于网上的问答文章，未经官方资料证实，请向当地核实。）";
        }
        if (check.InheritedFrom is { } owner && check.Id != CheckIds.Disagreement)
        {
            reason += $"（沿用{owner.Name}的规则。）";
        }
        return new(check, Title(check), reason, [.. check.SourceIds.Select(snapshot.FindSource).OfType<Source>()]);
    }

    public IReadOnlyList<NextStep> NextSteps(EligibilityResult result, EligibilityCase c)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(c);
        var steps = new List<NextStep>();
        var region = snapshot.FindRegion(c.RegionSlug);
        if (region is not null && Coverage(region) is { } coverage)
        {
            steps.Add(new(coverage, null));
        }
        const string ask = "当地医保经办机构";
        switch (result.Verdict)
        {
            case Rules.Verdict.Eligible:
                if (result.Certainty > Certainty.Reported)
                {
                    var doubtful = result.Checks.Where(k => k.Certainty > Certainty.Reported).Select(Title).Distinct().ToList();
                    steps.Add(new($"办理前向{ask}核实这几点：{string.Join("；", doubtful)}。", null));
                }
                steps.Add(new("按办理指南绑定家庭共济关系。", PageUrl(c.RegionSlug, "binding")));
                if (c.Member.Location != MemberLocation.SameRegion && PageUrl(c.RegionSlug, "cross-region") is { } crossRegion)
                {
                    steps.Add(new("家人在外地参保：了解和外地参保的家人怎样共济；如果家人要到参保地以外的地方看病，同一页也讲了异地就医备案。", crossRegion));
                }
                break;
            case Rules.Verdict.NeedsCheck:
                var open = result.Checks.Where(k => k.Outcome != CheckOutcome.Pass).Select(Title).Distinct().ToList();
                steps.Add(new($"带着这份结果向{ask}确认这些问题：{string.Join("；", open)}。", null));
                steps.Add(new("了解办理方式，确认后再去办理。", PageUrl(c.RegionSlug, "binding")));
                break;
            default:
                steps.Add(new($"如果您认为情况特殊或判断有误，请向{ask}咨询。", null));
                break;
        }
        if (Hotline.Of(snapshot, null, c.RegionSlug, c.AsOf) is { } hotline)
        {
            steps.Add(new($"也可以打电话问：{hotline.Phrase}。", null));
        }
        if (region is not null)
        {
            steps.Add(new($"查看{region.Name}的全部规则和出处。", $"/regions/{region.Slug}"));
        }
        return steps;
    }

    /// <summary>What the answer rests on when the region has no local source of its own (the region list's classification), or null when it has one.</summary>
    private string? Coverage(Region region)
    {
        if (region.ParentSlug is null)
        {
            return null;
        }
        var above = string.Join("和", snapshot.LineageOf(region.Slug).Skip(1).Select(r => r.Name));
        return snapshot.CoverageOf(region.Slug) switch
        {
            LocalCoverage.LocalSources => null,
            LocalCoverage.NationalSourcesOnly => $"没有找到{region.Name}自己的通知或说明，只有国家医保局的分省名单等不专讲当地的资料提到这里；其余按{above}的规则，本地是否有不同规定请核实。",
            _ => $"没有找到{region.Name}自己的资料，按{above}的规则，本地是否有不同规定请核实。",
        };
    }

    /// <summary>The nearest page of this kind: the region's own, else an ancestor's.</summary>
    private string? PageUrl(string regionSlug, string kind) =>
        snapshot.LineageOf(regionSlug).Select(r => snapshot.FindPage(r.Slug, kind)).OfType<ContentPage>()
            .Select(p => $"/regions/{p.RegionSlug}/{p.Kind}").FirstOrDefault();

    public static string Title(EligibilityCheck check) => check.Id switch
    {
        CheckIds.RegionKnown => "地区",
        CheckIds.SharerInsurance => "共济人的医保类型",
        CheckIds.SharerStatus => "共济人的参保状态",
        CheckIds.SharerBalance => "个人账户余额",
        CheckIds.SharerReserve => "须保留的余额",
        CheckIds.MemberInsurance => "家人的医保类型",
        CheckIds.MemberStatus => "家人的参保状态",
        CheckIds.Relationship => "亲属关系",
        CheckIds.PurposeAllowed => "这项用途能不能付",
        CheckIds.PurposeExcluded => "有没有被列为不能付的用途",
        CheckIds.Location => "家人的参保地",
        CheckIds.Disagreement => check.Disagreement?.Topic ?? "资料说法不一",
        _ => check.Id,
    };

    private string? Common(EligibilityCheck check) => check.Reason switch
    {
        CheckReason.NotStated => check.RuleStartsOn is { } starts
            ? $"现有资料没有说明这一天{Point(check)}的情况；最早说明这一点的资料是{PolicyText.Date(starts)}的。无法确定，请向当地核实。"
            : $"现有资料没有说明{Point(check)}的情况，无法确定，请向当地核实。",
        CheckReason.AdoptionUnconfirmed => $"{PolicyText.Since(check.EffectiveFrom ?? default, check.Reported)}，国家已把这一项纳入（{Value(check)}），但要由各地分别落地，现有资料没有说明这里是否、从何时开始执行。{check.RuleNote}无法确定，请向当地核实。",
        CheckReason.Disputed => $"资料说法不一（{check.Disagreement?.Topic}），本站没有据此下“不能”的结论，见下一条。",
        CheckReason.OpenDisagreement => $"资料说法不一：{check.Disagreement?.Topic}。{check.Decision?.Reason}",
        CheckReason.RegionUnknown => "我们没有收录这个地区。",
        _ => null,
    };

    private string Specific(EligibilityCheck check, EligibilityCase c) => (check.Id, check.Reason) switch
    {
        (CheckIds.RegionKnown, _) => $"按{snapshot.FindRegion(c.RegionSlug)?.Name}{PolicyText.Date(c.AsOf)}适用的规则判断。",
        (CheckIds.SharerInsurance, CheckReason.Listed) => $"您参加的是{Label("insurance", VocabularyCodes.Of(c.Sharer.Insurance))}，可以用个人账户共济（规则：{Value(check)}）。",
        (CheckIds.SharerInsurance, _) => $"{Label("insurance", VocabularyCodes.Of(c.Sharer.Insurance))}不能当共济人：只有参加{Value(check)}的人才有个人账户可以共济。",
        (CheckIds.SharerStatus or CheckIds.MemberStatus, CheckReason.RequirementMet) => "参保状态正常，符合要求。",
        (CheckIds.SharerStatus or CheckIds.MemberStatus, CheckReason.RequirementNotMet) => "规则要求正常参保；暂停参保时不能使用家庭共济。",
        (CheckIds.SharerStatus or CheckIds.MemberStatus, _) => "我们掌握的资料没有提到对参保状态的要求。",
        (CheckIds.SharerBalance, CheckReason.RequirementMet) => "个人账户有余额。",
        (CheckIds.SharerBalance, CheckReason.RequirementNotMet) => "个人账户余额为零时，无法用共济资金支付。",
        (CheckIds.SharerBalance, _) => "我们掌握的资料没有提到对余额的要求。",
        (CheckIds.SharerReserve, CheckReason.RequirementMet) => $"余额 {Money(c.Sharer.Balance)} 高于须保留的 {Value(check)}。",
        (CheckIds.SharerReserve, CheckReason.RequirementNotMet) => $"个人账户须保留 {Value(check)}，超出部分才能共济；余额 {Money(c.Sharer.Balance)} 不够。",
        (CheckIds.SharerReserve, _) => "我们掌握的资料没有提到须保留的最低余额。",
        (CheckIds.MemberInsurance, CheckReason.Listed) => $"家人参加的是{Label("insurance", VocabularyCodes.Of(c.Member.Insurance))}，可以被共济（规则：{Value(check)}）。",
        (CheckIds.MemberInsurance, _) => $"家人{Label("insurance", VocabularyCodes.Of(c.Member.Insurance))}，不能被共济；规则要求参加：{Value(check)}。",
        (CheckIds.Relationship, CheckReason.Listed) => $"{Label("relationship", VocabularyCodes.Of(c.Member.Relationship))}在可共济的亲属范围内（{Value(check)}）。",
        (CheckIds.Relationship, _) => $"{Label("relationship", VocabularyCodes.Of(c.Member.Relationship))}不在规定的亲属范围内；范围是：{Value(check)}。",
        (CheckIds.PurposeAllowed, CheckReason.Listed) => $"“{Label("purpose", VocabularyCodes.Of(c.Purpose))}”可以用共济资金支付。",
        (CheckIds.PurposeAllowed, _) => $"“{Label("purpose", VocabularyCodes.Of(c.Purpose))}”明确不在可以支付的范围内；可以支付：{Value(check)}。",
        (CheckIds.PurposeExcluded, CheckReason.Excluded) => $"“{Label("purpose", VocabularyCodes.Of(c.Purpose))}”明确不能用共济资金支付。",
        (CheckIds.PurposeExcluded, _) => "这项用途不在明确排除的范围内。",
        (CheckIds.Location, CheckReason.WalletOpen) => $"家人在外省参保：按现有资料，{Province(c.RegionSlug)}和{Province(c.Member.RegionSlug)}都已全域开通医保钱包跨省共济，可以用国家医保服务平台App给家人的医保钱包转钱（这是一笔一笔的转账，不是家庭共济关系）；转过去的钱怎样使用，以App里的说明为准。",
        (CheckIds.Location, CheckReason.Listed) => $"家人在{Label("location", VocabularyCodes.Of(c.Member.Location))}参保，可以共济（规则：{Value(check)}）。",
        (CheckIds.Location, _) => $"家人在{Label("location", VocabularyCodes.Of(c.Member.Location))}参保，规则明确不允许；只允许：{Value(check)}。",
        _ => Outcome(check.Outcome),
    };

    /// <summary>The province a region lies in, by name.</summary>
    private string Province(string? regionSlug) =>
        regionSlug is not null && WalletAvailability.ProvinceOf(snapshot, regionSlug) is { } province ? province.Name : "家人所在的省";

    /// <summary>The case's point a check is about, for "现有资料没有说明…".</summary>
    private static string Point(EligibilityCheck check) => check.Id switch
    {
        CheckIds.SharerInsurance => "这种医保的参保人能否当共济人",
        CheckIds.SharerStatus => "共济人参保状态",
        CheckIds.SharerBalance => "账户余额",
        CheckIds.MemberInsurance => "家人参加这种医保时",
        CheckIds.MemberStatus => "家人参保状态",
        CheckIds.Relationship => "这类亲属",
        CheckIds.PurposeAllowed => "这项用途",
        CheckIds.Location => "家人在这里参保时",
        _ => "这一点",
    };

    private string Label(string group, string code) => snapshot.Vocabulary.Label(group, code);

    private string Value(EligibilityCheck check) =>
        check.RuleValue is null || check.ParameterKey is null || snapshot.FindDefinition(check.ParameterKey) is not { } definition
            ? "无"
            : PolicyText.Value(definition, check.RuleValue, snapshot.Vocabulary);

    private static string Money(decimal amount) => amount.ToString("#,0.##", Chinese) + " 元";
}
