using FamilyMutualAid.Web.Caching;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Markdown;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Regions;

/// <summary>A one-page printable checklist for one binding channel: what to bring, who must come, the steps.</summary>
[PublishedPage]
public sealed class ChecklistModel(PolicySnapshotProvider policy, MarkdownRenderer markdown, TimeProvider clock) : PageModel
{
    public Region Region { get; private set; } = null!;

    public ChannelView Channel { get; private set; } = null!;

    /// <summary>The hotline with its sources, worded as sure as they are, as the check page shows it.</summary>
    public Hotline? Hotline { get; private set; }

    public Footnotes Footnotes { get; private set; } = null!;

    public IActionResult OnGet(string slug, string channel)
    {
        var snapshot = policy.Current;
        if (snapshot.FindRegion(slug) is not { } region)
        {
            return NotFoundPage.For(this, slug);
        }
        if (snapshot.FindPage(slug, $"{ContentPage.ChannelKind}/{channel}") is not { } page)
        {
            return NotFoundPage.For(this, $"{slug}/binding/{channel}");
        }
        Region = region;
        var today = PolicyText.Today(clock);
        Footnotes = new Footnotes(snapshot);
        Channel = ChannelView.From(page, markdown, Footnotes, today);
        Hotline = Hotline.Of(snapshot, Footnotes, slug, today);
        return Page();
    }
}
