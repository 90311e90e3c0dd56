using FamilyMutualAid.Rules;

namespace FamilyMutualAid.Web.Policy;

/// <summary>Where to apply or check, as the data says it (the where_to_ask parameter), with its footnotes.</summary>
public sealed record WhereToAsk(string Text, bool Unconfirmed, IReadOnlyList<(int Number, Source Source)> Citations)
{
    public const string Key = "where_to_ask";

    /// <summary>The value in force for <paramref name="regionSlug"/> (its own or inherited), citing its sources in <paramref name="footnotes"/>; null when the data has none.</summary>
    public static WhereToAsk? Of(PolicySnapshot snapshot, Footnotes footnotes, string regionSlug, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(footnotes);
        return snapshot.Resolve(regionSlug, Key, date) is { Value.Value: TextValue { Text: var text } } value
            ? new(text, value.Value.Unconfirmed, footnotes.Cite(value.Value.SourceIds))
            : null;
    }
}
