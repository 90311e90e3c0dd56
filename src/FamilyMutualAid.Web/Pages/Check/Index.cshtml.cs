using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Check;

/// <summary>The start page of the check: what it answers, what you need, and whom to call instead.</summary>
[CheckAnswersPage]
public sealed class IndexModel(PolicySnapshotProvider policy, PlaceDirectory places, TimeProvider clock) : PageModel
{
    /// <summary>The hotlines the data has, each with the region it belongs to (none is national).</summary>
    public IReadOnlyList<(Region Region, Hotline Call)> Hotlines { get; private set; } = [];

    public Footnotes Footnotes { get; private set; } = null!;

    /// <summary>Where people elsewhere can apply or check, from the national data.</summary>
    public WhereToAsk? Elsewhere { get; private set; }

    /// <summary>Where 开始 leads: the first page, with the sharer's place when a region page sent the reader here.</summary>
    public string StartUrl { get; private set; } = "/check/people";

    public void OnGet()
    {
        var views = policy.Views;
        var today = PolicyText.Today(clock);
        (Footnotes, Hotlines, Elsewhere) = views.Get(today, new HotlinesKey(), (snapshot, _) =>
        {
            var footnotes = new Footnotes(snapshot);
            // Each region's own number once (the national one for everywhere else), not the same number again for every region inheriting it.
            IReadOnlyList<(Region, Hotline)> hotlines = [.. snapshot.Regions
                .Select(r => (Region: r, Call: Hotline.Of(snapshot, footnotes, r.Slug, today)))
                .Where(h => h.Call is not null && h.Call.Owner.Slug == h.Region.Slug)
                .Select(h => (h.Region, h.Call!))];
            var elsewhere = snapshot.Regions.FirstOrDefault(r => r.Level == RegionLevel.National) is { } national ? WhereToAsk.Of(snapshot, footnotes, national.Slug, today) : null;
            return new HotlinesView(footnotes, hotlines, elsewhere);
        });
        var answers = CheckAnswers.From(Request.Query, new CheckPlaces(views, places));
        StartUrl = "/check/people" + answers.ToQuery();
    }

    private sealed record HotlinesKey;

    private sealed record HotlinesView(Footnotes Footnotes, IReadOnlyList<(Region Region, Hotline Call)> Hotlines, WhereToAsk? Elsewhere);
}
