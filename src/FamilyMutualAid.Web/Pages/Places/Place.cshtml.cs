using FamilyMutualAid.Web.Caching;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Places;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Places;

/// <summary>
/// A place without sources of its own (e.g. 苏州市): says whose rules it has and links to them. A place that has its
/// own region goes straight to that region's page.
/// </summary>
[PublishedPage]
public sealed class PlaceModel(PolicySnapshotProvider policy, PlaceDirectory places, TimeProvider clock) : PageModel
{
    public PlaceView View { get; private set; } = null!;

    /// <summary>"江苏省和全国".</summary>
    public string RulesPhrase { get; private set; } = "";

    /// <summary>Another region whose rules may apply instead, no source saying which (e.g. 新疆生产建设兵团 for 石河子市).</summary>
    public Region? Unsettled { get; private set; }

    /// <summary>Where to apply or check, from the data, with its footnotes.</summary>
    public WhereToAsk? WhereToAsk { get; private set; }

    public Footnotes Footnotes { get; private set; } = null!;

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
        Unsettled = place.UnsettledRegionSlug is { } other ? snapshot.FindRegion(other) : null;
        Footnotes = new Footnotes(snapshot);
        WhereToAsk = WhereToAsk.Of(snapshot, Footnotes, view.Region.Slug, PolicyText.Today(clock));
        return Page();
    }
}
