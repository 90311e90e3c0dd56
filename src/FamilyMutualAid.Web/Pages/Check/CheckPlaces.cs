using FamilyMutualAid.Rules;

namespace FamilyMutualAid.Web.Pages.Check;

/// <summary>The places a resident can say they are insured in, and what each resolves to for the check.</summary>
public sealed class CheckPlaces
{
    /// <summary>Every place to offer, in list order, as (key, name shown).</summary>
    public static IReadOnlyList<CheckOption> Options(PolicySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return [.. snapshot.Regions.Where(r => r.Level != RegionLevel.National).Select(r => new CheckOption(r.Slug, Describe(snapshot, r)))];
    }

    /// <summary>The place a key names, or null for a key that is not on the list.</summary>
    public static InsuredPlace? Find(PolicySnapshot snapshot, string? key)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (string.IsNullOrWhiteSpace(key) || snapshot.FindRegion(key.Trim()) is not { Level: not RegionLevel.National } region)
        {
            return null;
        }
        var province = snapshot.LineageOf(region.Slug).FirstOrDefault(r => r.Level == RegionLevel.Province) ?? region;
        // One prefecture-level city is one pooling area, and so is each municipality (a province-level 市); of any
        // other province only the province is known.
        var pooling = region.Level == RegionLevel.City || region.Name.EndsWith('市') ? region.Slug : null;
        return new InsuredPlace(region.Slug, region.Name, region.Slug, province.Slug, pooling);
    }

    private static string Describe(PolicySnapshot snapshot, Region region) =>
        region.Level == RegionLevel.City && region.ParentSlug is { } parent && snapshot.FindRegion(parent) is { } province
            ? $"{region.Name}（{province.Name}）"
            : region.Name;
}
