using FamilyMutualAid.Web.Policy;
using System.Text.RegularExpressions;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Tests.Infrastructure;
using FamilyMutualAid.Web.Content;

namespace FamilyMutualAid.Web.Tests.Import;

/// <summary>
/// What can be checked mechanically about the truth of the seeds: dates. Whether a citation supports its fact cannot
/// be checked here; whether a date was invented can.
/// </summary>
public sealed partial class SeedTruthTests
{
    private static readonly Lazy<PolicySnapshot> Seeds = new(() => PolicyFileReader.Read(Repository.Seeds, Repository.Content).ToSnapshot());

    /// <summary>
    /// The items of policy-updates.md that give no date ("Official services, for the binding guides"; 高陵; the 甘肃 county page is
    /// dated by regional-updates.md) and the undated reposts of regional-updates.md.
    /// </summary>
    private static readonly string[] Undated = ["jiangsu-page", "shanghai-terminals", "xian-gaoling", "neimenggu-guide", "daqing-2023", "wuhan-2023", "nat-12393"];

    [Fact]
    public void A_source_the_documents_give_no_date_for_has_none_and_says_so()
    {
        foreach (var id in Undated)
        {
            var source = Seeds.Value.FindSource(id);
            Assert.NotNull(source);
            Assert.Null(source.Date);
            Assert.False(string.IsNullOrWhiteSpace(source.DateNote), $"{id} needs a date_note");
        }
    }

    [Fact]
    public void Every_value_starts_on_the_date_of_a_source_it_cites()
    {
        var wrong = Seeds.Value.Parameters.SelectMany(p => p.Values.Select(v => (p, v)))
            // The date of a cited source, or a date its note states: a list "as of" a day, a start day a guide names.
            .Where(x => !x.v.SourceIds.Select(Seeds.Value.FindSource).Any(s => s?.Date == x.v.From
                || (s?.Note?.Contains(PolicyText.Date(x.v.From), StringComparison.Ordinal) ?? false)))
            .Select(x => $"{x.p.RegionSlug}/{x.p.Key}@{x.v.From:yyyy-MM-dd} cites [{string.Join(", ", x.v.SourceIds)}]");

        Assert.Empty(wrong);
    }

    /// <summary>
    /// Every province and the bingtuan has its own dated values for relatives and for sharing across pooling areas (from the
    /// national per-province lists or its own notice); a city either has its own or says nothing and takes its province's.
    /// </summary>
    [Fact]
    public void Every_province_has_its_own_dated_relatives_and_sharing_scope()
    {
        var missing = from region in Seeds.Value.Regions.Where(r => r.Level == RegionLevel.Province)
                      from key in new[] { "relatives", "sharing_scope" }
                      where Seeds.Value.FindParameter(region.Slug, key) is not { Values.Length: > 0 }
                      select $"{region.Slug}/{key}";

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_disagreement_period_starts_on_the_date_of_a_source_a_claim_cites()
    {
        var wrong = Seeds.Value.Disagreements.SelectMany(d => d.Decisions.Where(p => p.From is not null).Select(p => (d, p)))
            .Where(x => !x.d.Claims.SelectMany(c => c.SourceIds).Select(Seeds.Value.FindSource).Any(s => s?.Date == x.p.From))
            .Select(x => $"{x.d.RegionSlug}/{x.d.Id} from {x.p.From:yyyy-MM-dd}");

        Assert.Empty(wrong);
    }

    [Fact]
    public void A_value_resting_only_on_consumer_pages_is_marked_unconfirmed_and_reported()
    {
        var wrong = Seeds.Value.Parameters.SelectMany(p => p.Values.Select(v => (p, v)))
            .Where(x => x.v.SourceIds.All(id => Seeds.Value.FindSource(id)?.Tier == SourceTier.ConsumerPage)
                && !(x.v.Unconfirmed && x.v.Reported))
            .Select(x => $"{x.p.RegionSlug}/{x.p.Key}@{x.v.From:yyyy-MM-dd}");

        Assert.Empty(wrong);
    }

    [Fact]
    public void The_12393_hotline_is_shanghai_s_own_and_only_an_unconfirmed_claim_elsewhere()
    {
        // 000, 004 and 新民晚报 (2022) give 12393 for Shanghai; for every other region only anonymous health pages do (nat-12393).
        Assert.Equal(["national", "shanghai"], Seeds.Value.Parameters.Where(p => p.Key == "hotline").Select(p => p.RegionSlug).Order(StringComparer.Ordinal));
        var national = Assert.Single(Seeds.Value.FindParameter("national", "hotline")!.Values);
        Assert.True(national.Unconfirmed && national.Reported);
        Assert.Equal(["nat-12393"], national.SourceIds.AsEnumerable());
        Assert.Contains(Seeds.Value.FindParameter("shanghai", "hotline")!.Values, v => !v.Unconfirmed && v.SourceIds.Contains("shanghai-2022-xinmin"));
    }

    /// <summary>
    /// The sources call the card 医保卡 (000, 002, 004; 001 once 社保卡) and the code shown at the till 医保码 (policy-updates.md,
    /// 003; 003 once 电子医保码). The pages keep to one word for each, so a resident does not wonder whether they are four things.
    /// </summary>
    [Fact]
    public void Pages_and_values_call_the_card_医保卡_and_the_code_医保码()
    {
        string[] otherNames = ["电子医保码", "社保卡", "医保电子凭证"];
        var texts = Seeds.Value.Pages.Select(p => (Where: $"{p.RegionSlug}/{p.Key}", Text: p.Title + "\n" + p.Markdown))
            .Concat(Seeds.Value.Parameters.SelectMany(p => p.Values.Select(v =>
                (Where: $"{p.RegionSlug}/{p.Key}@{v.From:yyyy-MM-dd}", Text: (v.Value as TextValue)?.Text + "\n" + v.Note))))
            .Concat(Seeds.Value.Disagreements.Select(d =>
                (Where: $"{d.RegionSlug}/{d.Id}", Text: string.Join("\n", d.Claims.Select(c => c.Text).Concat(d.Decisions.Select(x => x.Reason)).Append(d.Topic)))));

        var wrong = texts.SelectMany(t => otherNames.Where(n => t.Text.Contains(n, StringComparison.Ordinal)).Select(n => $"{t.Where}: {n}"));

        Assert.Empty(wrong);
    }

    /// <summary>
    /// Page text has no effective dates of its own (review T-1), and a footnote is easy to miss (a checklist shows sections
    /// without the page's intro): so a section that cites a dated official or reported source names that source's year.
    /// The consumer pages have no date of their own (only an approximate capture date), so they are not held to it.
    /// </summary>
    [Fact]
    public void Every_section_citing_a_dated_official_or_reported_source_names_its_year()
    {
        var wrong = from page in Seeds.Value.Pages
                    from section in SectionStart().Split(page.Markdown)
                    from id in Citation().Matches(section).Select(m => m.Groups[1].Value).Distinct()
                    let source = Seeds.Value.FindSource(id)
                    where source is { Date: not null, Tier: not SourceTier.ConsumerPage }
                    let year = $"{source.Date!.Value.Year}年"
                    where !section.Contains(year, StringComparison.Ordinal)
                    select $"{page.RegionSlug}/{page.Key} \"{section.Trim().Split('\n')[0]}\" cites {id} without {year}";

        Assert.Empty(wrong);
    }

    [GeneratedRegex(@"(?m)^(?=## )")]
    private static partial Regex SectionStart();

    [GeneratedRegex(@"\(/sources#([a-z0-9-]+)\)")]
    private static partial Regex Citation();
}
