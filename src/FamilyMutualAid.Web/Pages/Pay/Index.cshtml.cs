using FamilyMutualAid.Web.Caching;
using System.Globalization;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Places;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Pay;

/// <summary>One amount field of the form: its query name, label, hint and the short name the error summary uses.</summary>
public sealed record AmountField(string Name, string Label, string Hint, string ShortName);

/// <summary>The explainer's pages, cached on the form's values and private (they are someone's amounts).</summary>
public sealed class PayPageAttribute() : PublishedPageAttribute(PageAudience.Private, [.. IndexModel.QueryKeys]);

/// <summary>The fund-usage explainer: a GET form (bookmarkable, no JavaScript) and the split of one bill.</summary>
[PayPage]
public class IndexModel(PolicySnapshotProvider policy, PlaceDirectory places, TimeProvider clock) : PageModel
{
    public static IReadOnlyList<AmountField> AmountFields { get; } =
    [
        new("selfPay", "这次结算家人自己要付多少（元）", "医保报销以后，账单上个人负担的部分。", "家人自己要付的金额"),
        new("memberOwnBalance", "家人自己的个人账户余额（元）", "", "家人自己的账户余额"),
        new("sharerBalance", "共济人的个人账户余额（元）", "共济人是拿自己个人账户里的钱给家人用的人。余额可以在医保 App 里查看。", "共济人的账户余额"),
        new("sharedThisYear", "共济人今年已经共济出去多少（元）", "没有共济过的，填 0。", "今年已经共济的金额"),
    ];

    /// <summary>Every query value the page reads.</summary>
    public static IReadOnlyList<string> QueryKeys { get; } = [.. AmountFields.Select(f => f.Name).Append("region").Append("venue").Append("memberRegion").Append("startDate").Append("startTime").Append(BalanceUnknownKey)];

    /// <summary>The checkbox 不清楚 beside the sharer's balance: no split (it depends on the balance), the wallet plan without the balance limit.</summary>
    public const string BalanceUnknownKey = "sharerBalanceUnknown";

    /// <summary>Each field's short name in the error summary, which names every field once.</summary>
    public static IReadOnlyDictionary<string, string> FieldNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["region"] = "参保地区",
        ["memberRegion"] = "家人参保的地区",
        ["venue"] = "结算地点",
        ["startDate"] = "开始转账的日期",
        ["startTime"] = "开始转账的时刻",
    }.Concat(AmountFields.Select(f => KeyValuePair.Create(f.Name, f.ShortName))).ToDictionary(StringComparer.Ordinal);

    /// <summary>Where the summary's link for a field goes: the field itself, or the first choice of a group.</summary>
    public static string Anchor(string field) => field == "venue" ? "venue-" + Codes.Of(Enum.GetValues<Venue>()[0]) : field;

    public IReadOnlyList<Region> Regions { get; private set; } = [];

    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public FundUsageCase? Case { get; private set; }

    public FundUsageResult? Result { get; private set; }

    public IReadOnlyList<WordedStep> Steps { get; private set; } = [];

    public IReadOnlyList<WordedWarning> Warnings { get; private set; } = [];

    public Footnotes Footnotes { get; private set; } = null!;

    /// <summary>Where the sharer is insured.</summary>
    public Region? Region { get; private set; }

    /// <summary>Where the relative is insured and pays: the chosen region, else the sharer's.</summary>
    public Region? PayPlace { get; private set; }

    /// <summary>The relative is insured in another province: the 医保钱包 plan for the bill's self-pay.</summary>
    public WalletPlanView? Wallet { get; private set; }

    /// <summary>The resident ticked 不清楚 for the sharer's balance: the split is not calculated.</summary>
    public bool BalanceUnknown { get; private set; }

    /// <summary>
    /// Which insurance a sharer may have, in the chosen region or nationally: only a kind with a personal account (the
    /// rule's note and sources say so), so the kinds it excludes, but for no insurance at all, have none.
    /// </summary>
    public EffectiveValue? AccountRule { get; private set; }

    /// <summary>A field's hint; for the member's own balance, which insurance has no account, from <see cref="AccountRule"/>.</summary>
    public string Hint(AmountField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Name != "memberOwnBalance")
        {
            return field.Hint;
        }
        var none = VocabularyCodes.Of(InsuranceType.None);
        var without = AccountRule?.Value.Value is ListValue rule ? rule.Excluded.Where(code => code != none).ToList() : [];
        return without.Count == 0
            ? "家人没有个人账户的，填 0。"
            : $"家人参加{string.Join("、", without.Select(code => EverydayWords.For("insurance", code)))}、没有个人账户的，填 0。";
    }

    public IActionResult OnGet()
    {
        var snapshot = policy.Current;
        Regions = policy.Views.Get(new RegionsKey(), (published, _) => PlaceViews.RegionsInOrder(places, published));
        Footnotes = new Footnotes(snapshot);
        foreach (var name in QueryKeys)
        {
            if (Request.Query.TryGetValue(name, out var value))
            {
                Values[name] = value.ToString().Trim();
            }
        }
        var today = PolicyText.Today(clock);
        var chosen = Values.GetValueOrDefault("region") is { } slug && snapshot.FindRegion(slug) is { } region ? region.Slug : "national";
        AccountRule = snapshot.Resolve(chosen, EligibilityEngine.Keys.SharerInsurance, today);
        if (Values.Count == 0)
        {
            return Page();
        }
        Case = Read(snapshot, today);
        if (Case is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Region = snapshot.FindRegion(Case.RegionSlug);
        PayPlace = _memberRegion ?? Region;
        if (_memberRegion is not null && _start is var (startDate, startTime)
            && WalletAvailability.ProvinceOf(snapshot, Case.RegionSlug) is { } sharerProvince
            && WalletAvailability.ProvinceOf(snapshot, _memberRegion.Slug) is { } memberProvince
            && sharerProvince.Slug != memberProvince.Slug)
        {
            var plan = WalletPlanner.Plan(snapshot, new WalletCase(Case.RegionSlug, _memberRegion.Slug, startDate, startTime, Case.SelfPay, BalanceUnknown ? null : Case.SharerBalance));
            Wallet = WalletPlanView.Of(snapshot, Footnotes, plan, Case, _memberRegion);
        }
        if (BalanceUnknown)
        {
            return Page();
        }
        Result = FundUsageCalculator.Calculate(snapshot, Case);
        var text = new FundUsageText(snapshot);
        Steps = [.. Result.Steps.Select(s => text.Word(s, Case))];
        Warnings = [.. Result.Warnings.Select(text.Word)];
        foreach (var step in Steps)
        {
            Footnotes.Cite(step.Step.SourceIds);
        }
        return Page();
    }

    public IReadOnlyList<(int Number, Source Source)> Citations(IEnumerable<string> sourceIds) => Footnotes.Cite(sourceIds);

    /// <summary>The query string of the current inputs, for the print link.</summary>
    public string Query => QueryString.Create(Values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).ToUriComponent();

    /// <summary>A share of the bill as a percentage for the bar, e.g. "37.5".</summary>
    public string Percent(decimal amount) =>
        Case is { SelfPay: > 0 } c ? (amount / c.SelfPay * 100m).ToString("0.##", CultureInfo.InvariantCulture) : "0";

    public string Offset(params decimal[] before) => Percent(before.Sum());

    private Region? _memberRegion;

    private (DateOnly Date, TimeOnly Time)? _start;

    private FundUsageCase? Read(PolicySnapshot snapshot, DateOnly today)
    {
        var region = Values.GetValueOrDefault("region");
        if (string.IsNullOrEmpty(region) || snapshot.FindRegion(region) is null)
        {
            Errors["region"] = "请从列表中选择一个地区。";
        }
        var member = Values.GetValueOrDefault("memberRegion");
        if (!string.IsNullOrEmpty(member) && (_memberRegion = snapshot.FindRegion(member)) is null)
        {
            Errors["memberRegion"] = "请从列表中选择一个地区；和共济人在同一地区的，选第一项。";
        }
        _start = ReadStart(today);
        Venue venue = default;
        if (!Codes.TryParse(Values.GetValueOrDefault("venue") ?? "", out venue))
        {
            Errors["venue"] = "请选择在哪里结算。";
        }
        var amounts = new Dictionary<string, decimal>(StringComparer.Ordinal);
        BalanceUnknown = Values.GetValueOrDefault(BalanceUnknownKey) == "1";
        foreach (var field in AmountFields)
        {
            if (BalanceUnknown && field.Name == "sharerBalance")
            {
                amounts[field.Name] = 0;
                continue;
            }
            var message = AmountText.Problem(Values.GetValueOrDefault(field.Name), out var amount);
            if (message is null)
            {
                amounts[field.Name] = amount;
            }
            else
            {
                Errors[field.Name] = message;
            }
        }
        return Errors.Count > 0
            ? null
            : new FundUsageCase(region!, today, venue, amounts["selfPay"], amounts["memberOwnBalance"], amounts["sharerBalance"], amounts["sharedThisYear"]);
    }

    /// <summary>
    /// When the transfers start (北京时间): the date given or today, the time given or the day's start (the plan then
    /// begins at the day's first open moment). Not "now": the page is cached for the day on its query.
    /// </summary>
    private (DateOnly, TimeOnly)? ReadStart(DateOnly today)
    {
        var date = today;
        if (Values.GetValueOrDefault("startDate") is { Length: > 0 } dateText
            && (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) || date.Year is < 2000 or > 2099))
        {
            Errors["startDate"] = "请按“年-月-日”填写日期，例如 2026-12-01。";
        }
        var time = TimeOnly.MinValue;
        if (Values.GetValueOrDefault("startTime") is { Length: > 0 } timeText
            && !TimeOnly.TryParseExact(timeText, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time))
        {
            Errors["startTime"] = "请按“时:分”填写时刻，例如 20:30。";
        }
        return Errors.ContainsKey("startDate") || Errors.ContainsKey("startTime") ? null : (date, time);
    }
}

/// <summary>The key of the explainer's region list in <see cref="PublishedViews"/>.</summary>
internal sealed record RegionsKey;

/// <summary>The same calculation laid out for printing.</summary>
[PayPage]
public sealed class PrintModel(PolicySnapshotProvider policy, PlaceDirectory places, TimeProvider clock) : IndexModel(policy, places, clock);
