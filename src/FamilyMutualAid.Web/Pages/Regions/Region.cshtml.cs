using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Markdown;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

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
public sealed record DisagreementView(string Topic, IReadOnlyList<ClaimView> Claims, DisagreementDecision Decision, Region? InheritedFrom);

public sealed class RegionModel(PolicySnapshotProvider policy, MarkdownRenderer markdown, TimeProvider clock) : PageModel
{
    public Region Region { get; private set; } = null!;

    public IReadOnlyList<Region> Lineage { get; private set; } = [];

    public ContentPage? Overview { get; private set; }

    public string OverviewHtml { get; private set; } = "";

    public IReadOnlyList<FactView> Facts { get; private set; } = [];

    public IReadOnlyList<DisagreementView> Disagreements { get; private set; } = [];

    public IReadOnlyList<ContentPage> Guides { get; private set; } = [];

    public FactView? Hotline { get; private set; }

    /// <summary>The region (or an ancestor below the national level) has rules of its own; else only national rules apply.</summary>
    public bool HasLocalData { get; private set; }

    public DateOnly? LastVerified { get; private set; }

    public DateOnly AsOf { get; private set; }

    public Footnotes Footnotes { get; private set; } = null!;

    public IActionResult OnGet(string slug)
    {
        var snapshot = policy.Current;
        if (snapshot.FindRegion(slug) is not { } region)
        {
            return NotFoundPage.For(this, slug);
        }
        Region = region;
        AsOf = PolicyText.Today(clock);
        Footnotes = new Footnotes(snapshot);
        Lineage = [.. snapshot.LineageOf(slug).Reverse()];

        Overview = snapshot.LineageOf(slug).Select(r => snapshot.FindPage(r.Slug, "overview")).FirstOrDefault(p => p is not null);
        OverviewHtml = Overview is null ? "" : markdown.ToHtml(Overview.Markdown, Footnotes.NumberOf);
        if (Overview is not null)
        {
            Footnotes.Cite(Overview.SourceIds);
        }

        var effective = snapshot.ResolveAll(slug, AsOf);
        HasLocalData = snapshot.HasLocalData(slug);
        Facts = [.. effective.Select(e => ToFact(e, snapshot))];
        Hotline = effective.Select((e, i) => (e, i)).Where(x => x.e.Definition.Key == "hotline").Select(x => Facts[x.i]).FirstOrDefault();

        // Only disagreements with a decision for today: outside its periods a disagreement does not apply.
        Disagreements = [.. snapshot.DisagreementsFor(slug).Select(d => (d, Decision: d.DecisionOn(AsOf))).Where(x => x.Decision is not null).Select(x => new DisagreementView(
            x.d.Topic,
            [.. x.d.Claims.Select(c => new ClaimView(c.Text, ReferenceEquals(c, x.d.FollowedClaim(x.Decision)), Footnotes.Cite(c.SourceIds)))],
            x.Decision!,
            x.d.RegionSlug == slug ? null : snapshot.FindRegion(x.d.RegionSlug)))];

        Guides = [.. snapshot.PagesOf(slug).Where(p => p.Kind is not ("overview" or ContentPage.ChannelKind)).OrderBy(p => p.Kind, StringComparer.Ordinal)];
        LastVerified = effective.Select(e => e.Parameter.LastVerified)
            .Append(Overview?.LastVerified)
            .OfType<DateOnly>()
            .DefaultIfEmpty()
            .Min();
        return Page();
    }

    private FactView ToFact(EffectiveValue effective, PolicySnapshot snapshot) => new(
        effective.Definition.Label,
        PolicyText.Value(effective.Definition, effective.Value.Value, snapshot.Vocabulary),
        effective.Value.From,
        effective.Value.Reported,
        effective.Value.Note,
        effective.Value.Unconfirmed,
        effective.Inherited ? effective.Owner : null,
        Footnotes.Cite(effective.Value.SourceIds));
}
