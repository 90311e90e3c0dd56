using System.Collections.Immutable;

namespace FamilyMutualAid.Rules;

/// <summary>What the product does with two sources that disagree.</summary>
public enum Resolution
{
    /// <summary>A later, more official source settles it: follow that claim.</summary>
    Follow,

    /// <summary>Nothing settles it: tell the reader to check locally.</summary>
    CheckLocally,
}

/// <summary>One side of a disagreement.</summary>
public sealed record Claim(string Text, ImmutableArray<string> SourceIds);

/// <summary>
/// What the product decides about a disagreement for a period (both ends included; open when null). The rule: the
/// later and more official source wins (follow it), otherwise check locally.
/// </summary>
public sealed record DisagreementDecision(DateOnly? From, DateOnly? Until, Resolution Resolution, int? Follow, string Reason)
{
    public bool Covers(DateOnly date) => (From is null || date >= From) && (Until is null || date <= Until);
}

/// <summary>Sources that say different things about the same question, with a decision per period; outside every period it does not apply.</summary>
public sealed record Disagreement(
    string Id,
    string RegionSlug,
    string Topic,
    string? ParameterKey,
    ImmutableArray<Claim> Claims,
    ImmutableArray<DisagreementDecision> Decisions)
{
    /// <summary>
    /// The codes of the parameter's vocabulary the claims disagree about (e.g. [pharmacy] for allowed_uses);
    /// empty when the disagreement concerns the whole parameter.
    /// </summary>
    public ImmutableArray<string> Codes { get; init; } = [];

    /// <summary>Whether the disagreement concerns this code of its parameter (any code when it names none).</summary>
    public bool Concerns(string? code) => Codes.IsDefaultOrEmpty || (code is not null && Codes.Contains(code, StringComparer.Ordinal));

    /// <summary>The decision for the period that covers the date, or null when the disagreement does not apply then.</summary>
    public DisagreementDecision? DecisionOn(DateOnly date)
    {
        foreach (var decision in Decisions.IsDefault ? [] : Decisions)
        {
            if (decision.Covers(date))
            {
                return decision;
            }
        }
        return null;
    }

    /// <summary>Whether, on the date, the disagreement is open (check locally) for this code.</summary>
    public bool IsOpenOn(DateOnly date, string? code) => Concerns(code) && DecisionOn(date) is { Resolution: Resolution.CheckLocally };

    /// <summary>Whether, on the date, a decision to follow one claim settles it for this code.</summary>
    public bool IsSettledOn(DateOnly date, string? code) => Concerns(code) && DecisionOn(date) is { Resolution: Resolution.Follow };

    /// <summary>The claim a follow decision follows, or null.</summary>
    public Claim? FollowedClaim(DisagreementDecision? decision) =>
        decision is { Resolution: Resolution.Follow, Follow: int index } && index >= 0 && index < Claims.Length ? Claims[index] : null;

    /// <summary>The decision in force latest: the open-ended one, else the one that ends last.</summary>
    public DisagreementDecision? Latest => Decisions.IsDefaultOrEmpty ? null
        : Decisions.OrderBy(d => d.Until ?? DateOnly.MaxValue).ThenBy(d => d.From ?? DateOnly.MinValue).Last();
}
