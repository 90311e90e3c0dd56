using System.Collections.Immutable;

namespace FamilyMutualAid.Rules;

/// <summary>
/// Which case fields can change the checks they feed in a region on a date, found by probing the engine: a field
/// matters when some value of it changes one of its checks (e.g. where no status requirement is set, status does not).
/// </summary>
public sealed class QuestionRelevance
{
    private const decimal OneFen = 0.01m;

    private readonly ImmutableHashSet<CaseField> _idle;

    private QuestionRelevance(ImmutableHashSet<CaseField> idle, bool amountMatters) => (_idle, AmountMatters) = (idle, amountMatters);

    /// <summary>Every field matters: the region is not known, so nothing can be ruled out.</summary>
    public static QuestionRelevance All { get; } = new([], true);

    /// <summary>Whether any value of the field can change a check it feeds.</summary>
    public bool Matters(CaseField field) => !_idle.Contains(field);

    /// <summary>Whether the amount of a positive balance can change a check (it can only against a reserve).</summary>
    public bool AmountMatters { get; }

    /// <summary>
    /// Probes the engine with a case that passes where anything does, one field changed at a time; <see cref="All"/> for
    /// a region not in the snapshot. Only <paramref name="fields"/> are probed (all when null): the others count as mattering.
    /// </summary>
    public static QuestionRelevance For(PolicySnapshot snapshot, string? regionSlug, DateOnly date, IReadOnlySet<CaseField>? fields = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (regionSlug is null || snapshot.FindRegion(regionSlug) is null)
        {
            return All;
        }
        var baseline = new EligibilityCase(regionSlug, date, new Sharer(InsuranceType.Employee, InsuranceStatus.Normal, Money.MaxYuan),
            new Member(Relationship.Spouse, InsuranceType.Resident, InsuranceStatus.Normal, MemberLocation.SameRegion), Purpose.Hospital);
        var expected = EligibilityEngine.Evaluate(snapshot, baseline);
        bool Changes(CaseField field, EligibilityCase probe)
        {
            var checks = CaseFields.ChecksOf(field);
            return !Outcomes(expected, checks).SequenceEqual(Outcomes(EligibilityEngine.Evaluate(snapshot, probe), checks));
        }

        var idle = ImmutableHashSet.CreateBuilder<CaseField>();
        bool Probed(CaseField field) => fields is null || fields.Contains(field);
        foreach (var field in Enum.GetValues<CaseField>().Where(f => f != CaseField.SharerBalance && Probed(f)))
        {
            if (!Enum.GetValues(CaseFields.TypeOf(field)).Cast<Enum>().Any(v => Changes(field, CaseFields.With(baseline, field, v))))
            {
                idle.Add(field);
            }
        }
        // A balance is tried at nothing and at one fen (the baseline holds the most an account can): one fen against the
        // baseline is also whether the amount matters, which only a reserve can make it.
        var oneFen = baseline with { Sharer = baseline.Sharer with { Balance = OneFen } };
        var amountMatters = Outcomes(expected, [CheckIds.SharerReserve]).SequenceEqual(Outcomes(EligibilityEngine.Evaluate(snapshot, oneFen), [CheckIds.SharerReserve])) is false;
        if (!amountMatters && Probed(CaseField.SharerBalance) && !Changes(CaseField.SharerBalance, baseline with { Sharer = baseline.Sharer with { Balance = 0 } }))
        {
            idle.Add(CaseField.SharerBalance);
        }
        return new(idle.ToImmutable(), amountMatters);
    }

    private static IEnumerable<(string, CheckOutcome, CheckReason, Certainty)> Outcomes(EligibilityResult result, ImmutableArray<string> checks) =>
        result.Checks.Where(k => checks.Contains(k.Id)).Select(k => (k.Id, k.Outcome, k.Reason, k.Certainty));
}
