using FamilyMutualAid.Web.Caching;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Markdown;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Regions;

/// <summary>One fact on a region page: a parameter value in force today, with its citations.</summary>
public sealed record FactView(
    string Label,
    string Value,
    DateOnly EffectiveFrom,
    bool Reported,
    string? Note,
    bool Unconfirmed,
    Region? InheritedFrom,
    IReadOnlyList<(int Number, Source Source)> Citations);

/// <summary>One side of a disagreement, with its citations.</summary>
public sealed record ClaimView(string Text, bool Followed, IReadOnlyList<(int Number, Source Source)> Citations);

/// <summary>A disagreement between sources, as the reader sees it.</summary>
public sealed record DisagreementView(string Id, string Topic, IReadOnlyList<ClaimView> Claims, DisagreementDecision Decision, Region? InheritedFrom, string? ParameterKey)
{
    public string Anchor => $"disagreement-{Id}";
}

/// <summary>One line of the quick answer at the top of a region page: a rule in force today, and a disagreement about it if any.</summary>
public sealed record QuickAnswer(string Question, string Answer, FactView Fact, DisagreementView? Disputed);

/// <summary>Everything a region page shows on one date, derived once per published snapshot (see <see cref="PublishedViews"/>).</summary>
public sealed class RegionView
{
    public Region Region { get; private init; } = null!;

    public IReadOnlyList<Region> Lineage { get; private init; } = [];

    public ContentPage? Overview { get; private init; }

    public string OverviewHtml { get; private init; } = "";

    public IReadOnlyList<FactView> Facts { get; private init; } = [];

    public IReadOnlyList<DisagreementView> Disagreements { get; private init; } = [];

    public IReadOnlyList<ContentPage> Guides { get; private init; } = [];

    public FactView? Hotline { get; private init; }

    /// <summary>Who can share with whom, for what, where: the rules in force today that answer the usual questions.</summary>
    public IReadOnlyList<QuickAnswer> QuickAnswers { get; private init; } = [];

    /// <summary>The binding channels that serve this region (its own or the nearest ancestor's).</summary>
    public IReadOnlyList<ContentPage> Channels { get; private init; } = [];

    /// <summary>How the channels are used, in a few words: 手机上办 / 到现场办.</summary>
    public string ChannelModes => string.Join("，也可以", Channels.Select(c => c.Mode).Distinct().OrderBy(m => m).Select(m => m == ChannelMode.Online ? "在手机上办" : "到现场办"));

    /// <summary>The region (or an ancestor below the national level) has rules of its own; else only national rules apply.</summary>
    public bool HasLocalData { get; private init; }

    public DateOnly? LastVerified { get; private init; }

    public DateOnly AsOf { get; private init; }

    public Footnotes Footnotes { get; private init; } = null!;

    /// <summary>The questions a resident comes with, and the rule that answers each (question wording is page text).</summary>
    private static readonly (string Question, string Key)[] QuickQuestions =
    [
        ("和谁共济", EligibilityEngine.Keys.Relatives),
        ("谁的账户能用", EligibilityEngine.Keys.SharerInsurance),
        ("能付什么", EligibilityEngine.Keys.AllowedUses),
        ("家人参保地", EligibilityEngine.Keys.SharingScope),
    ];

    public static RegionView Build(PolicySnapshot snapshot, MarkdownRenderer markdown, Region region, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(region);
        var slug = region.Slug;
        var footnotes = new Footnotes(snapshot);
        var overview = snapshot.LineageOf(slug).Select(r => snapshot.FindPage(r.Slug, "overview")).FirstOrDefault(p => p is not null);
        var overviewHtml = overview is null ? "" : markdown.ToHtml(overview.Markdown, footnotes.NumberOf);
        if (overview is not null)
        {
            footnotes.Cite(overview.SourceIds);
        }

        var effective = snapshot.ResolveAll(slug, asOf);
        IReadOnlyList<FactView> facts = [.. effective.Select(e => ToFact(e, snapshot, footnotes))];
        // Only disagreements with a decision for today: outside its periods a disagreement does not apply.
        IReadOnlyList<DisagreementView> disagreements = [.. snapshot.DisagreementsFor(slug).Select(d => (d, Decision: d.DecisionOn(asOf))).Where(x => x.Decision is not null).Select(x => new DisagreementView(
            x.d.Id,
            x.d.Topic,
            [.. x.d.Claims.Select(c => new ClaimView(c.Text, ReferenceEquals(c, x.d.FollowedClaim(x.Decision)), footnotes.Cite(c.SourceIds)))],
            x.Decision!,
            x.d.RegionSlug == slug ? null : snapshot.FindRegion(x.d.RegionSlug),
            x.d.ParameterKey))];
        return new RegionView
        {
            Region = region,
            AsOf = asOf,
            Footnotes = footnotes,
            Lineage = [.. snapshot.LineageOf(slug).Reverse()],
            Overview = overview,
            OverviewHtml = overviewHtml,
            HasLocalData = snapshot.HasLocalData(slug),
            Facts = facts,
            Hotline = effective.Select((e, i) => (e, i)).Where(x => x.e.Definition.Key == "hotline").Select(x => facts[x.i]).FirstOrDefault(),
            Disagreements = disagreements,
            QuickAnswers = [.. QuickQuestions
                .Select(q => (q.Question, Index: effective.ToList().FindIndex(e => e.Definition.Key == q.Key), q.Key))
                .Where(q => q.Index >= 0)
                .Select(q => new QuickAnswer(q.Question, EverydayWords.Of(effective[q.Index].Definition, effective[q.Index].Value.Value, snapshot.Vocabulary), facts[q.Index], disagreements.FirstOrDefault(d => d.ParameterKey == q.Key && d.Decision.Resolution == Resolution.CheckLocally)))],
            Channels = [.. snapshot.LineageOf(slug).Select(r => snapshot.ChannelsOf(r.Slug).ToList()).FirstOrDefault(c => c.Count > 0) ?? []],
            Guides = [.. snapshot.PagesOf(slug).Where(p => p.Kind is not ("overview" or ContentPage.ChannelKind)).OrderBy(p => p.Kind, StringComparer.Ordinal)],
            LastVerified = effective.Select(e => e.Parameter.LastVerified)
                .Append(overview?.LastVerified)
                .OfType<DateOnly>()
                .DefaultIfEmpty()
                .Min(),
        };
    }

    private static FactView ToFact(EffectiveValue effective, PolicySnapshot snapshot, Footnotes footnotes) => new(
        effective.Definition.Label,
        PolicyText.Detailed(effective.Definition, effective.Value.Value, snapshot.Vocabulary),
        effective.Value.From,
        effective.Value.Reported,
        effective.Value.Note,
        effective.Value.Unconfirmed,
        effective.Inherited ? effective.Owner : null,
        footnotes.Cite(effective.Value.SourceIds));
}

[PublishedPage]
public sealed class RegionModel(PolicySnapshotProvider policy, MarkdownRenderer markdown, TimeProvider clock) : PageModel
{
    public RegionView View { get; private set; } = null!;

    public IActionResult OnGet(string slug)
    {
        if (policy.Views.ForRegion(slug, PolicyText.Today(clock), (snapshot, region, today) => RegionView.Build(snapshot, markdown, region, today)) is not { } view)
        {
            return NotFoundPage.For(this, slug);
        }
        View = view;
        return Page();
    }
}
