using System.Collections.Immutable;

namespace FamilyMutualAid.Rules;

/// <summary>A field of an eligibility case that a resident answers (the region and the date are given, not answered).</summary>
public enum CaseField
{
    SharerInsurance,
    SharerStatus,
    SharerBalance,
    Relationship,
    MemberInsurance,
    MemberStatus,
    Location,
    Purpose,
}

/// <summary>
/// How far the check tells a balance apart when its amount is not known: above or not above the region's reserve where
/// one applies, otherwise only whether there is any.
/// </summary>
public enum BalanceRange
{
    /// <summary>More than zero, where no reserve applies.</summary>
    Positive,

    /// <summary>More than the region's reserve.</summary>
    AboveReserve,

    /// <summary>More than zero but not more than the region's reserve.</summary>
    UpToReserve,

    /// <summary>Nothing in the account.</summary>
    Zero,
}

/// <summary>The checks each case field feeds, and a case with one field set to a value of its type.</summary>
public static class CaseFields
{
    private const decimal OneFen = 0.01m;

    private static readonly ImmutableDictionary<CaseField, ImmutableArray<string>> Feeds = new Dictionary<CaseField, ImmutableArray<string>>
    {
        [CaseField.SharerInsurance] = [CheckIds.SharerInsurance],
        [CaseField.SharerStatus] = [CheckIds.SharerStatus],
        [CaseField.SharerBalance] = [CheckIds.SharerBalance, CheckIds.SharerReserve],
        [CaseField.Relationship] = [CheckIds.Relationship],
        [CaseField.MemberInsurance] = [CheckIds.MemberInsurance],
        [CaseField.MemberStatus] = [CheckIds.MemberStatus],
        [CaseField.Location] = [CheckIds.Location],
        [CaseField.Purpose] = [CheckIds.PurposeAllowed, CheckIds.PurposeExcluded],
    }.ToImmutableDictionary();

    /// <summary>The ids of the checks whose outcome the field can change.</summary>
    public static ImmutableArray<string> ChecksOf(CaseField field) =>
        Feeds.TryGetValue(field, out var checks) ? checks : throw new ArgumentOutOfRangeException(nameof(field), field, "not a case field");

    /// <summary>The field a check reads from the case, if any (region_known and disagreement read none).</summary>
    public static CaseField? FieldOf(string checkId) => Feeds.Where(f => f.Value.Contains(checkId)).Select(f => (CaseField?)f.Key).FirstOrDefault();

    /// <summary>The enum type whose members the field takes (<see cref="BalanceRange"/> for the balance).</summary>
    public static Type TypeOf(CaseField field) => field switch
    {
        CaseField.SharerInsurance or CaseField.MemberInsurance => typeof(InsuranceType),
        CaseField.SharerStatus or CaseField.MemberStatus => typeof(InsuranceStatus),
        CaseField.SharerBalance => typeof(BalanceRange),
        CaseField.Relationship => typeof(Relationship),
        CaseField.Location => typeof(MemberLocation),
        CaseField.Purpose => typeof(Purpose),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a case field"),
    };

    /// <summary>The reserve a balance must exceed in a region on a date, if one applies (a positive amount).</summary>
    public static decimal? ReserveOn(PolicySnapshot snapshot, string regionSlug, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Resolve(regionSlug, EligibilityEngine.Keys.ReserveAmount, date)?.Value.Value is NumberValue { Number: > 0 } reserve ? reserve.Number : null;
    }

    /// <summary>
    /// The ranges a balance known to be positive (or, with <paramref name="mayBeZero"/>, not known at all) can be in, as
    /// far as the rules tell them apart: on both sides of the reserve where one applies, else only 有余额; then zero.
    /// </summary>
    public static ImmutableArray<BalanceRange> BalanceRanges(decimal? reserve, bool mayBeZero)
    {
        ImmutableArray<BalanceRange> positive = reserve is { } r && r + OneFen <= Money.MaxYuan
            ? [BalanceRange.AboveReserve, BalanceRange.UpToReserve]
            : [BalanceRange.Positive];
        return mayBeZero ? positive.Add(BalanceRange.Zero) : positive;
    }

    /// <summary>A balance in the range, as the engine is given it: one fen above the reserve, the reserve itself, the most an account holds, or zero.</summary>
    public static decimal BalanceIn(BalanceRange range, decimal? reserve) => range switch
    {
        BalanceRange.Positive => Money.MaxYuan,
        BalanceRange.AboveReserve => reserve is { } r ? r + OneFen : Money.MaxYuan,
        BalanceRange.UpToReserve => reserve ?? throw new ArgumentException("no reserve applies, so no balance is up to it", nameof(reserve)),
        BalanceRange.Zero => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(range), range, "not a balance range"),
    };

    /// <summary>The case with <paramref name="field"/> set to <paramref name="value"/>, a member of the field's type (a balance range with <paramref name="reserve"/>).</summary>
    public static EligibilityCase With(EligibilityCase c, CaseField field, Enum value, decimal? reserve = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(value);
        return (field, value) switch
        {
            (CaseField.SharerInsurance, InsuranceType v) => c with { Sharer = c.Sharer with { Insurance = v } },
            (CaseField.SharerStatus, InsuranceStatus v) => c with { Sharer = c.Sharer with { Status = v } },
            (CaseField.SharerBalance, BalanceRange v) => c with { Sharer = c.Sharer with { Balance = BalanceIn(v, reserve) } },
            (CaseField.Relationship, Relationship v) => c with { Member = c.Member with { Relationship = v } },
            (CaseField.MemberInsurance, InsuranceType v) => c with { Member = c.Member with { Insurance = v } },
            (CaseField.MemberStatus, InsuranceStatus v) => c with { Member = c.Member with { Status = v } },
            (CaseField.Location, MemberLocation v) => c with { Member = c.Member with { Location = v } },
            (CaseField.Purpose, Purpose v) => c with { Purpose = v },
            _ => throw new ArgumentException($"{value.GetType().Name}.{value} is not a value of {field}", nameof(value)),
        };
    }
}
