using System.Collections.Immutable;
using FamilyMutualAid.Rules;
using YamlDotNet.RepresentationModel;

namespace FamilyMutualAid.Web.Content;

/// <summary>A vocabulary group (seeds/vocabulary.yaml): codes with their Chinese labels, in the order choices are offered.</summary>
public sealed class VocabularyKind : RecordKind
{
    internal VocabularyKind()
        : base("vocabulary")
    {
    }

    public static List<VocabularyGroup> In(ImportSet set) => set.VocabularyGroups;

    public override IEnumerable<StoredRecord> Store(ImportSet records) => Stored(In(records), g => g.Group, _ => null);

    public override void Load(ImportSet records, string payload) => In(records).Add(Payloads.Deserialize<VocabularyGroup>(payload));

    internal static void Read(ImportSet set, YamlFields y, YamlScalarNode key, YamlNode node)
    {
        var group = y.Identifier(key, "group");
        var map = y.Mapping(node, key.Value ?? "");
        if (group is null || map is null)
        {
            return;
        }
        var labels = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var order = ImmutableArray.CreateBuilder<string>();
        foreach (var (codeNode, labelNode) in YamlFields.Entries(map))
        {
            var code = y.Identifier(codeNode, "code");
            if (code is not null && labelNode is YamlScalarNode { Value: { Length: > 0 } label })
            {
                labels[code] = label;
                order.Add(code);
            }
            else if (code is not null)
            {
                y.Problem(labelNode, code, "expected a label");
            }
        }
        set.VocabularyGroups.RemoveAll(g => g.Group == group);
        set.VocabularyGroups.Add(new(group, labels.ToImmutable(), order.ToImmutable()));
    }

    internal static YamlMappingNode Write(Vocabulary vocabulary, string group)
    {
        var map = YamlOut.Mapping();
        foreach (var code in Codes(vocabulary, group))
        {
            map.AddField(code, vocabulary.Groups[group][code]);
        }
        return map;
    }

    /// <summary>The codes of a group in the data's order, then any labelled code the order leaves out (ordinal), each once.</summary>
    public static ImmutableArray<string> Codes(Vocabulary vocabulary, string group)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var labels = vocabulary.Groups.GetValueOrDefault(group) ?? ImmutableDictionary<string, string>.Empty;
        var listed = vocabulary.Order?.GetValueOrDefault(group) is { IsDefault: false } order ? order : [];
        return [.. listed.Where(labels.ContainsKey).Concat(labels.Keys.Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal)];
    }

    internal static Vocabulary AsWritten(Vocabulary vocabulary) => new(
        vocabulary.Groups,
        vocabulary.Groups.Keys.ToImmutableDictionary(group => group, group => Codes(vocabulary, group), StringComparer.Ordinal));
}
