using System.Collections.Immutable;

namespace FamilyMutualAid.Rules;

/// <summary>The Chinese label of each code used in list values, by group.</summary>
public sealed record Vocabulary(ImmutableDictionary<string, ImmutableDictionary<string, string>> Groups)
{
    public static Vocabulary Empty { get; } = new(ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty);

    public bool Has(string group, string code) => Groups.TryGetValue(group, out var codes) && codes.ContainsKey(code);

    public string Label(string group, string code) =>
        Groups.TryGetValue(group, out var codes) && codes.TryGetValue(code, out var label) ? label : code;
}
