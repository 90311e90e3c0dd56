using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Import;
using FamilyMutualAid.Web.Infrastructure;
using FamilyMutualAid.Web.Markdown;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

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

/// <summary>How to bind a family relationship in a region: every channel, with steps, documents and what to do if it fails.</summary>
[PublishedPage]
public sealed class BindingModel(PolicySnapshotProvider policy, MarkdownRenderer markdown, TimeProvider clock) : PageModel
{
    private static readonly string[] RelatedKinds = ["cross-region", "family-account"];

    public Region Region { get; private set; } = null!;

    /// <summary>The region whose channels are shown: this one, or the nearest ancestor that documents any.</summary>
    public Region? ChannelOwner { get; private set; }

    public ContentPage? Intro { get; private set; }

    public string IntroHtml { get; private set; } = "";

    public IReadOnlyList<ChannelView> Channels { get; private set; } = [];

    /// <summary>Channels of ancestors (e.g. national apps) that also serve this region, as links.</summary>
    public IReadOnlyList<ContentPage> AlsoAvailable { get; private set; } = [];

    public Footnotes Footnotes { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    /// <summary>The nearest guides that binding readers often need next: cross-region filing, 亲情账户 versus 家庭共济.</summary>
    public IReadOnlyList<ContentPage> Related { get; private set; } = [];

    public IActionResult OnGet(string slug)
    {
        var snapshot = policy.Current;
        if (snapshot.FindRegion(slug) is not { } region)
        {
            return NotFoundPage.For(this, slug);
        }
        Region = region;
        Today = PolicyText.Today(clock);
        Footnotes = new Footnotes(snapshot);
        var lineage = snapshot.LineageOf(slug).ToList();
        Intro = lineage.Select(r => snapshot.FindPage(r.Slug, ContentKinds.Binding)).OfType<ContentPage>().FirstOrDefault();
        IntroHtml = Intro is null ? "" : markdown.ToHtml(Intro.Markdown, Footnotes.NumberOf);
        if (Intro is not null)
        {
            Footnotes.Cite(Intro.SourceIds);
        }
        ChannelOwner = lineage.FirstOrDefault(r => snapshot.ChannelsOf(r.Slug).Any());
        Channels = ChannelOwner is null
            ? []
            : [.. snapshot.ChannelsOf(ChannelOwner.Slug).Select(page => ChannelView.From(page, markdown, Footnotes, Today))];
        AlsoAvailable = ChannelOwner is null
            ? []
            : [.. lineage.SkipWhile(r => r.Slug != ChannelOwner.Slug).Skip(1).SelectMany(r => snapshot.ChannelsOf(r.Slug))];
        Related = [.. RelatedKinds
            .Select(kind => lineage.Select(r => snapshot.FindPage(r.Slug, kind)).OfType<ContentPage>().FirstOrDefault())
            .OfType<ContentPage>()];
        return Page();
    }
}
