using System.Collections.Immutable;

namespace FamilyMutualAid.Rules;

/// <summary>A case field the resident does not know, with every value it could take, in order; the first is the one the case shown takes.</summary>
public sealed record UnknownField
{
    private UnknownField(CaseField field, ImmutableArray<Enum> values)
    {
        if (values.IsDefaultOrEmpty)
        {
            throw new ArgumentException("an unknown field can take at least one value", nameof(values));
        }
        (Field, Values) = (field, values);
    }

    public CaseField Field { get; }

    /// <summary>Members of the field's type (<see cref="CaseFields.TypeOf"/>).</summary>
    public ImmutableArray<Enum> Values { get; }

    public static UnknownField SharerInsurance(params InsuranceType[] values) => new(CaseField.SharerInsurance, [.. values.Cast<Enum>()]);

    public static UnknownField SharerStatus(params InsuranceStatus[] values) => new(CaseField.SharerStatus, [.. values.Cast<Enum>()]);

    public static UnknownField SharerBalance(params BalanceRange[] values) => new(CaseField.SharerBalance, [.. values.Cast<Enum>()]);

    public static UnknownField Relationship(params Relationship[] values) => new(CaseField.Relationship, [.. values.Cast<Enum>()]);

    public static UnknownField MemberInsurance(params InsuranceType[] values) => new(CaseField.MemberInsurance, [.. values.Cast<Enum>()]);

    public static UnknownField MemberStatus(params InsuranceStatus[] values) => new(CaseField.MemberStatus, [.. values.Cast<Enum>()]);

    public static UnknownField Location(params MemberLocation[] values) => new(CaseField.Location, [.. values.Cast<Enum>()]);

    public static UnknownField Purpose(params Purpose[] values) => new(CaseField.Purpose, [.. values.Cast<Enum>()]);
}

/// <summary>What one unknown field does to the case: the result for each value it could take, the other unknown fields at their first value.</summary>
public sealed record FieldEffect(UnknownField Unknown, ImmutableArray<(Enum Value, EligibilityResult Result)> Outcomes)
{
    public CaseField Field => Unknown.Field;

    /// <summary>The verdict differs between the values the field could take.</summary>
    public bool Matters { get; } = Outcomes.Select(o => o.Result.Verdict).Distinct().Count() > 1;
}

/// <summary>
/// A partly known case evaluated over every value its unknown fields could take: the case shown (each unknown field at
/// its first value) with its trace, the verdict if every combination agrees (otherwise needs-check) at the least sure
/// certainty of any, and per unknown field whether it matters and the outcome for each of its values.
/// </summary>
public sealed record CaseExpansion(EligibilityCase Case, EligibilityResult Result, ImmutableArray<FieldEffect> Effects)
{
    /// <summary>The verdict depends on a field the resident does not know.</summary>
    public bool DependsOnUnknowns => Effects.Any(e => e.Matters);

    /// <summary>The effect of the unknown field that feeds a check, if any.</summary>
    public FieldEffect? EffectOn(EligibilityCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return Effects.FirstOrDefault(e => CaseFields.ChecksOf(e.Field).Contains(check.Id));
    }

    /// <summary>Evaluates <paramref name="known"/> with each of <paramref name="unknowns"/> (their values in it are ignored) at every value it could take.</summary>
    public static CaseExpansion Evaluate(PolicySnapshot snapshot, EligibilityCase known, IReadOnlyList<UnknownField> unknowns)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(unknowns);
        if (unknowns.GroupBy(u => u.Field).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"{twice.Key} is unknown twice", nameof(unknowns));
        }
        var reserve = unknowns.Any(u => u.Field == CaseField.SharerBalance) ? CaseFields.ReserveOn(snapshot, known.RegionSlug, known.AsOf) : null;
        EligibilityCase At(EligibilityCase c, UnknownField u, Enum value) => CaseFields.With(c, u.Field, value, reserve);

        var shown = unknowns.Aggregate(known, (c, u) => At(c, u, u.Values[0]));
        IEnumerable<EligibilityCase> combinations = [shown];
        foreach (var unknown in unknowns)
        {
            combinations = combinations.SelectMany(c => unknown.Values.Select(v => At(c, unknown, v))).ToList();
        }
        // The first combination is the case shown: its result is the trace.
        var results = combinations.Select(c => EligibilityEngine.Evaluate(snapshot, c)).ToList();
        var verdicts = results.Select(r => r.Verdict).Distinct().ToList();
        var effects = unknowns.Select(u => new FieldEffect(u, [.. u.Values.Select(v => (v, EligibilityEngine.Evaluate(snapshot, At(shown, u, v))))]));
        return new(
            shown,
            results[0] with { Verdict = verdicts.Count == 1 ? verdicts[0] : Verdict.NeedsCheck, Certainty = results.Max(r => r.Certainty) },
            [.. effects]);
    }
}
