using FamilyMutualAid.Rules;
using YamlDotNet.RepresentationModel;

namespace FamilyMutualAid.Web.Content;

/// <summary>A parameter's definition (seeds/parameters.yaml): its label, type, vocabulary and unit, keyed by the parameter.</summary>
public sealed class DefinitionKind : RecordKind
{
    internal DefinitionKind()
        : base("definition")
    {
    }

    public static List<ParameterDefinition> In(ImportSet set) => set.Definitions;

    public override IEnumerable<StoredRecord> Store(ImportSet records) => Stored(In(records), d => d.Key, _ => null);

    public override void Load(ImportSet records, string payload) => In(records).Add(Content.Payloads.Deserialize<ParameterDefinition>(payload));

    /// <summary>Reads one entry of parameters.yaml; the vocabulary must be read first, as a definition names its group.</summary>
    internal static void Read(ImportSet set, YamlFields y, YamlScalarNode key, YamlNode node)
    {
        var name = y.Identifier(key, "parameter");
        var map = y.Mapping(node, key.Value ?? "");
        if (name is null || map is null)
        {
            return;
        }
        y.RejectUnknownFields(map, "label", "type", "vocabulary", "unit");
        var label = y.RequiredString(map, "label");
        var type = y.RequiredEnum<ParameterType>(map, "type");
        var vocabulary = y.OptionalString(map, "vocabulary");
        if (vocabulary is not null && !set.VocabularyGroups.Any(g => g.Group == vocabulary))
        {
            y.Problem(YamlFields.Child(map, "vocabulary")!, "vocabulary", $"unknown vocabulary group '{vocabulary}'");
        }
        if (label is not null && type is not null)
        {
            set.Definitions.Add(new(name, label, type.Value, vocabulary, y.OptionalString(map, "unit")));
        }
    }

    internal static YamlMappingNode Write(ParameterDefinition definition)
    {
        var map = YamlOut.Mapping();
        map.AddField("label", definition.Label);
        map.AddField("type", Codes.Of(definition.Type));
        map.AddOptionalField("vocabulary", definition.Vocabulary);
        map.AddOptionalField("unit", definition.Unit);
        return map;
    }

    internal static ParameterDefinition AsWritten(ParameterDefinition definition) =>
        definition with { Label = Written.Required(definition.Label), Vocabulary = Written.Optional(definition.Vocabulary), Unit = Written.Optional(definition.Unit) };
}
