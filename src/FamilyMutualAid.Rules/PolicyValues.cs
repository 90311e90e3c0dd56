using System.Collections.Immutable;

namespace FamilyMutualAid.Rules;

/// <summary>The shape a policy parameter's values take.</summary>
public enum ParameterType
{
    List,
    Number,
    Text,
    Flag,
}

/// <summary>What a named policy parameter means and how its values look.</summary>
public sealed record ParameterDefinition(string Key, string Label, ParameterType Type, string? Vocabulary, string? Unit);

/// <summary>One value of a policy parameter: a list of codes, a number, a text or a flag.</summary>
public abstract record PolicyValue
{
    public abstract ParameterType Type { get; }
}

/// <summary>What the sources say about one code of a list rule.</summary>
public enum CodeState
{
    /// <summary>No source in force on the date addresses the code: unknown, never a no.</summary>
    NotStated,

    /// <summary>A source says the code is allowed (listed).</summary>
    Allowed,

    /// <summary>A source explicitly excludes the code, or sets a requirement it does not meet.</summary>
    Excluded,
}

/// <summary>
/// A list rule, e.g. the relatives in scope: the codes the sources allow (<see cref="Items"/>) and those they
/// explicitly exclude (<see cref="Excluded"/>); any other code is not stated.
/// </summary>
public sealed record ListValue(ImmutableArray<string> Items) : PolicyValue
{
    public override ParameterType Type => ParameterType.List;

    public ImmutableArray<string> Excluded { get; init; } = [];

    public bool Contains(string code) => Items.Contains(code, StringComparer.Ordinal);

    public CodeState StateOf(string code) =>
        Contains(code) ? CodeState.Allowed
        : !Excluded.IsDefault && Excluded.Contains(code, StringComparer.Ordinal) ? CodeState.Excluded
        : CodeState.NotStated;

    public bool Equals(ListValue? other) =>
        other is not null && Items.SequenceEqual(other.Items, StringComparer.Ordinal) && ExcludedOrEmpty.SequenceEqual(other.ExcludedOrEmpty, StringComparer.Ordinal);

    public override int GetHashCode() => Items.Concat(ExcludedOrEmpty).Aggregate(0, (hash, item) => HashCode.Combine(hash, item));

    private ImmutableArray<string> ExcludedOrEmpty => Excluded.IsDefault ? [] : Excluded;
}

/// <summary>An exact amount or share.</summary>
public sealed record NumberValue(decimal Number) : PolicyValue
{
    public override ParameterType Type => ParameterType.Number;
}

/// <summary>A statement in plain Chinese.</summary>
public sealed record TextValue(string Text) : PolicyValue
{
    public override ParameterType Type => ParameterType.Text;
}

/// <summary>A yes/no fact.</summary>
public sealed record FlagValue(bool Flag) : PolicyValue
{
    public override ParameterType Type => ParameterType.Flag;
}

/// <summary>
/// A value from one date, with the sources it rests on. <see cref="From"/> is when it came into force, or with
/// <see cref="Reported"/> only the date of the first source that reports it (it may have begun earlier).
/// </summary>
public sealed record DatedValue(
    DateOnly From,
    DateOnly? Until,
    PolicyValue Value,
    ImmutableArray<string> SourceIds,
    string? Note,
    bool Unconfirmed)
{
    /// <summary>From is the date a source reported the value, not a date it came into force.</summary>
    public bool Reported { get; init; }

    /// <summary>
    /// A national value that each province adopts on its own: where no source says a region has adopted it, what it
    /// changes from the value before it is unknown there (until a later value makes it binding everywhere).
    /// </summary>
    public bool LocalAdoption { get; init; }

    public bool CoversDate(DateOnly date, DateOnly? nextFrom) =>
        date >= From && (Until is null || date <= Until) && (nextFrom is null || date < nextFrom);
}

/// <summary>All dated values a region has for one parameter, oldest first.</summary>
public sealed record PolicyParameter(string RegionSlug, string Key, ImmutableArray<DatedValue> Values, DateOnly? LastVerified)
{
    /// <summary>The value in force on <paramref name="date"/>, or null if none is.</summary>
    public DatedValue? ValueOn(DateOnly date)
    {
        for (var i = Values.Length - 1; i >= 0; i--)
        {
            var nextFrom = i + 1 < Values.Length ? Values[i + 1].From : (DateOnly?)null;
            if (Values[i].CoversDate(date, nextFrom))
            {
                return Values[i];
            }
        }
        return null;
    }

    /// <summary>The value that replaced <paramref name="value"/>, if any.</summary>
    public DatedValue? SuccessorOf(DatedValue value)
    {
        var index = Values.IndexOf(value);
        return index >= 0 && index + 1 < Values.Length ? Values[index + 1] : null;
    }
}
