using System.Globalization;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Pages.Check;
using FamilyMutualAid.Web.Policy;

namespace FamilyMutualAid.Web.Pages.Pay;

/// <summary>A figure of the wallet plan in words, with the rule it rests on: who said it and how sure it is, and its footnotes.</summary>
public sealed record WalletFigure(string Text, string? Basis, bool Unconfirmed, IReadOnlyList<(int Number, Source Source)> Citations);

/// <summary>One day of the plan: its date, when transfers can be made, and the amounts.</summary>
public sealed record WalletDayView(string Title, string Window, IReadOnlyList<decimal> Amounts, decimal Total);

/// <summary>
/// The 医保钱包 plan on /pay for a relative insured in another province: both provinces' wallet status, how many
/// transfers over how many days, each day's amounts, what the relative then pays at the till from the wallet, and
/// every figure beside the rule it rests on ("据烟台晚报2025年9月18日的报道，未经官方证实") or "资料没有说明".
/// </summary>
public sealed class WalletPlanView
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    private WalletPlanView(WalletPlan plan) => Plan = plan;

    public WalletPlan Plan { get; }

    /// <summary>The rule that says what the wallet is ("可以用医保钱包给外省参保的近亲属转钱"), if the data has one on the start date.</summary>
    public WalletFigure? Rule { get; private init; }

    public IReadOnlyList<WalletSideView> Sides { get; private init; } = [];

    /// <summary>A side's list says the wallet was not open there yet: the plan is shown only as what would apply.</summary>
    public bool NotOpen => Sides.Count > 0 && (Plan.SharerSide?.Status == WalletStatus.NotYet || Plan.MemberSide?.Status == WalletStatus.NotYet);

    /// <summary>The plan in one sentence: how many transfers over how many days, or why there is no plan.</summary>
    public required string Headline { get; init; }

    /// <summary>The figures the plan rests on, each with its rule: per transfer, per day, closed hours, unreceived money.</summary>
    public required IReadOnlyList<WalletFigure> Figures { get; init; }

    public required IReadOnlyList<WalletDayView> Days { get; init; }

    /// <summary>What the relative pays at the till from the wallet, and what remains.</summary>
    public required string Till { get; init; }

    /// <summary>Cautions: the balance limited the plan, a rule changes during it.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    public static WalletPlanView Of(PolicySnapshot snapshot, Footnotes footnotes, WalletPlan plan, FundUsageCase bill, Region memberRegion)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(footnotes);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(bill);
        ArgumentNullException.ThrowIfNull(memberRegion);
        // Cited in the order the page shows them: the figures' rule first, then the two provinces.
        var figures = FiguresOf(snapshot, footnotes, plan);
        var wallet = snapshot.Resolve(plan.Case.SharerRegionSlug, "wallet_rule", plan.Case.StartDate);
        var rule = wallet?.Value.Value is TextValue text ? Figure(snapshot, footnotes, text.Text, wallet) : null;
        var sides = new List<WalletSideView>();
        foreach (var (who, side) in new[] { ("共济人", plan.SharerSide), ("家人", plan.MemberSide) })
        {
            if (side is not null)
            {
                sides.Add(new(who, side.Province.Name, WalletSideView.Words(side), side.Unconfirmed && side.Status != WalletStatus.Unknown,
                    footnotes.Cite([.. side.Values.SelectMany(v => v.SourceIds).Concat(side.OpenDisagreement?.Claims.SelectMany(x => x.SourceIds) ?? []).Distinct(StringComparer.Ordinal)]),
                    side.OpenDisagreement?.Topic));
            }
        }
        var notes = new List<string>();
        if (plan.Case.SharerBalance is null && plan.Outcome == WalletPlanOutcome.Planned)
        {
            notes.Add("不知道共济人的余额，计划按要转的全部金额排；实际最多只能转余额里有的钱。");
        }
        if (plan.LimitedByBalance)
        {
            notes.Add($"共济人的余额只有 {FundUsageText.Money(plan.Planned)}，少于要转的 {FundUsageText.Money(plan.Case.Amount)}，最多只能转这么多。");
        }
        if (plan.RulesChangeOn is { } change)
        {
            notes.Add($"资料里的转账规则从{PolicyText.Date(change)}起有变化；上面按开始那天的规则计算，这天以后的转账请按新规则重新算。");
        }
        return new(plan)
        {
            Rule = rule,
            Sides = sides,
            Headline = HeadlineOf(plan),
            Figures = figures,
            Days = [.. plan.Days.Select(day => Day(plan, day))],
            Till = TillOf(plan, bill, memberRegion),
            Notes = notes,
        };
    }

    private static string HeadlineOf(WalletPlan plan) => plan.Outcome switch
    {
        WalletPlanOutcome.NothingToTransfer => "没有要转的钱（金额或共济人的余额是 0）。",
        WalletPlanOutcome.NoTransferLimit => "资料没有说明这一天医保钱包每笔最多能转多少，所以算不出要转几次。请在国家医保服务平台App的医保钱包里查看。",
        WalletPlanOutcome.TooManyTransfers => $"按资料里的单笔上限，要转 {WalletPlanner.MaxTransfers} 次以上，资料可能有误，没有列出计划。",
        _ when plan.DayCount is { } days => $"把 {FundUsageText.Money(plan.Planned)} 转到家人的医保钱包，共需转账 {plan.TransferCount} 次，分 {days} 天转完。",
        _ => $"把 {FundUsageText.Money(plan.Planned)} 转到家人的医保钱包，共需转账 {plan.TransferCount} 次；资料没有说明每天最多转几次，所以算不出要几天。",
    };

    private static List<WalletFigure> FiguresOf(PolicySnapshot snapshot, Footnotes footnotes, WalletPlan plan)
    {
        var figures = new List<WalletFigure>
        {
            plan.MaxAmount.Rule?.Value.Value is NumberValue max && plan.MaxAmount.State == WalletRuleState.Stated
                ? Figure(snapshot, footnotes, $"每笔最多转 {FundUsageText.Money(max.Number)}。", plan.MaxAmount.Rule)
                : NotStated("每笔最多转多少", plan.MaxAmount),
            plan.DailyCount.Rule?.Value.Value is NumberValue count && plan.DailyCount.State == WalletRuleState.Stated
                ? Figure(snapshot, footnotes, $"每天最多转 {count.Number.ToString("0", CultureInfo.InvariantCulture)} 次。", plan.DailyCount.Rule)
                : NotStated("每天最多转几次", plan.DailyCount),
        };
        if (plan.HoursApplied)
        {
            var from = Time(((TextValue)plan.ClosedFrom.Rule!.Value.Value).Text);
            var until = Time(((TextValue)plan.ClosedUntil.Rule!.Value.Value).Text);
            var next = string.CompareOrdinal(from, until) > 0 ? "次日" : "";
            figures.Add(Figure(snapshot, footnotes, $"每天 {from} 到{next} {until} 不能转账（北京时间）。", plan.ClosedFrom.Rule, plan.ClosedUntil.Rule));
        }
        else
        {
            figures.Add(NotStated("每天什么时段不能转账", plan.ClosedFrom.State == WalletRuleState.Stated ? plan.ClosedUntil : plan.ClosedFrom));
        }
        figures.Add(plan.ReturnTime.State == WalletRuleState.Stated
            ? Figure(snapshot, footnotes, $"家人没有领取的钱，在转账的次日 {Time(((TextValue)plan.ReturnTime.Rule!.Value.Value).Text)} 退回共济人的账户：请提醒家人当天领取。", plan.ReturnTime.Rule)
            : NotStated("家人没有领取的钱什么时候退回", plan.ReturnTime));
        return figures;
    }

    private static WalletFigure NotStated(string what, WalletRule rule) => rule.State == WalletRuleState.Unreadable
        ? new($"{what}：资料里的写法本站读不懂，没有据此计算，请向医保部门核实。", null, true, [])
        : new($"{what}：资料没有说明。", null, false, []);

    /// <summary>A figure with its basis: 据烟台晚报2025年9月18日的报道，未经官方证实 (the sources of every rule given, once each).</summary>
    private static WalletFigure Figure(PolicySnapshot snapshot, Footnotes footnotes, string text, params EffectiveValue[] rules)
    {
        var ids = rules.SelectMany(r => r.Value.SourceIds).Distinct(StringComparer.Ordinal).ToList();
        var sources = ids.Select(snapshot.FindSource).OfType<Source>().ToList();
        var unconfirmed = rules.Any(r => r.Value.Unconfirmed);
        var said = string.Join("、", sources.Select(s => Publisher(s) + (s.Date is { } d ? PolicyText.Date(d) : "") + (s.IsRepost ? "（转载）" : "")));
        var basis = sources.Count == 0 ? null : $"据{said}的报道" + (unconfirmed ? "，未经官方证实" : "");
        return new(text, basis, unconfirmed, footnotes.Cite(ids));
    }

    private static string Publisher(Source source) => source.Publisher ?? "发布者不详的资料";

    private static WalletDayView Day(WalletPlan plan, IGrouping<int, WalletTransfer> day)
    {
        var slot = day.First().Slot!;
        var window = slot.Until is { } until ? $"{Time(slot.From)} 到 {Time(until)} 之间" : $"{Time(slot.From)} 以后";
        if (!plan.HoursApplied)
        {
            window += "（资料没有说明哪些时段不能转）";
        }
        var amounts = day.Select(t => t.Amount).ToList();
        return new($"第 {slot.Day} 天：{PolicyText.Date(slot.Date)}（{Weekday(slot.Date)}）", window, amounts, amounts.Sum());
    }

    private static string TillOf(WalletPlan plan, FundUsageCase bill, Region memberRegion)
    {
        var fromWallet = Math.Min(bill.SelfPay, plan.InWallet);
        var rest = bill.SelfPay - fromWallet;
        var place = $"在{memberRegion.Name}的{FundUsageText.Venue(bill.Venue)}";
        if (plan.Outcome != WalletPlanOutcome.Planned)
        {
            return $"家人{place}结算 {FundUsageText.Money(bill.SelfPay)}：没有转账计划，算不出医保钱包能付多少。";
        }
        var restText = rest > 0 ? $"；其余 {FundUsageText.Money(rest)} 用家人自己的个人账户或现金支付" : "，不用再付别的钱";
        // No source says what the wallet may pay for or at which till: the sum is worked out, the use is for the reader to confirm.
        return $"全部转完并领取后，家人医保钱包里有 {FundUsageText.Money(plan.InWallet)}。如果家人{place}结算时可以用医保钱包付，结算 {FundUsageText.Money(bill.SelfPay)} 时可用医保钱包付 {FundUsageText.Money(fromWallet)}{restText}；资料没有说明医保钱包能付哪些费用，请以国家医保服务平台App里的说明为准。";
    }

    private static string Time(string text) => WalletPlanner.TryParseTime(text, out var time) ? Time(time) : text;

    private static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Weekday(DateOnly date) => Chinese.DateTimeFormat.GetDayName(date.DayOfWeek);

    /// <summary>A day's amounts in words: "2,000.00 元 × 3" for equal ones, else each.</summary>
    public static string Amounts(IReadOnlyList<decimal> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        return string.Join(" + ", amounts.GroupBy(a => a).Select(g => g.Count() == 1 ? FundUsageText.Money(g.Key) : $"{FundUsageText.Money(g.Key)} × {g.Count()}"));
    }
}
