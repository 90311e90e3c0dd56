using System.Collections.Immutable;

namespace FamilyMutualAid.Rules;

/// <summary>The Chinese label of each code used in list values, by group.</summary>
public sealed record Vocabulary(
    ImmutableDictionary<string, ImmutableDictionary<string, string>> Groups,
    ImmutableDictionary<string, ImmutableArray<string>>? Order = null)
{
    public static Vocabulary Empty { get; } = new(ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty);

    /// <summary>The codes of a group in the order the data lists them.</summary>
    public IEnumerable<(string Code, string Label)> Terms(string group)
    {
        if (!Groups.TryGetValue(group, out var labels))
        {
            return [];
        }
        var order = Order?.GetValueOrDefault(group) is { IsDefault: false } listed ? listed : [.. labels.Keys.Order(StringComparer.Ordinal)];
        return order.Where(labels.ContainsKey).Select(code => (code, labels[code]));
    }

    public bool Has(string group, string code) => Groups.TryGetValue(group, out var codes) && codes.ContainsKey(code);

    public string Label(string group, string code) =>
        Groups.TryGetValue(group, out var codes) && codes.TryGetValue(code, out var label) ? label : code;
}
