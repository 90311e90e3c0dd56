using System.Collections.Immutable;
using FamilyMutualAid.Rules;

namespace FamilyMutualAid.Web.Export;

/// <summary>
/// A snapshot as the seed and content files express it, i.e. as the importer would read the exported files back:
/// texts trimmed, blank optional texts absent, page bodies with \n line ends, every labelled vocabulary code in the order.
/// </summary>
public static class PolicyFileForm
{
    public static PolicySnapshot Of(PolicySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new(
            snapshot.Regions.Select(r => r with { Name = Required(r.Name), ParentSlug = Optional(r.ParentSlug) }),
            snapshot.Sources.Select(s => s with
            {
                Title = Required(s.Title),
                File = Optional(s.File),
                Publisher = Optional(s.Publisher),
                DateNote = Optional(s.DateNote),
                Note = Optional(s.Note),
            }),
            snapshot.Definitions.Select(d => d with { Label = Required(d.Label), Vocabulary = Optional(d.Vocabulary), Unit = Optional(d.Unit) }),
            snapshot.Parameters.Select(p => p with
            {
                Values = [.. Items(p.Values).Select(v => v with { Value = Value(v.Value), SourceIds = Items(v.SourceIds), Note = Optional(v.Note) })],
            }),
            snapshot.Disagreements.Select(d => d with
            {
                Topic = Required(d.Topic),
                ParameterKey = Optional(d.ParameterKey),
                Claims = [.. Items(d.Claims).Select(c => new Claim(Required(c.Text), Items(c.SourceIds)))],
                Decisions = [.. Items(d.Decisions).Select(decision => decision with { Reason = Required(decision.Reason) })],
                Codes = Items(d.Codes),
            }),
            snapshot.Pages.Select(p => p with
            {
                Title = Required(p.Title),
                Markdown = p.Markdown.Replace("\r\n", "\n", StringComparison.Ordinal),
                SourceIds = Items(p.SourceIds),
            }),
            new Vocabulary(
                snapshot.Vocabulary.Groups,
                snapshot.Vocabulary.Groups.Keys.ToImmutableDictionary(group => group, group => Codes(snapshot.Vocabulary, group), StringComparer.Ordinal)));
    }

    /// <summary>The codes of a group in the data's order, then any labelled code the order leaves out (ordinal), each once.</summary>
    public static ImmutableArray<string> Codes(Vocabulary vocabulary, string group)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var labels = vocabulary.Groups.GetValueOrDefault(group) ?? ImmutableDictionary<string, string>.Empty;
        var listed = vocabulary.Order?.GetValueOrDefault(group) is { IsDefault: false } order ? order : [];
        return [.. listed.Where(labels.ContainsKey).Concat(labels.Keys.Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal)];
    }

    private static PolicyValue Value(PolicyValue value) => value switch
    {
        ListValue list => new ListValue(Items(list.Items)) { Excluded = Items(list.Excluded) },
        TextValue text => new TextValue(text.Text.Trim()),
        _ => value,
    };

    private static string Required(string text) => text.Trim();

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static ImmutableArray<string> Items(ImmutableArray<string> items) => items.IsDefault ? [] : [.. items.Select(item => item.Trim())];

    private static ImmutableArray<T> Items<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;
}
