using FamilyMutualAid.Web.Caching;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Markdown;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Regions;

/// <summary>A binding channel ready to show: its intro and each fixed section, rendered.</summary>
public sealed record ChannelView(ContentPage Page, string IntroHtml, IReadOnlyList<(string Heading, string? Html)> Sections, bool MayBeStale)
{
    /// <summary>The section's id: channel-{id} on the channel's own region's page; an inherited one adds its region, since two regions may both have an "offline" channel.</summary>
    public string Anchor { get; init; } = $"channel-{Page.Channel}";

    public string? Section(string heading) => Sections.FirstOrDefault(s => s.Heading == heading).Html;

    /// <summary>Renders a channel page with its citations numbered in <paramref name="footnotes"/>; missing sections are null.</summary>
    public static ChannelView From(ContentPage page, MarkdownRenderer markdown, Footnotes footnotes, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(footnotes);
        var (intro, sections) = ChannelSections.Split(page.Markdown);
        var html = ChannelSections.InOrder
            .Select(heading => (heading, sections.FirstOrDefault(s => s.Heading == heading) is { } section
                ? markdown.ToHtml(section.Markdown, footnotes.NumberOf)
                : null))
            .ToList();
        footnotes.Cite(page.SourceIds);
        return new(page, markdown.ToHtml(intro, footnotes.NumberOf), html, page.MayBeStale(today));
    }
}

/// <summary>A region's own rule naming its channels (线上办理渠道, 线下办理方式), with its date and sources.</summary>
public sealed record ChannelFact(string Label, string Value, string Since, bool Unconfirmed, IReadOnlyList<(int Number, Source Source)> Citations);

/// <summary>
/// What one region documents about binding, as a region's binding page shows it (its own, then its province's, then
/// national): the channels its own rules name, and its channel pages with steps.
/// </summary>
public sealed record ChannelGroup(Region Owner, bool Own, IReadOnlyList<ChannelFact> Facts, IReadOnlyList<ChannelView> Channels);

/// <summary>What a region's binding page shows on one date, derived once per published snapshot.</summary>
public sealed class BindingView
{
    private static readonly string[] RelatedKinds = ["cross-region", "family-account"];

    /// <summary>The rules that name a region's binding channels, shown before its channel pages.</summary>
    private static readonly string[] ChannelKeys = ["binding_online", "binding_offline"];

    public Region Region { get; private init; } = null!;

    public ContentPage? Intro { get; private init; }

    public string IntroHtml { get; private init; } = "";

    /// <summary>Every region in the lineage that documents channels, nearest first: the region's own, then its province's, then the national ones.</summary>
    public IReadOnlyList<ChannelGroup> Groups { get; private init; } = [];

    public IReadOnlyList<ChannelView> Channels => [.. Groups.SelectMany(g => g.Channels)];

    /// <summary>Whether the region documents channels of its own.</summary>
    public bool HasOwnChannels => Groups.Any(g => g.Own);

    /// <summary>The hotline in force here, worded as sure as its sources are.</summary>
    public Hotline? Hotline { get; private init; }

    public Footnotes Footnotes { get; private init; } = null!;

    public DateOnly Today { get; private init; }

    /// <summary>The nearest guides that binding readers often need next: cross-region filing, 亲情账户 versus 家庭共济.</summary>
    public IReadOnlyList<ContentPage> Related { get; private init; } = [];

    public static BindingView Build(PolicySnapshot snapshot, MarkdownRenderer markdown, Region region, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(region);
        var footnotes = new Footnotes(snapshot);
        var lineage = snapshot.LineageOf(region.Slug).ToList();
        // Footnotes in page order: the channels the rules name, then the intro, then the channel pages.
        var facts = lineage.ToDictionary(r => r.Slug, r => ChannelFacts(snapshot, footnotes, r, today), StringComparer.Ordinal);
        var intro = lineage.Select(r => snapshot.FindPage(r.Slug, ContentKinds.Binding)).OfType<ContentPage>().FirstOrDefault();
        var introHtml = intro is null ? "" : markdown.ToHtml(intro.Markdown, footnotes.NumberOf);
        if (intro is not null)
        {
            footnotes.Cite(intro.SourceIds);
        }
        return new BindingView
        {
            Region = region,
            Today = today,
            Footnotes = footnotes,
            Intro = intro,
            IntroHtml = introHtml,
            Groups = [.. lineage
                .Select(owner => (Owner: owner, Pages: snapshot.ChannelsOf(owner.Slug).ToList(), Facts: facts[owner.Slug]))
                .Where(g => g.Pages.Count > 0 || g.Facts.Count > 0)
                .Select(g => new ChannelGroup(g.Owner, g.Owner.Slug == region.Slug, g.Facts, [.. g.Pages
                    .Select(page => ChannelView.From(page, markdown, footnotes, today))
                    .Select(view => g.Owner.Slug == region.Slug ? view : view with { Anchor = $"channel-{g.Owner.Slug}-{view.Page.Channel}" })]))],
            Hotline = Hotline.Of(snapshot, footnotes, region.Slug, today),
            Related = [.. RelatedKinds
                .Select(kind => lineage.Select(r => snapshot.FindPage(r.Slug, kind)).OfType<ContentPage>().FirstOrDefault())
                .OfType<ContentPage>()],
        };
    }

    /// <summary>A region's own values (not inherited) of the rules naming channels, in force today; none for the national level, whose channel pages say it all.</summary>
    private static List<ChannelFact> ChannelFacts(PolicySnapshot snapshot, Footnotes footnotes, Region owner, DateOnly today) =>
        owner.ParentSlug is null ? [] : [.. ChannelKeys
            .Select(key => snapshot.Resolve(owner.Slug, key, today))
            .OfType<EffectiveValue>()
            .Where(e => !e.Inherited)
            .Select(e => new ChannelFact(
                e.Definition.Label,
                PolicyText.Value(e.Definition, e.Value.Value, snapshot.Vocabulary),
                PolicyText.Since(e.Value.From, e.Value.Reported),
                e.Value.Unconfirmed,
                footnotes.Cite(e.Value.SourceIds)))];
}

/// <summary>How to bind a family relationship in a region: every channel, with steps, documents and what to do if it fails.</summary>
[PublishedPage]
public sealed class BindingModel(PolicySnapshotProvider policy, MarkdownRenderer markdown, TimeProvider clock) : PageModel
{
    public BindingView View { get; private set; } = null!;

    public IActionResult OnGet(string slug)
    {
        if (policy.Views.ForRegion(slug, PolicyText.Today(clock), (snapshot, region, today) => BindingView.Build(snapshot, markdown, region, today)) is not { } view)
        {
            return NotFoundPage.For(this, slug);
        }
        View = view;
        return Page();
    }
}
