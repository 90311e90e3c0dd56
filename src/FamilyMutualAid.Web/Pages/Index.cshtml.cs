using FamilyMutualAid.Web.Caching;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Markdown;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages;

[PublishedPage]
public sealed class IndexModel(PolicySnapshotProvider policy, MarkdownRenderer markdown) : PageModel
{
    public string Summary { get; private set; } = "";

    public ContentPage? National { get; private set; }

    public void OnGet()
    {
        var views = policy.Views;
        National = views.Snapshot.FindPage("national", "overview");
        Summary = views.Get(new Key(), (_, _) => National is null ? "" : markdown.FirstParagraphText(National.Markdown));
    }

    private sealed record Key;
}
