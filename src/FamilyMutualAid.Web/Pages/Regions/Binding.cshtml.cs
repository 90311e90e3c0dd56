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
    public string Anchor => $"channel-{Page.Channel}";

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

/// <summary>What a region's binding page shows on one date, derived once per published snapshot.</summary>
public sealed class BindingView
{
    private static readonly string[] RelatedKinds = ["cross-region", "family-account"];

    public Region Region { get; private init; } = null!;

    /// <summary>The region whose channels are shown: this one, or the nearest ancestor that documents any.</summary>
    public Region? ChannelOwner { get; private init; }

    public ContentPage? Intro { get; private init; }

    public string IntroHtml { get; private init; } = "";

    public IReadOnlyList<ChannelView> Channels { get; private init; } = [];

    /// <summary>Channels of ancestors (e.g. national apps) that also serve this region, as links.</summary>
    public IReadOnlyList<ContentPage> AlsoAvailable { get; private init; } = [];

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
        var intro = lineage.Select(r => snapshot.FindPage(r.Slug, ContentKinds.Binding)).OfType<ContentPage>().FirstOrDefault();
        var introHtml = intro is null ? "" : markdown.ToHtml(intro.Markdown, footnotes.NumberOf);
        if (intro is not null)
        {
            footnotes.Cite(intro.SourceIds);
        }
        var owner = lineage.FirstOrDefault(r => snapshot.ChannelsOf(r.Slug).Any());
        return new BindingView
        {
            Region = region,
            Today = today,
            Footnotes = footnotes,
            Intro = intro,
            IntroHtml = introHtml,
            ChannelOwner = owner,
            Channels = owner is null ? [] : [.. snapshot.ChannelsOf(owner.Slug).Select(page => ChannelView.From(page, markdown, footnotes, today))],
            AlsoAvailable = owner is null ? [] : [.. lineage.SkipWhile(r => r.Slug != owner.Slug).Skip(1).SelectMany(r => snapshot.ChannelsOf(r.Slug))],
            Related = [.. RelatedKinds
                .Select(kind => lineage.Select(r => snapshot.FindPage(r.Slug, kind)).OfType<ContentPage>().FirstOrDefault())
                .OfType<ContentPage>()],
        };
    }
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
