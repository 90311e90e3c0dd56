using System.Collections.Immutable;

namespace FamilyMutualAid.Rules;

/// <summary>One period of a case's answer: from <see cref="From"/> until the next period, the engine said this.</summary>
public sealed record TimelinePeriod(DateOnly From, Verdict Verdict, Certainty Certainty, EligibilityResult Result);

/// <summary>
/// How the answer to one case changed over time: the engine evaluated on every date where a rule it reads, or a
/// decision on a disagreement about one, begins or ends, up to the case's date; consecutive dates with the same verdict
/// and certainty are one period. Pure: the dates come from the data, never from a clock.
/// </summary>
public static class CaseTimeline
{
    /// <summary>The engine's keys, the rules whose dates can change an answer.</summary>
    private static readonly ImmutableArray<string> Keys =
    [
        EligibilityEngine.Keys.SharerInsurance, EligibilityEngine.Keys.SharerNormalStatusRequired, EligibilityEngine.Keys.SharerPositiveBalanceRequired,
        EligibilityEngine.Keys.ReserveAmount, EligibilityEngine.Keys.MemberInsurance, EligibilityEngine.Keys.MemberNormalStatusRequired,
        EligibilityEngine.Keys.Relatives, EligibilityEngine.Keys.AllowedUses, EligibilityEngine.Keys.ExcludedUses, EligibilityEngine.Keys.SharingScope,
    ];

    /// <summary>The periods of the case's answer, oldest first, the last one holding on the case's date.</summary>
    public static IReadOnlyList<TimelinePeriod> Of(PolicySnapshot snapshot, EligibilityCase c)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(c);
        var periods = new List<TimelinePeriod>();
        foreach (var date in BoundaryDates(snapshot, c.RegionSlug).Where(d => d <= c.AsOf).Append(c.AsOf).Distinct().Order())
        {
            var result = EligibilityEngine.Evaluate(snapshot, c with { AsOf = date });
            if (periods.Count == 0 || periods[^1].Verdict != result.Verdict || periods[^1].Certainty != result.Certainty)
            {
                periods.Add(new(date, result.Verdict, result.Certainty, result));
            }
        }
        // Before the first rule of all there is nothing to say: the first period starts where the data starts.
        return periods;
    }

    /// <summary>Every date where a rule the engine reads, for the region or an ancestor, begins or ends (the day after its last day).</summary>
    public static IReadOnlyList<DateOnly> BoundaryDates(PolicySnapshot snapshot, string regionSlug)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var dates = new SortedSet<DateOnly>();
        foreach (var region in snapshot.LineageOf(regionSlug))
        {
            foreach (var key in Keys)
            {
                foreach (var value in snapshot.FindParameter(region.Slug, key)?.Values ?? [])
                {
                    dates.Add(value.From);
                    if (value.Until is { } until && until < DateOnly.MaxValue)
                    {
                        dates.Add(until.AddDays(1));
                    }
                }
            }
        }
        foreach (var disagreement in snapshot.DisagreementsFor(regionSlug).Where(d => d.ParameterKey is { } key && Keys.Contains(key)))
        {
            foreach (var decision in disagreement.Decisions)
            {
                if (decision.From is { } from)
                {
                    dates.Add(from);
                }
                if (decision.Until is { } until && until < DateOnly.MaxValue)
                {
                    dates.Add(until.AddDays(1));
                }
            }
        }
        return [.. dates];
    }
}
