using FamilyMutualAid.Web.Caching;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Places;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Regions;

/// <summary>The provinces in code order with a mark for those with local data, or, with ?q=, the places that match.</summary>
[PublishedPage("q", "go")]
public sealed class IndexModel(PolicySnapshotProvider policy, PlaceDirectory places) : PageModel
{
    public const int MaxQueryLength = 40;

    public string? Query { get; private set; }

    public IReadOnlyList<PlaceView> Matches { get; private set; } = [];

    public IReadOnlyList<ProvinceView> Provinces { get; private set; } = [];


    public IActionResult OnGet(string? q, string? go)
    {
        var snapshot = policy.Current;
        // Old links and bookmarks of the home page's region picker.
        if (go is not null && snapshot.FindRegion(go) is { } region)
        {
            return Redirect($"/regions/{Uri.EscapeDataString(region.Slug)}");
        }
        var query = q?.Trim();
        Query = string.IsNullOrEmpty(query) ? null : query.Length > MaxQueryLength ? query[..MaxQueryLength] : query;
        if (Query is not null)
        {
            Matches = PlaceViews.Search(places, snapshot, Query);
            return Page();
        }
        Provinces = policy.Views.Get(new ProvincesKey(), (published, _) => PlaceViews.Provinces(places, published));
        return Page();
    }

    private sealed record ProvincesKey;
}
