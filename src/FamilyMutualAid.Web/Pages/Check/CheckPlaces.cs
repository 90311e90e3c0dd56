using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Policy;

namespace FamilyMutualAid.Web.Pages.Check;

/// <summary>
/// The places a resident can say they are insured in (every province, city and municipal district), what each
/// resolves to for the check, and what a typed name or pinyin matches. Keys are GB/T 2260 codes, or a region slug
/// for a place without one (兵团) and for links from region pages.
/// </summary>
public sealed class CheckPlaces(PolicySnapshot snapshot, PlaceDirectory places)
{
    private readonly PublishedViews? _views;

    /// <summary>Places for the snapshot of <paramref name="views"/>, keeping what depends only on it there (see <see cref="Relevance"/>).</summary>
    public CheckPlaces(PublishedViews views, PlaceDirectory places)
        : this((views ?? throw new ArgumentNullException(nameof(views))).Snapshot, places)
    {
        _views = views;
    }

    /// <summary>How many matches a typed name offers to choose from.</summary>
    public const int MaxMatches = 10;

    public PolicySnapshot Snapshot { get; } = snapshot;

    /// <summary>
    /// Which questions matter in a region on <paramref name="date"/> (<see cref="CheckRelevance.For"/>, nine engine
    /// evaluations): worked out once per snapshot and region for <paramref name="today"/>, and per request for another
    /// date (an asOf in the address: not kept, there are too many).
    /// </summary>
    public CheckRelevance Relevance(string? regionSlug, DateOnly date, DateOnly today) =>
        _views is not null && date == today && regionSlug is not null && Snapshot.FindRegion(regionSlug) is { } region
            ? _views.Get(today, new RelevanceKey(region), (published, key) => CheckRelevance.For(published, key.Region.Slug, today))
            : CheckRelevance.For(Snapshot, regionSlug, date);

    /// <summary>A view that depends only on the snapshot and <paramref name="key"/>: kept with the snapshot's views, built per call without them.</summary>
    internal TView Timeless<TKey, TView>(TKey key, Func<PolicySnapshot, TKey, TView> build)
        where TKey : notnull
        where TView : class =>
        _views is not null ? _views.Get(key, build) : build(Snapshot, key);

    private sealed record RelevanceKey(Region Region);

    private sealed record InsuredPlaceKey(PlaceDirectory Directory, Place Place);

    private sealed record Resolved(InsuredPlace? Place);

    /// <summary>The place a key names, or null for a key that names none (what it resolves to is kept per snapshot and place).</summary>
    public InsuredPlace? Find(string? key) =>
        PlaceOf(key) is { } place ? Timeless(new InsuredPlaceKey(places, place), (_, k) => new Resolved(Resolve(k.Place))).Place : null;

    private InsuredPlace? Resolve(Place place)
    {
        if (places.RulesFor(place, Snapshot) is not { } rules)
        {
            return null;
        }
        var province = places.ProvinceOf(place);
        return new InsuredPlace(KeyOf(place), Describe(place), rules.Region.Slug, KeyOf(province), PoolingKey(place)) { OwnRules = rules.OwnRules, UnsettledRegionSlug = place.UnsettledRegionSlug };
    }

    /// <summary>The places a typed text may mean: the one it names exactly, else those a search finds.</summary>
    public IReadOnlyList<CheckOption> Match(string? text)
    {
        var typed = text?.Trim() ?? "";
        if (Find(typed) is { } byKey)
        {
            return [new(byKey.Key, byKey.Name)];
        }
        var exact = places.Places.Where(p => Describe(p) == typed || p.Name == typed).ToList();
        if (exact.Count == 1 && places.RulesFor(exact[0], Snapshot) is not null)
        {
            return [new(KeyOf(exact[0]), Describe(exact[0]))];
        }
        return [.. places.Search(typed, MaxMatches).Where(m => places.RulesFor(m.Place, Snapshot) is not null).Select(m => new CheckOption(KeyOf(m.Place), Describe(m.Place)))];
    }

    private Place? PlaceOf(string? key)
    {
        var trimmed = key?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        return places.Find(trimmed) ?? (Snapshot.FindRegion(trimmed) is { Level: not RegionLevel.National } ? places.ForRegion(trimmed) : null);
    }

    private static string KeyOf(Place place) => place.Code ?? place.RegionSlug ?? place.Name;

    private string Describe(Place place)
    {
        var province = places.ProvinceOf(place);
        return ReferenceEquals(province, place) ? place.Name : $"{place.Name} · {province.Name}";
    }

    /// <summary>
    /// One prefecture-level city (or county-level unit a province runs directly) is one pooling area, and so is each
    /// municipality with its districts; of any other province only the province is known.
    /// </summary>
    private string? PoolingKey(Place place) => place.Level switch
    {
        PlaceLevel.City or PlaceLevel.County => KeyOf(place),
        PlaceLevel.District => place.ParentCode is { } parent && places.Find(parent) is { } municipality ? KeyOf(municipality) : null,
        _ => places.Places.Any(p => p.Level == PlaceLevel.District && p.ParentCode == place.Code) ? KeyOf(place) : null,
    };
}
