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

/// <summary>Sources that say different things about the same question.</summary>
public sealed record Disagreement(
    string Id,
    string RegionSlug,
    string Topic,
    string? ParameterKey,
    ImmutableArray<Claim> Claims,
    Resolution Resolution,
    int? Follow,
    string Reason)
{
    /// <summary>
    /// The codes of the parameter's vocabulary the claims disagree about (e.g. [pharmacy] for allowed_uses);
    /// empty when the disagreement concerns the whole parameter.
    /// </summary>
    public ImmutableArray<string> Codes { get; init; } = [];

    /// <summary>Whether the disagreement concerns this code of its parameter (any code when it names none).</summary>
    public bool Concerns(string? code) => Codes.IsDefaultOrEmpty || (code is not null && Codes.Contains(code, StringComparer.Ordinal));

    public Claim? FollowedClaim => Resolution == Resolution.Follow && Follow is int index && index >= 0 && index < Claims.Length
        ? Claims[index]
        : null;
}
