using FamilyMutualAid.Web.Caching;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Markdown;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Regions;

/// <summary>
/// One fact on a region page: a parameter value in force today, with its citations. A list of vocabulary codes is
/// also shown per code (<see cref="Codes"/>), as the engine decides each; then <see cref="Value"/> sums the lines up.
/// </summary>
public sealed record FactView(
    string Label,
    string Value,
    DateOnly EffectiveFrom,
    bool Reported,
    string? Note,
    bool Unconfirmed,
    Region? InheritedFrom,
    IReadOnlyList<(int Number, Source Source)> Citations)
{
    public string Key { get; init; } = "";

    /// <summary>The region whose rule this is: the page's own region when any code or the value is its own.</summary>
    public Region Owner { get; init; } = null!;

    public IReadOnlyList<CodeLineView> Codes { get; init; } = [];

    /// <summary>The codes the engine allows, in everyday words (for the quick answer); null for a fact that is not a code list.</summary>
    public string? AllowedWords { get; init; }
}

/// <summary>One line of a list fact: codes with the same ruling, whose rule it is, since when, and any doubt.</summary>
public sealed record CodeLineView(CodeLine Line, bool Own, string? Since, string? Doubt, IReadOnlyList<(int Number, Source Source)> Citations);

/// <summary>The facts one region sets for the page's region: its own first, then each ancestor's.</summary>
public sealed record FactGroup(Region Owner, bool Own, IReadOnlyList<FactView> Facts);

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

    /// <summary>The overview is an ancestor's general text: the region's own rules come before it.</summary>
    public bool OverviewInherited => Overview is not null && Overview.RegionSlug != Region.Slug;

    public IReadOnlyList<FactView> Facts { get; private init; } = [];

    public IReadOnlyList<DisagreementView> Disagreements { get; private init; } = [];

    public IReadOnlyList<ContentPage> Guides { get; private init; } = [];

    /// <summary>The own facts first, then those inherited, grouped by the region that sets them, nearest first.</summary>
    public IReadOnlyList<FactGroup> FactGroups { get; private init; } = [];

    /// <summary>The facts that are the region's own (its own value, or a code its own list states).</summary>
    public IReadOnlyList<FactView> OwnFacts => FactGroups.Where(g => g.Own).SelectMany(g => g.Facts).ToList();

    public Hotline? Hotline { get; private init; }

    /// <summary>Who can share with whom, for what, where: the rules in force today that answer the usual questions.</summary>
    public IReadOnlyList<QuickAnswer> QuickAnswers { get; private init; } = [];

    /// <summary>The binding channels that serve this region: its own and every ancestor's.</summary>
    public IReadOnlyList<ContentPage> Channels { get; private init; } = [];

    /// <summary>The binding channels the region documents itself (shown by name before the inherited ones).</summary>
    public IReadOnlyList<ContentPage> OwnChannels => [.. Channels.Where(c => c.RegionSlug == Region.Slug)];

    /// <summary>How the channels are used, in a few words: 手机上办 / 到现场办.</summary>
    public string ChannelModes => string.Join("，也可以", Channels.Select(c => c.Mode).Distinct().OrderBy(m => m).Select(m => m == ChannelMode.Online ? "在手机上办" : "到现场办"));

    /// <summary>How much the region has of its own (the same classification the region list marks).</summary>
    public LocalCoverage Coverage { get; private init; }

    /// <summary>The regions it inherits from, nearest first: 广东省、全国.</summary>
    public IReadOnlyList<Region> Ancestors => [.. Lineage.Reverse().Skip(1)];

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
        // Footnotes are numbered in page order: an inherited overview comes after the region's rules.
        var inherited = overview is not null && overview.RegionSlug != slug;
        var effective = snapshot.ResolveAll(slug, asOf);
        IReadOnlyList<FactView> facts = inherited ? [.. effective.Select(e => ToFact(e, region, snapshot, footnotes, asOf))] : [];
        var overviewHtml = overview is null ? "" : markdown.ToHtml(overview.Markdown, footnotes.NumberOf);
        if (overview is not null)
        {
            footnotes.Cite(overview.SourceIds);
        }
        if (!inherited)
        {
            facts = [.. effective.Select(e => ToFact(e, region, snapshot, footnotes, asOf))];
        }
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
            Coverage = snapshot.CoverageOf(slug),
            Facts = facts,
            FactGroups = [.. snapshot.LineageOf(slug)
                .Select(owner => new FactGroup(owner, owner.Slug == slug, [.. facts.Where(f => f.Owner.Slug == owner.Slug)]))
                .Where(g => g.Facts.Count > 0)],
            Hotline = Hotline.Of(snapshot, footnotes, slug, asOf),
            Disagreements = disagreements,
            QuickAnswers = [.. QuickQuestions
                .Select(q => (q.Question, Index: effective.ToList().FindIndex(e => e.Definition.Key == q.Key), q.Key))
                .Where(q => q.Index >= 0)
                .Select(q => new QuickAnswer(q.Question, facts[q.Index].AllowedWords ?? EverydayWords.Of(effective[q.Index].Definition, effective[q.Index].Value.Value, snapshot.Vocabulary), facts[q.Index], disagreements.FirstOrDefault(d => d.ParameterKey == q.Key && d.Decision.Resolution == Resolution.CheckLocally)))],
            Channels = [.. snapshot.LineageOf(slug).SelectMany(r => snapshot.ChannelsOf(r.Slug))],
            Guides = [.. snapshot.PagesOf(slug).Where(p => p.Kind is not ("overview" or ContentPage.ChannelKind)).OrderBy(p => p.Kind, StringComparer.Ordinal)],
            LastVerified = effective.Select(e => e.Parameter.LastVerified)
                .Append(overview?.LastVerified)
                .OfType<DateOnly>()
                .DefaultIfEmpty()
                .Min(),
        };
    }

    private static FactView ToFact(EffectiveValue effective, Region region, PolicySnapshot snapshot, Footnotes footnotes, DateOnly asOf)
    {
        var lines = CodeLines.Of(snapshot, region.Slug, effective.Definition, asOf);
        if (lines.Count == 0)
        {
            return new(
                effective.Definition.Label,
                PolicyText.Detailed(effective.Definition, effective.Value.Value, snapshot.Vocabulary),
                effective.Value.From,
                effective.Value.Reported,
                effective.Value.Note,
                effective.Value.Unconfirmed,
                effective.Inherited ? effective.Owner : null,
                footnotes.Cite(effective.Value.SourceIds))
            { Key = effective.Definition.Key, Owner = effective.Owner };
        }
        // Each line cites its own rule, so the value's sources are numbered where the lines need them, in line order.
        IReadOnlyList<CodeLineView> views = [.. lines.Select(line => new CodeLineView(
            line,
            line.Owner?.Slug == region.Slug,
            line.Rule is { } rule && line.State != CodeState.NotStated ? PolicyText.Since(rule.Value.From, rule.Value.Reported) : null,
            CodeLines.Doubt(line),
            line.Rule is { } cited && line.State != CodeState.NotStated ? footnotes.Cite(cited.Value.SourceIds) : []))];
        var own = effective.Owner.Slug == region.Slug || lines.Any(l => l.Owner?.Slug == region.Slug);
        var allowed = CodeLines.Allowed(lines).ToList();
        return new(
            effective.Definition.Label,
            CodeLines.Summary(lines),
            effective.Value.From,
            effective.Value.Reported,
            effective.Value.Note,
            lines.Any(l => l.State != CodeState.NotStated && (l.Unconfirmed || l.AwaitsAdoption)),
            own ? null : effective.Owner,
            [.. views.SelectMany(v => v.Citations).DistinctBy(c => c.Number)])
        {
            Key = effective.Definition.Key,
            Owner = own ? region : effective.Owner,
            Codes = views,
            AllowedWords = allowed.Count == 0 ? "资料没有说明" : EverydayWords.Of(effective.Definition, new ListValue([.. allowed]), snapshot.Vocabulary),
        };
    }
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
