namespace FamilyMutualAid.Rules;

/// <summary>Where the relative settles the bill; the same codes as the <see cref="Purpose"/> vocabulary.</summary>
public enum Venue
{
    /// <summary>A designated medical institution (定点医疗机构).</summary>
    Hospital,

    /// <summary>A designated retail pharmacy (定点零售药店).</summary>
    Pharmacy,
}

/// <summary>
/// One bill to split: the relative's self-pay part at a venue, the relative's own personal-account balance (0 for
/// resident insurance), the sharer's balance and how much the sharer has already shared this year. Amounts in yuan;
/// the API and pages let in only what <see cref="Money"/> accepts (whole fen, not negative, at most its maximum).
/// </summary>
public sealed record FundUsageCase(
    string RegionSlug,
    DateOnly AsOf,
    Venue Venue,
    decimal SelfPay,
    decimal MemberOwnBalance,
    decimal SharerBalance,
    decimal SharedThisYear);
