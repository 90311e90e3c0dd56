using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Content;

namespace FamilyMutualAid.Web.Publishing;

/// <summary>
/// Compares two snapshots record by record, each record as its stored JSON payload (so every field counts, lists in
/// order); records are matched by key, as the importer matches them.
/// </summary>
public static class SnapshotDifferences
{
    /// <summary>One line per record that is missing, extra or different, e.g. "parameter shanghai/relatives differs: …".</summary>
    public static IReadOnlyList<string> Between(PolicySnapshot expected, PolicySnapshot actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var differences = new List<string>();
        Compare(differences, "region", expected.Regions, actual.Regions, r => r.Slug);
        Compare(differences, "source", expected.Sources, actual.Sources, s => s.Id);
        Compare(differences, "definition", expected.Definitions, actual.Definitions, d => d.Key);
        Compare(differences, "parameter", expected.Parameters, actual.Parameters, p => $"{p.RegionSlug}/{p.Key}");
        Compare(differences, "disagreement", expected.Disagreements, actual.Disagreements, d => $"{d.RegionSlug}/{d.Id}");
        Compare(differences, "page", expected.Pages, actual.Pages, p => $"{p.RegionSlug}/{p.Key}");
        Compare(differences, "vocabulary", Groups(expected.Vocabulary), Groups(actual.Vocabulary), g => g.Group);
        return differences;
    }

    /// <summary>Labels sorted by code, so two equal groups compare equal whatever order their dictionaries enumerate in.</summary>
    private static IEnumerable<ComparableGroup> Groups(Vocabulary vocabulary) =>
        vocabulary.Groups.Select(group => new ComparableGroup(
            group.Key,
            [.. group.Value.OrderBy(label => label.Key, StringComparer.Ordinal).Select(label => $"{label.Key}={label.Value}")],
            vocabulary.Order?.GetValueOrDefault(group.Key) is { IsDefault: false } order ? [.. order] : []));

    private static void Compare<T>(List<string> differences, string kind, IEnumerable<T> expected, IEnumerable<T> actual, Func<T, string> key)
    {
        var want = ByKey(expected, key);
        var got = ByKey(actual, key);
        foreach (var (id, payloads) in want.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            if (!got.TryGetValue(id, out var other))
            {
                differences.Add($"{kind} {id} is missing");
            }
            else if (!payloads.SequenceEqual(other, StringComparer.Ordinal))
            {
                differences.Add($"{kind} {id} differs: expected {string.Join(" | ", payloads)} but found {string.Join(" | ", other)}");
            }
        }
        differences.AddRange(got.Keys.Where(id => !want.ContainsKey(id)).Order(StringComparer.Ordinal).Select(id => $"{kind} {id} is unexpected"));
    }

    private static Dictionary<string, List<string>> ByKey<T>(IEnumerable<T> records, Func<T, string> key) =>
        records.GroupBy(key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(record => Payloads.Serialize(record)).ToList(), StringComparer.Ordinal);

    private sealed record ComparableGroup(string Group, IReadOnlyList<string> Labels, IReadOnlyList<string> Order);
}
