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
    string? Note,
    bool Unconfirmed,
    Region? InheritedFrom,
    IReadOnlyList<(int Number, Source Source)> Citations);

/// <summary>One side of a disagreement, with its citations.</summary>
public sealed record ClaimView(string Text, bool Followed, IReadOnlyList<(int Number, Source Source)> Citations);

/// <summary>A disagreement between sources, as the reader sees it.</summary>
public sealed record DisagreementView(string Topic, IReadOnlyList<ClaimView> Claims, Resolution Resolution, string Reason, Region? InheritedFrom);

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

    public bool HasOwnRules { get; private set; }

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
        HasOwnRules = effective.Any(e => !e.Inherited) || snapshot.PagesOf(slug).Any();
        Facts = [.. effective.Select(e => ToFact(e, snapshot))];
        Hotline = effective.Select((e, i) => (e, i)).Where(x => x.e.Definition.Key == "hotline").Select(x => Facts[x.i]).FirstOrDefault();

        Disagreements = [.. snapshot.DisagreementsFor(slug).Select(d => new DisagreementView(
            d.Topic,
            [.. d.Claims.Select(c => new ClaimView(c.Text, ReferenceEquals(c, d.FollowedClaim), Footnotes.Cite(c.SourceIds)))],
            d.Resolution,
            d.Reason,
            d.RegionSlug == slug ? null : snapshot.FindRegion(d.RegionSlug)))];

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
        effective.Value.Note,
        effective.Value.Unconfirmed,
        effective.Inherited ? effective.Owner : null,
        Footnotes.Cite(effective.Value.SourceIds));
}
