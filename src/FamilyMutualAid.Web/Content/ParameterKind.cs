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
        y.RejectUnknownFields(map, "values", "last_verified");
        var values = ImmutableArray.CreateBuilder<DatedValue>();
        if (y.OptionalMapping(map, "values") is { } valueMap)
        {
            foreach (var (dateNode, valueNode) in YamlFields.Entries(valueMap))
            {
                if (y.Date(dateNode, "values") is { } from && ReadDatedValue(set, y, region, name, from, valueNode) is { } value)
                {
                    set.Locate(PolicyValidator.ValueSubject(region, name, from), "from", y.At(dateNode));
                    values.Add(value);
                }
            }
        }
        else
        {
            y.Problem(map, "values", "is required");
        }
        set.Parameters.Add(new(region, name, values.ToImmutable(), y.OptionalDate(map, "last_verified")));
    }

    private static DatedValue? ReadDatedValue(ImportSet set, YamlFields y, string region, string name, DateOnly from, YamlNode node)
    {
        var map = y.Mapping(node, "values");
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
        y.RejectUnknownFields(map, "value", "excluded", "sources", "note", "unconfirmed", "reported", "local_adoption", "until");
        var sources = y.StringList(map, "sources", required: true);
        var value = YamlFields.Child(map, "value") is { } valueNode ? ReadValue(y, valueNode) : null;
        if (value is null && YamlFields.Child(map, "value") is null)
        {
            y.Problem(map, "value", "is required");
        }
        if (YamlFields.Child(map, "excluded") is { } excludedNode)
        {
            if (value is ListValue list)
            {
                value = list with { Excluded = [.. y.StringList(excludedNode, "excluded") ?? []] };
            }
            else if (value is not null)
            {
                y.Problem(excludedNode, "excluded", "only a list value can exclude codes");
            }
        }
        return value is null || sources is null
            ? null
            : new DatedValue(from, y.OptionalDate(map, "until"), value, [.. sources], y.OptionalString(map, "note"), y.Flag(map, "unconfirmed"))
            {
                Reported = y.Flag(map, "reported"),
                LocalAdoption = y.Flag(map, "local_adoption"),
            };
    }

    private static PolicyValue? ReadValue(YamlFields y, YamlNode node)
    {
        switch (node)
        {
            case YamlSequenceNode:
                return y.StringList(node, "value") is { } items ? new ListValue([.. items]) : null;
            case YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "true" or "false" } flag:
                return new FlagValue(flag.Value == "true");
            case YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: { } text } when decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number):
                return new NumberValue(number);
            case YamlScalarNode { Value: { Length: > 0 } text }:
                return new TextValue(text.Trim());
            default:
                y.Problem(node, "value", "expected a list, a number, true/false or a text");
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
        map.AddField("values", values);
        if (parameter.LastVerified is { } verified)
        {
            map.AddField("last_verified", YamlOut.Date(verified));
        }
        return map;
    }

    private static YamlMappingNode WriteDatedValue(DatedValue value)
    {
        var map = YamlOut.Mapping();
        map.AddField("value", value.Value switch
        {
            ListValue list => YamlOut.List(list.Items),
            NumberValue number => YamlOut.Number(number.Number),
            FlagValue flag => YamlOut.Flag(flag.Flag),
            TextValue text => YamlOut.Text(text.Text),
            _ => throw new NotSupportedException($"cannot write a {value.Value.GetType().Name}"),
        });
        if (value.Value is ListValue { Excluded.IsDefaultOrEmpty: false } excluding)
        {
            map.AddField("excluded", YamlOut.List(excluding.Excluded));
        }
        map.AddField("sources", YamlOut.List(value.SourceIds));
        // The order the hand-written files use, so a first export does not reorder every value.
        if (value.Until is { } until)
        {
            map.AddField("until", YamlOut.Date(until));
        }
        if (value.Reported)
        {
            map.AddField("reported", YamlOut.Flag(true));
        }
        if (value.LocalAdoption)
        {
            map.AddField("local_adoption", YamlOut.Flag(true));
        }
        if (value.Unconfirmed)
        {
            map.AddField("unconfirmed", YamlOut.Flag(true));
        }
        map.AddOptionalField("note", value.Note);
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
}
