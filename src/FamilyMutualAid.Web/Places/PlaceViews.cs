using FamilyMutualAid.Rules;

namespace FamilyMutualAid.Web.Places;

/// <summary>A place as a search lists it: where it is, whose rules it has, and where its link goes.</summary>
public sealed record PlaceView(Place Place, Place Province, Region Region, bool OwnRules, string Href)
{
    /// <summary>"苏州市 · 江苏省", or just the name for a province.</summary>
    public string Where => ReferenceEquals(Place, Province) ? Place.Name : $"{Place.Name} · {Province.Name}";
}

/// <summary>A province on the region list, how much it has of its own, and its cities that have anything of their own.</summary>
public sealed record ProvinceView(Region Region, LocalCoverage Coverage, IReadOnlyList<(Region Region, LocalCoverage Coverage)> Children);

/// <summary>Turns places into what the pages show, against the published policy data.</summary>
public static class PlaceViews
{
    public const int MaxMatches = 30;

    /// <summary>The places matching <paramref name="query"/> that resolve to a region of the snapshot.</summary>
    public static IReadOnlyList<PlaceView> Search(PlaceDirectory places, PolicySnapshot snapshot, string? query, int limit = MaxMatches)
    {
        ArgumentNullException.ThrowIfNull(places);
        return [.. places.Search(query, limit).Select(m => View(places, snapshot, m.Place, m.Province)).OfType<PlaceView>()];
    }

    public static PlaceView? View(PlaceDirectory places, PolicySnapshot snapshot, Place place, Place province)
    {
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(place);
        if (places.RulesFor(place, snapshot) is not { } rules)
        {
            return null;
        }
        var href = rules.OwnRules || place.Code is null
            ? $"/regions/{Uri.EscapeDataString(rules.Region.Slug)}"
            : $"/places/{place.Code}";
        return new PlaceView(place, province, rules.Region, rules.OwnRules, href);
    }

    /// <summary>
    /// The region a reader typed: its slug (as links carry), its name, or a place's name, pinyin or initials whose
    /// matches all have that region's rules; null when nothing or several different regions match.
    /// </summary>
    public static Region? TypedRegion(PlaceDirectory places, PolicySnapshot snapshot, string? text)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var typed = text?.Trim();
        if (string.IsNullOrEmpty(typed))
        {
            return null;
        }
        if ((snapshot.FindRegion(typed) ?? snapshot.Regions.FirstOrDefault(r => r.Name == typed)) is { } region)
        {
            return region;
        }
        var matches = Search(places, snapshot, typed, 5);
        // 苏州 means 苏州市 even though suzhou (the pinyin the search also tries) is 宿州市 too.
        var exact = matches.Where(m => m.Place.Name.StartsWith(typed, StringComparison.Ordinal)).ToList();
        var regions = (exact.Count > 0 ? exact : matches).Select(m => m.Region).Distinct().ToList();
        return regions.Count == 1 ? regions[0] : null;
    }

    /// <summary>The region and those above it, nearest first, as one phrase: "江苏省和全国", "福州市、福建省和全国".</summary>
    public static string RulesPhrase(PolicySnapshot snapshot, Region region)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(region);
        var names = snapshot.LineageOf(region.Slug).Select(r => r.Name).ToList();
        return names.Count <= 1 ? region.Name : string.Join("、", names[..^1]) + "和" + names[^1];
    }

    /// <summary>
    /// The province-level regions in GB/T 2260 code order (兵团 last), then any the places file does not list; each with
    /// its child regions (cities with sources of their own).
    /// </summary>
    public static IReadOnlyList<ProvinceView> Provinces(PlaceDirectory places, PolicySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(snapshot);
        var listed = places.Provinces
            .Select(p => p.RegionSlug is null ? null : snapshot.FindRegion(p.RegionSlug))
            .OfType<Region>()
            .ToList();
        var rest = snapshot.Regions.Where(r => r.Level == RegionLevel.Province && !listed.Contains(r));
        // Only the child regions with data of their own: the others read as their province, and the search finds them,
        // so the list stays one line a province however many city regions there are.
        return [.. listed.Concat(rest).Select(region => new ProvinceView(
            region,
            snapshot.CoverageOf(region.Slug),
            [.. snapshot.ChildrenOf(region.Slug).Select(child => (child, snapshot.CoverageOf(child.Slug))).Where(child => child.Item2 != LocalCoverage.None)]))];
    }

    /// <summary>Every region but 全国 in the order of <see cref="Provinces"/>, each province followed by its children.</summary>
    public static IReadOnlyList<Region> RegionsInOrder(PlaceDirectory places, PolicySnapshot snapshot) =>
        [.. Provinces(places, snapshot).SelectMany(p => p.Children.Select(c => c.Region).Prepend(p.Region))];
}
