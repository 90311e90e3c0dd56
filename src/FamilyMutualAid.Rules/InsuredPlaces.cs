namespace FamilyMutualAid.Rules;

/// <summary>
/// Where a person is insured, as far as the check can tell: the policy region whose rules apply there, the province it
/// lies in and, when known, its pooling area (统筹地区). Keys are opaque (place codes or region slugs).
/// </summary>
/// <param name="PoolingKey">The pooling area, inferred as one prefecture-level city (or one municipality); null when
/// only the province is known.</param>
public sealed record InsuredPlace(string Key, string Name, string RegionSlug, string ProvinceKey, string? PoolingKey)
{
    /// <summary>The place has sources of its own; otherwise it takes the rules of a place above it.</summary>
    public bool OwnRules { get; init; } = true;

    /// <summary>Another region whose rules may apply instead, no source saying which (see <see cref="Place.UnsettledRegionSlug"/>).</summary>
    public string? UnsettledRegionSlug { get; init; }
}

/// <summary>How two insured places relate, inferred rather than sourced: the result says so.</summary>
public static class InsuredPlaces
{
    /// <summary>
    /// Where the member is insured seen from the sharer: other province when the provinces differ; same region or same
    /// province when both pooling areas are known; null when both are in one province but a pooling area is unknown.
    /// </summary>
    public static MemberLocation? LocationOf(InsuredPlace sharer, InsuredPlace member)
    {
        ArgumentNullException.ThrowIfNull(sharer);
        ArgumentNullException.ThrowIfNull(member);
        if (!string.Equals(sharer.ProvinceKey, member.ProvinceKey, StringComparison.Ordinal))
        {
            return MemberLocation.OtherProvince;
        }
        if (sharer.PoolingKey is null || member.PoolingKey is null)
        {
            return null;
        }
        return string.Equals(sharer.PoolingKey, member.PoolingKey, StringComparison.Ordinal) ? MemberLocation.SameRegion : MemberLocation.SameProvince;
    }

    /// <summary>
    /// Every place the member could be insured seen from the sharer, nearest first: the one <see cref="LocationOf"/>
    /// infers; the same region or the same province when both are in one province but a pooling area is unknown; any,
    /// when the member's place is not known.
    /// </summary>
    public static IReadOnlyList<MemberLocation> PossibleLocations(InsuredPlace sharer, InsuredPlace? member)
    {
        ArgumentNullException.ThrowIfNull(sharer);
        if (member is null)
        {
            return [MemberLocation.SameRegion, MemberLocation.SameProvince, MemberLocation.OtherProvince];
        }
        return LocationOf(sharer, member) is { } known ? [known] : [MemberLocation.SameRegion, MemberLocation.SameProvince];
    }
}
