using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Infrastructure;
using FamilyMutualAid.Web.Places;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FamilyMutualAid.Web.Pages.Places;

/// <summary>
/// A place without sources of its own (e.g. 苏州市): says whose rules it has and links to them. A place that has its
/// own region goes straight to that region's page.
/// </summary>
[PublishedPage]
public sealed class PlaceModel(PolicySnapshotProvider policy, PlaceDirectory places) : PageModel
{
    public PlaceView View { get; private set; } = null!;

    /// <summary>"江苏省和全国".</summary>
    public string RulesPhrase { get; private set; } = "";

    public IActionResult OnGet(string code)
    {
        var snapshot = policy.Current;
        if (places.Find(code) is not { } place || PlaceViews.View(places, snapshot, place, places.ProvinceOf(place)) is not { } view)
        {
            return NotFoundPage.For(this, code);
        }
        if (view.OwnRules)
        {
            return Redirect(view.Href);
        }
        View = view;
        RulesPhrase = PlaceViews.RulesPhrase(snapshot, view.Region);
        return Page();
    }
}
