using System.Globalization;
using Microsoft.AspNetCore.Html;
using FamilyMutualAid.Rules;

namespace FamilyMutualAid.Web.Policy;

/// <summary>Turns policy values and source metadata into the plain Chinese shown on pages.</summary>
public static class PolicyText
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    public static string Value(ParameterDefinition definition, PolicyValue value, Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(vocabulary);
        return value switch
        {
            ListValue list when list.Items.IsEmpty => "无",
            ListValue list => string.Join("、", list.Items.Select(code => vocabulary.Label(definition.Vocabulary ?? "", code))),
            NumberValue { Number: var n } when definition.Unit == "比例" => (n * 100).ToString("0.##", Chinese) + "%",
            NumberValue { Number: var n } => n.ToString("#,0.##", Chinese) + (definition.Unit is { } unit ? " " + unit : ""),
            TextValue text => text.Text,
            FlagValue flag => flag.Flag ? "是" : "否",
            _ => "",
        };
    }

    /// <summary>
    /// A value as a page lists it: a list adds the codes its sources explicitly exclude and, separately, the codes of
    /// its vocabulary they do not address, so that a code not listed does not read as a no; anything else as <see cref="Value"/>.
    /// </summary>
    public static string Detailed(ParameterDefinition definition, PolicyValue value, Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(vocabulary);
        // The list of uses that may not be paid names exclusions as its items; what it leaves out is stated by the list of allowed uses.
        if (value is not ListValue list || definition.Vocabulary is not { } group || definition.Key == EligibilityEngine.Keys.ExcludedUses)
        {
            return Value(definition, value, vocabulary);
        }
        var terms = vocabulary.Terms(group).ToList();
        var excluded = terms.Where(t => list.StateOf(t.Code) == CodeState.Excluded).Select(t => t.Label).ToList();
        var notStated = terms.Where(t => list.StateOf(t.Code) == CodeState.NotStated).Select(t => t.Label).ToList();
        var parts = new List<string>();
        if (!list.Items.IsEmpty || (excluded.Count == 0 && notStated.Count == 0))
        {
            parts.Add(Value(definition, value, vocabulary));
        }
        if (excluded.Count > 0)
        {
            parts.Add("明确不包括：" + string.Join("、", excluded));
        }
        if (notStated.Count > 0)
        {
            parts.Add("资料没有说明：" + string.Join("、", notStated));
        }
        return string.Join("；", parts);
    }

    public static string Date(DateOnly date) => date.ToString("yyyy年M月d日", Chinese);

    /// <summary>A source's date, or 日期不详 when the documents give it none.</summary>
    public static string Date(DateOnly? date) => date is { } known ? Date(known) : "日期不详";

    /// <summary>
    /// When a value applies from: 自2026年1月9日起 when that is its start, 据2025年4月的资料 when it is only the date a
    /// source reported it (it may have begun earlier).
    /// </summary>
    public static string Since(DateOnly from, bool reported) =>
        reported ? $"据{ReportedMonth(from)}的资料" : $"自{Date(from)}起";

    /// <summary>The month of a reported date (the day a source reported, not when a rule took effect), e.g. "2026年1月".</summary>
    public static string ReportedMonth(DateOnly on) => on.ToString("yyyy年M月", Chinese);

    /// <summary>How sure a verdict or fact is, as a short label.</summary>
    public static string Certainty(Certainty certainty) => certainty switch
    {
        Rules.Certainty.Confirmed => "依据已确认",
        Rules.Certainty.Reported => "依据是转载的报道",
        Rules.Certainty.Unconfirmed => "依据未经证实",
        _ => "资料说法不一",
    };

    /// <summary>What kind of page a source is, as a short label.</summary>
    public static string Tier(SourceTier tier) => tier switch
    {
        SourceTier.Official => "官方原文",
        SourceTier.News => "媒体原始报道",
        SourceTier.Repost => "转载的报道",
        SourceTier.Portal => "本地网站转载的办事指南",
        SourceTier.Anonymous => "来源不明的转载",
        _ => "网上问答文章",
    };

    /// <summary>What a source's tier means for a resident, in a sentence.</summary>
    public static string TierMeaning(SourceTier tier) => tier switch
    {
        SourceTier.Official => "政府或医保部门自己网站上的原文，可以据此确认。",
        SourceTier.News => "新闻媒体在自己网站或电子报上的原始报道，可以据此确认；细节以官方原文为准。",
        SourceTier.Repost => "别的网站转载的报道，写明了原发布者和日期，我们没有看到原文，只能说“据报道”。",
        SourceTier.Portal => "本地生活类网站转载的官方办事指南，注明了更新日期，只能说“据报道”，以官方原文为准。",
        SourceTier.Anonymous => "转载页面没有写明原发布者或发布日期，只能作为未经证实的说法，请向当地医保部门核实。",
        _ => "网上的问答文章，没有注明依据；有的说法只见于这一篇，有的也见于另外一两篇同类文章，都只能参考，请向当地医保部门核实。",
    };

    /// <summary>
    /// Who said it and when, as a footnote says it: "中新网，2024年10月29日（转载）"; a portal's date is its update date,
    /// an anonymous repost names no publisher.
    /// </summary>
    public static string Attribution(Source source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var date = source.Date is { } known ? Date(known) : "日期不详";
        return source.Tier switch
        {
            SourceTier.Repost => $"{Publisher(source)}，{date}（转载）",
            SourceTier.Portal => $"{Publisher(source)}，{date}更新（本地网站转载）",
            SourceTier.Anonymous => $"{Publisher(source)}，{date}（转载，原发布者不详）",
            _ => $"{Publisher(source)}，{date}",
        };
    }

    /// <summary>Who published a source, or 发布者不详 (never the file we keep it in).</summary>
    public static string Publisher(Source source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Publisher ?? "发布者不详";
    }

    /// <summary>
    /// Footnote markers such as [1][3], linking to the page's source list (a helper, not a partial: it runs per fact).
    /// No tooltip: the footnote the marker links to names the source.
    /// </summary>
    public static IHtmlContent Cite(IReadOnlyList<(int Number, Source Source)> citations)
    {
        ArgumentNullException.ThrowIfNull(citations);
        var html = new HtmlContentBuilder(citations.Count * 5);
        foreach (var (number, source) in citations)
        {
            var n = number.ToString(CultureInfo.InvariantCulture);
            html.AppendHtml("<sup class=\"cite\"><a href=\"#fn-").AppendHtml(n).AppendHtml("\">[").AppendHtml(n).AppendHtml("]</a></sup>");
        }
        return html;
    }

    /// <summary>北京时间 (Asia/Shanghai): the one time zone pages show and staff type times in.</summary>
    public static TimeZoneInfo ChinaZone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>Today in China, which is what "in force today" means for every region.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(InChina(clock.GetUtcNow()).DateTime);
    }

    /// <summary>An instant in 北京时间 (Asia/Shanghai), the only time pages show.</summary>
    public static DateTimeOffset InChina(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, ChinaZone);

    /// <summary>A time stored in UTC (as the database keeps it) as 北京时间 to the minute, e.g. 2026-12-01 18:00; a table's heading says 北京时间.</summary>
    public static string Time(DateTime utc, bool seconds = false) => Time(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), seconds);

    /// <inheritdoc cref="Time(DateTime, bool)"/>
    public static string Time(DateTimeOffset instant, bool seconds = false) =>
        InChina(instant).ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>An instant in words with its zone, e.g. 2026年12月1日 18:00（北京时间）.</summary>
    public static string TimeInWords(DateTimeOffset instant) => InChina(instant).ToString("yyyy年M月d日 HH:mm", Chinese) + "（北京时间）";
}

/// <summary>Numbers the sources cited on one page, in order of first citation, for footnotes.</summary>
public sealed class Footnotes(PolicySnapshot snapshot)
{
    private readonly List<Source> _cited = [];

    public IReadOnlyList<Source> Cited => _cited;

    /// <summary>The footnote number of one source, adding it if new; null for an unknown source.</summary>
    public int? NumberOf(string sourceId) => Cite([sourceId]) is [var (number, _)] ? number : null;

    /// <summary>Footnote numbers for the given source ids, adding new ones to the end.</summary>
    public IReadOnlyList<(int Number, Source Source)> Cite(IEnumerable<string> sourceIds)
    {
        ArgumentNullException.ThrowIfNull(sourceIds);
        var result = new List<(int, Source)>();
        foreach (var id in sourceIds)
        {
            if (snapshot.FindSource(id) is not { } source)
            {
                continue;
            }
            var index = _cited.IndexOf(source);
            if (index < 0)
            {
                _cited.Add(source);
                index = _cited.Count - 1;
            }
            result.Add((index + 1, source));
        }
        return result;
    }
}
