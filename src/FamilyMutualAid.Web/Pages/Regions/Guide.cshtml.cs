using FamilyMutualAid.Web.Caching;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Markdown;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Regions;

/// <summary>A content page of a region other than its overview: FAQ, cross-region guide…</summary>
[PublishedPage]
public sealed class GuideModel(PolicySnapshotProvider policy, MarkdownRenderer markdown) : PageModel
{
    public Region Region { get; private set; } = null!;

    public ContentPage Guide { get; private set; } = null!;

    public string Html { get; private set; } = "";

    public Footnotes Footnotes { get; private set; } = null!;

    public IActionResult OnGet(string slug, string kind)
    {
        var snapshot = policy.Views.Snapshot;
        if (snapshot.FindRegion(slug) is not { } region)
        {
            return NotFoundPage.For(this, slug);
        }
        if (snapshot.FindPage(slug, kind) is not { } page)
        {
            return NotFoundPage.For(this, $"{slug}/{kind}");
        }
        Region = region;
        Guide = page;
        (Html, Footnotes) = policy.Views.Get(new Key(page), (published, key) =>
        {
            var footnotes = new Footnotes(published);
            var html = markdown.ToHtml(key.Page.Markdown, footnotes.NumberOf);
            footnotes.Cite(key.Page.SourceIds);
            return new View(html, footnotes);
        });
        return Page();
    }

    private sealed record Key(ContentPage Page);

    private sealed record View(string Html, Footnotes Footnotes);
}
