using System.Collections.Immutable;
using System.Globalization;
using FamilyMutualAid.Rules;
using YamlDotNet.RepresentationModel;

namespace FamilyMutualAid.Web.Content;

/// <summary>A region's parameter (the parameters section of seeds/policy/&lt;region&gt;.yaml): dated values, each with its sources.</summary>
public sealed class ParameterKind : EditableKind
{
    internal ParameterKind()
        : base("parameter", "parameters", "规则")
    {
    }

    public override bool IsGlobal => false;

    public static List<PolicyParameter> In(ImportSet set) => set.Parameters;

    public override IEnumerable<StoredRecord> Store(ImportSet records) => Stored(In(records), p => $"{p.RegionSlug}/{p.Key}", p => p.RegionSlug);

    public override void Load(ImportSet records, string payload) => In(records).Add(Payloads.Deserialize<PolicyParameter>(payload));

    internal static void Read(ImportSet set, YamlFields y, string region, YamlScalarNode key, YamlNode node)
    {
        var name = y.Identifier(key, "parameter");
        var map = y.Mapping(node, key.Value ?? "");
        if (name is null || map is null)
        {
            return;
        }
        var subject = PolicyValidator.ParameterSubject(region, name);
        set.Locate(subject, "", y.At(key));
        set.Locate(subject, "key", y.At(key));
        y.RejectUnknownFields(map, Field.Values, Field.LastVerified);
        var values = ImmutableArray.CreateBuilder<DatedValue>();
        if (y.OptionalMapping(map, Field.Values) is { } valueMap)
        {
            foreach (var (dateNode, valueNode) in YamlFields.Entries(valueMap))
            {
                if (y.Date(dateNode, Field.Values) is { } from && ReadDatedValue(set, y, region, name, from, valueNode) is { } value)
                {
                    set.Locate(PolicyValidator.ValueSubject(region, name, from), "from", y.At(dateNode));
                    values.Add(value);
                }
            }
        }
        else
        {
            y.Problem(map, Field.Values, "is required");
        }
        set.Parameters.Add(new(region, name, values.ToImmutable(), y.OptionalDate(map, Field.LastVerified)));
    }

    private static DatedValue? ReadDatedValue(ImportSet set, YamlFields y, string region, string name, DateOnly from, YamlNode node)
    {
        var map = y.Mapping(node, Field.Values);
        if (map is null)
        {
            return null;
        }
        var subject = PolicyValidator.ValueSubject(region, name, from);
        set.Locate(subject, "", y.At(map));
        foreach (var (fieldKey, fieldNode) in YamlFields.Entries(map))
        {
            set.Locate(subject, fieldKey.Value ?? "", y.At(fieldNode));
        }
        y.RejectUnknownFields(map, Field.Value, Field.Excluded, Field.Sources, Field.Note, Field.Unconfirmed, Field.Reported, Field.LocalAdoption, Field.Until);
        var sources = y.StringList(map, Field.Sources, required: true);
        var value = YamlFields.Child(map, Field.Value) is { } valueNode ? ReadValue(y, valueNode) : null;
        if (value is null && YamlFields.Child(map, Field.Value) is null)
        {
            y.Problem(map, Field.Value, "is required");
        }
        if (YamlFields.Child(map, Field.Excluded) is { } excludedNode)
        {
            if (value is ListValue list)
            {
                value = list with { Excluded = [.. y.StringList(excludedNode, Field.Excluded) ?? []] };
            }
            else if (value is not null)
            {
                y.Problem(excludedNode, Field.Excluded, "only a list value can exclude codes");
            }
        }
        return value is null || sources is null
            ? null
            : new DatedValue(from, y.OptionalDate(map, Field.Until), value, [.. sources], y.OptionalString(map, Field.Note), y.Flag(map, Field.Unconfirmed))
            {
                Reported = y.Flag(map, Field.Reported),
                LocalAdoption = y.Flag(map, Field.LocalAdoption),
            };
    }

    private static PolicyValue? ReadValue(YamlFields y, YamlNode node)
    {
        switch (node)
        {
            case YamlSequenceNode:
                return y.StringList(node, Field.Value) is { } items ? new ListValue([.. items]) : null;
            case YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "true" or "false" } flag:
                return new FlagValue(flag.Value == "true");
            case YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: { } text } when decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number):
                return new NumberValue(number);
            case YamlScalarNode { Value: { Length: > 0 } text }:
                return new TextValue(text.Trim());
            default:
                y.Problem(node, Field.Value, "expected a list, a number, true/false or a text");
                return null;
        }
    }

    internal static YamlMappingNode Write(PolicyParameter parameter)
    {
        var values = YamlOut.Mapping();
        foreach (var value in parameter.Values)
        {
            values.Add(YamlOut.Date(value.From), WriteDatedValue(value));
        }
        var map = YamlOut.Mapping();
        map.AddField(Field.Values, values);
        if (parameter.LastVerified is { } verified)
        {
            map.AddField(Field.LastVerified, YamlOut.Date(verified));
        }
        return map;
    }

    private static YamlMappingNode WriteDatedValue(DatedValue value)
    {
        var map = YamlOut.Mapping();
        map.AddField(Field.Value, value.Value switch
        {
            ListValue list => YamlOut.List(list.Items),
            NumberValue number => YamlOut.Number(number.Number),
            FlagValue flag => YamlOut.Flag(flag.Flag),
            TextValue text => YamlOut.Text(text.Text),
            _ => throw new NotSupportedException($"cannot write a {value.Value.GetType().Name}"),
        });
        if (value.Value is ListValue { Excluded.IsDefaultOrEmpty: false } excluding)
        {
            map.AddField(Field.Excluded, YamlOut.List(excluding.Excluded));
        }
        map.AddField(Field.Sources, YamlOut.List(value.SourceIds));
        // The order the hand-written files use, so a first export does not reorder every value.
        if (value.Until is { } until)
        {
            map.AddField(Field.Until, YamlOut.Date(until));
        }
        if (value.Reported)
        {
            map.AddField(Field.Reported, YamlOut.Flag(true));
        }
        if (value.LocalAdoption)
        {
            map.AddField(Field.LocalAdoption, YamlOut.Flag(true));
        }
        if (value.Unconfirmed)
        {
            map.AddField(Field.Unconfirmed, YamlOut.Flag(true));
        }
        map.AddOptionalField(Field.Note, value.Note);
        return map;
    }

    /// <summary>
    /// The record as typed for a parameter's YAML text (as <see cref="EditableKind.Render"/> writes it or an editor left
    /// it), read leniently so an incomplete draft shows what was typed; null when the text is not YAML of this parameter at all.
    /// </summary>
    public static T? ReadTyped<T>(string text, string key)
        where T : TypedParameter, new()
    {
        if (TypedYaml.Record(text, "parameters", key) is not { } map)
        {
            return null;
        }
        var typed = new T { LastVerified = TypedYaml.Scalar(map, Field.LastVerified) };
        if (TypedYaml.Child(map, Field.Values) is YamlMappingNode values)
        {
            foreach (var (dateNode, node) in values.Children)
            {
                var valueMap = node as YamlMappingNode ?? new YamlMappingNode();
                var row = new ValueRow
                {
                    From = (dateNode as YamlScalarNode)?.Value,
                    Until = TypedYaml.Scalar(valueMap, Field.Until),
                    Sources = TypedYaml.List(valueMap, Field.Sources),
                    Note = TypedYaml.Scalar(valueMap, Field.Note),
                    Unconfirmed = TypedYaml.Scalar(valueMap, Field.Unconfirmed) == "true",
                    Reported = TypedYaml.Scalar(valueMap, Field.Reported) == "true",
                    LocalAdoption = TypedYaml.Scalar(valueMap, Field.LocalAdoption) == "true",
                };
                switch (TypedYaml.Child(valueMap, Field.Value))
                {
                    case YamlSequenceNode:
                        foreach (var code in TypedYaml.List(valueMap, Field.Value))
                        {
                            row.Codes[code] = TypedParameter.Allowed;
                        }
                        break;
                    case YamlScalarNode scalar:
                        row.Value = scalar.Value;
                        break;
                }
                foreach (var code in TypedYaml.List(valueMap, Field.Excluded))
                {
                    row.Codes.TryAdd(code, TypedParameter.Excluded);
                }
                typed.Rows.Add(row);
            }
        }
        return typed;
    }

    /// <summary>The record as typed as the YAML of the region's policy file holding only this parameter, rows in date order.</summary>
    public static string WriteTyped(TypedParameter typed, string region, string key, ParameterDefinition? definition, Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var values = YamlOut.Mapping();
        foreach (var (row, _) in typed.Kept.OrderBy(k => TypedYaml.Date(k.Row.From) ?? DateOnly.MaxValue))
        {
            values.Add(TypedYaml.DateNode(row.From!.Trim()), WriteTypedRow(row, definition, vocabulary));
        }
        var map = YamlOut.Mapping();
        map.AddField(Field.Values, values);
        if (!string.IsNullOrWhiteSpace(typed.LastVerified))
        {
            map.AddField(Field.LastVerified, TypedYaml.DateNode(typed.LastVerified.Trim()));
        }
        return TypedYaml.File(region, "parameters", key, map);
    }

    private static YamlMappingNode WriteTypedRow(ValueRow row, ParameterDefinition? definition, Vocabulary vocabulary)
    {
        var map = YamlOut.Mapping();
        var value = row.Value?.Trim();
        var type = definition?.Type ?? (row.Codes.Count > 0 ? ParameterType.List : ParameterType.Text);
        if (type == ParameterType.List)
        {
            // Codes in the vocabulary's order, then any the vocabulary does not know (kept, so the check can name them).
            var order = vocabulary.Terms(definition?.Vocabulary ?? "").Select(t => t.Code).ToList();
            var codes = row.Codes.Keys.OrderBy(c => order.IndexOf(c) is var at && at < 0 ? int.MaxValue : at).ToList();
            map.AddField(Field.Value, YamlOut.List(codes.Where(c => row.Codes[c] == TypedParameter.Allowed)));
            var excluded = codes.Where(c => row.Codes[c] == TypedParameter.Excluded).ToList();
            if (excluded.Count > 0)
            {
                map.AddField(Field.Excluded, YamlOut.List(excluded));
            }
        }
        else if (!string.IsNullOrEmpty(value))
        {
            map.AddField(Field.Value, type switch
            {
                ParameterType.Number when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) => YamlOut.Number(number),
                ParameterType.Flag when value is "true" or "false" => YamlOut.Flag(value == "true"),
                _ => YamlOut.Text(TypedYaml.Lines(value)),
            });
        }
        map.AddField(Field.Sources, YamlOut.List(row.Sources.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)));
        if (!string.IsNullOrWhiteSpace(row.Until))
        {
            map.AddField(Field.Until, TypedYaml.DateNode(row.Until.Trim()));
        }
        if (row.Reported)
        {
            map.AddField(Field.Reported, YamlOut.Flag(true));
        }
        if (row.LocalAdoption)
        {
            map.AddField(Field.LocalAdoption, YamlOut.Flag(true));
        }
        if (row.Unconfirmed)
        {
            map.AddField(Field.Unconfirmed, YamlOut.Flag(true));
        }
        if (!string.IsNullOrWhiteSpace(row.Note))
        {
            map.AddField(Field.Note, TypedYaml.Lines(row.Note));
        }
        return map;
    }

    internal static PolicyParameter AsWritten(PolicyParameter parameter) => parameter with
    {
        Values = [.. Written.Items(parameter.Values).Select(v => v with { Value = AsWritten(v.Value), SourceIds = Written.Items(v.SourceIds), Note = Written.Optional(v.Note) })],
    };

    private static PolicyValue AsWritten(PolicyValue value) => value switch
    {
        ListValue list => new ListValue(Written.Items(list.Items)) { Excluded = Written.Items(list.Excluded) },
        TextValue text => new TextValue(text.Text.Trim()),
        _ => value,
    };

    public override string Label(PolicySnapshot current, string region, string key)
    {
        ArgumentNullException.ThrowIfNull(current);
        return current.FindDefinition(key)?.Label ?? key;
    }

    public override string Render(PolicySnapshot current, string payload)
    {
        var parameter = Payloads.Deserialize<PolicyParameter>(payload);
        return FileText(Holding(current, [], [parameter], []), PolicyFiles.PolicyFile(parameter.RegionSlug));
    }

    private protected override ImportSet ReadText(string region, string text) => PolicyFileReader.ReadPolicyText(region, text);

    public override (PolicySnapshot Whole, string Subject)? Put(PolicySnapshot current, string payload, bool keep)
    {
        ArgumentNullException.ThrowIfNull(current);
        var record = Payloads.Deserialize<PolicyParameter>(payload);
        var others = current.Parameters.Where(p => !(p.RegionSlug == record.RegionSlug && p.Key == record.Key));
        return (new PolicySnapshot(current.Regions, current.Sources, current.Definitions, others.Concat(keep ? [record] : []), current.Disagreements, current.Pages, current.Vocabulary), PolicyValidator.ParameterSubject(record.RegionSlug, record.Key));
    }

    /// <summary>The field names of a parameter and of its dated values, shared by the strict and the as-typed reading and writing.</summary>
    private static class Field
    {
        public const string Values = "values";
        public const string LastVerified = "last_verified";
        public const string Value = "value";
        public const string Excluded = "excluded";
        public const string Sources = "sources";
        public const string Note = "note";
        public const string Unconfirmed = "unconfirmed";
        public const string Reported = "reported";
        public const string LocalAdoption = "local_adoption";
        public const string Until = "until";
    }
}
