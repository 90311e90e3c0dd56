using System.Collections.Immutable;

namespace FamilyMutualAid.Rules;

/// <summary>Whether a province had opened cross-province sharing through the 医保钱包, as the dated lists say.</summary>
public enum WalletStatus
{
    /// <summary>No list in force says anything about the province.</summary>
    Unknown,

    /// <summary>A list names the province as not yet open (inferred from its absence).</summary>
    NotYet,

    /// <summary>Some pooling areas are open; which ones, the lists do not say.</summary>
    SomeAreas,

    /// <summary>The whole province is open.</summary>
    WholeArea,
}

/// <summary>A province's wallet status on a date, the values it rests on, and whether sources disagree about it.</summary>
public sealed record WalletSide(Region Province, WalletStatus Status, bool Unconfirmed, ImmutableArray<DatedValue> Values, Disagreement? OpenDisagreement);

/// <summary>
/// Reads the wallet parameters (<see cref="SomeAreasKey"/>, <see cref="WholeAreaKey"/>) of the province a place lies in.
/// Both sides' pooling areas must be open for a transfer, so a case needs both sides.
/// </summary>
public static class WalletAvailability
{
    public const string SomeAreasKey = "wallet_some_areas";
    public const string WholeAreaKey = "wallet_whole_area";

    /// <summary>The province-level region of a region (itself when it is one), or null for the national root.</summary>
    public static Region? ProvinceOf(PolicySnapshot snapshot, string regionSlug)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.LineageOf(regionSlug).FirstOrDefault(r => r.Level == RegionLevel.Province);
    }

    public static WalletSide? On(PolicySnapshot snapshot, string regionSlug, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (ProvinceOf(snapshot, regionSlug) is not { } province)
        {
            return null;
        }
        var whole = snapshot.Resolve(province.Slug, WholeAreaKey, date);
        var some = snapshot.Resolve(province.Slug, SomeAreasKey, date);
        var (status, deciding) = (whole?.Value.Value, some?.Value.Value) switch
        {
            (FlagValue { Flag: true }, _) => (WalletStatus.WholeArea, whole),
            (_, FlagValue { Flag: true }) => (WalletStatus.SomeAreas, some),
            (_, FlagValue { Flag: false }) => (WalletStatus.NotYet, some),
            (FlagValue { Flag: false }, _) => (WalletStatus.SomeAreas, whole),
            _ => (WalletStatus.Unknown, (EffectiveValue?)null),
        };
        // "Not the whole province" alone says nothing about any area being open: without a list naming some areas it stays unknown.
        if (status == WalletStatus.SomeAreas && deciding == whole && some is null)
        {
            status = WalletStatus.Unknown;
        }
        ImmutableArray<DatedValue> values = [.. new[] { whole, some }.OfType<EffectiveValue>().Select(e => e.Value)];
        var open = snapshot.DisagreementsAbout(province.Slug, SomeAreasKey).FirstOrDefault(d => d.IsOpenOn(date, null));
        return new(province, status, deciding?.Value.Unconfirmed ?? true, values, open);
    }
}
