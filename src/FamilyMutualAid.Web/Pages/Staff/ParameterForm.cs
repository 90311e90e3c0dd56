using System.Globalization;
using FamilyMutualAid.Rules;
using YamlDotNet.RepresentationModel;
using FamilyMutualAid.Web.Content;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>
/// One dated value of a parameter as the staff form holds it: every field as typed, so that a bad entry is shown
/// back beside its field instead of being lost.
/// </summary>
public sealed class ValueRow
{
    /// <summary>The date the value applies from (YYYY-MM-DD), as typed.</summary>
    public string? From { get; set; }

    /// <summary>Whether <see cref="From"/> is the date a source reported the value, not the date it came into force.</summary>
    public bool Reported { get; set; }

    /// <summary>The last day in force, as typed; empty while it is in force until the next value.</summary>
    public string? Until { get; set; }

    /// <summary>For a list parameter: each vocabulary code's state, as <see cref="CodeState"/> codes (allowed, excluded, not_stated).</summary>
    public Dictionary<string, string> Codes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>For a number, text or flag parameter: the value as typed ("true" or "false" for a flag).</summary>
    public string? Value { get; set; }

    /// <summary>The ids of the sources it rests on, in the order they are cited.</summary>
    public List<string> Sources { get; set; } = [];

    public bool Unconfirmed { get; set; }

    /// <summary>A national value each province adopts on its own (see <see cref="DatedValue.LocalAdoption"/>).</summary>
    public bool LocalAdoption { get; set; }

    public string? Note { get; set; }

    /// <summary>Ticked to leave the row out when saving (a row added by mistake).</summary>
    public bool Remove { get; set; }
}

/// <summary>
/// A region's parameter as a staff form: its dated values as rows. It is read from and written to the YAML of the
/// region's policy file, so the form and the 高级 (YAML) view are two views of one text, and the importer's own
/// reader turns that text into the record (see <see cref="EditableKind.Parse"/>).
/// </summary>
public sealed class ParameterForm
{
    public List<ValueRow> Rows { get; set; } = [];

    /// <summary>When someone last checked the sources still say this (YYYY-MM-DD), as typed.</summary>
    public string? LastVerified { get; set; }

    public const string Allowed = "allowed";
    public const string Excluded = "excluded";
    public const string NotStated = "not_stated";

    /// <summary>
    /// The form for a parameter's YAML text (as <see cref="EditableKind.Render"/> writes it or an editor left it), read
    /// leniently so an incomplete draft shows what was typed; null when the text is not YAML of this parameter at all.
    /// </summary>
    public static ParameterForm? FromYaml(string text, string key)
    {
        if (FormYaml.Record(text, "parameters", key) is not { } map)
        {
            return null;
        }
        var form = new ParameterForm { LastVerified = FormYaml.Scalar(map, "last_verified") };
        if (FormYaml.Child(map, "values") is YamlMappingNode values)
        {
            foreach (var (dateNode, node) in values.Children)
            {
                var valueMap = node as YamlMappingNode ?? new YamlMappingNode();
                var row = new ValueRow
                {
                    From = (dateNode as YamlScalarNode)?.Value,
                    Until = FormYaml.Scalar(valueMap, "until"),
                    Sources = FormYaml.List(valueMap, "sources"),
                    Note = FormYaml.Scalar(valueMap, "note"),
                    Unconfirmed = FormYaml.Scalar(valueMap, "unconfirmed") == "true",
                    Reported = FormYaml.Scalar(valueMap, "reported") == "true",
                    LocalAdoption = FormYaml.Scalar(valueMap, "local_adoption") == "true",
                };
                switch (FormYaml.Child(valueMap, "value"))
                {
                    case YamlSequenceNode:
                        foreach (var code in FormYaml.List(valueMap, "value"))
                        {
                            row.Codes[code] = Allowed;
                        }
                        break;
                    case YamlScalarNode scalar:
                        row.Value = scalar.Value;
                        break;
                }
                foreach (var code in FormYaml.List(valueMap, "excluded"))
                {
                    row.Codes.TryAdd(code, Excluded);
                }
                form.Rows.Add(row);
            }
        }
        return form;
    }

    /// <summary>
    /// Problems that stop the form from being written as YAML at all (a row without a date, two rows of one date),
    /// by field name; saving is refused until they are fixed, and the form shows them beside the fields.
    /// </summary>
    public Dictionary<string, string> Blocking(string prefix)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var kept = Kept.ToList();
        for (var i = 0; i < kept.Count; i++)
        {
            var (row, index) = kept[i];
            var from = row.From?.Trim();
            if (string.IsNullOrEmpty(from))
            {
                problems[$"{prefix}.Rows[{index}].From"] = "请填写从哪天起（YYYY-MM-DD），例如 2026-01-09。";
            }
            else if (kept.Take(i).Any(other => other.Row.From?.Trim() == from))
            {
                problems[$"{prefix}.Rows[{index}].From"] = $"已经有一行从 {from} 起：每个日期只写一行，规则变化时新增另一个日期。";
            }
        }
        return problems;
    }

    /// <summary>What is missing or wrong in the form, by field name, in plain Chinese; a draft may still be saved with these.</summary>
    public Dictionary<string, string> Problems(string prefix, ParameterDefinition? definition)
    {
        var problems = Blocking(prefix);
        var kept = Kept.ToList();
        foreach (var (row, index) in kept)
        {
            var field = $"{prefix}.Rows[{index}]";
            var from = FormYaml.Date(row.From);
            if (from is null && !problems.ContainsKey(field + ".From"))
            {
                problems[field + ".From"] = $"“{row.From}”不是日期：请按 YYYY-MM-DD 填写，例如 2026-01-09。";
            }
            if (!string.IsNullOrWhiteSpace(row.Until))
            {
                if (FormYaml.Date(row.Until) is not { } until)
                {
                    problems[field + ".Until"] = $"“{row.Until}”不是日期：请按 YYYY-MM-DD 填写，或留空（一直有效，直到下一行）。";
                }
                else if (from is not null && until < from)
                {
                    problems[field + ".Until"] = "截止日期早于开始日期。";
                }
                else if (kept.Select(k => FormYaml.Date(k.Row.From)).Where(d => d > from).Min() is { } next && until >= next)
                {
                    problems[field + ".Until"] = $"截止日期须早于下一行的开始日期 {next:yyyy-MM-dd}。";
                }
            }
            if (row.Sources.Count == 0)
            {
                problems[field + ".Sources"] = "请至少选择一个来源。";
            }
            var value = row.Value?.Trim();
            switch (definition?.Type)
            {
                case ParameterType.Number when string.IsNullOrEmpty(value):
                    problems[field + ".Value"] = "请填写数值。";
                    break;
                case ParameterType.Number when !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _):
                    problems[field + ".Value"] = $"“{value}”不是数字：请只写阿拉伯数字，小数用“.”，例如 0.7 或 50。";
                    break;
                case ParameterType.Flag when value is not ("true" or "false"):
                    problems[field + ".Value"] = "请选择“是”或“否”。";
                    break;
                case ParameterType.Text when string.IsNullOrEmpty(value):
                    problems[field + ".Value"] = "请填写内容。";
                    break;
            }
        }
        if (kept.Count == 0)
        {
            problems[prefix + ".Rows"] = "请至少填写一个日期的值（点“添加一个日期的值”）。";
        }
        if (!string.IsNullOrWhiteSpace(LastVerified) && FormYaml.Date(LastVerified) is null)
        {
            problems[prefix + ".LastVerified"] = $"“{LastVerified}”不是日期：请按 YYYY-MM-DD 填写，或留空。";
        }
        return problems;
    }

    /// <summary>The form as the YAML of the region's policy file holding only this parameter, rows in date order.</summary>
    public string ToYaml(string region, string key, ParameterDefinition? definition, Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var values = YamlOut.Mapping();
        foreach (var (row, _) in Kept.OrderBy(k => FormYaml.Date(k.Row.From) ?? DateOnly.MaxValue))
        {
            values.Add(FormYaml.DateNode(row.From!.Trim()), RowNode(row, definition, vocabulary));
        }
        var map = YamlOut.Mapping();
        map.AddField("values", values);
        if (!string.IsNullOrWhiteSpace(LastVerified))
        {
            map.AddField("last_verified", FormYaml.DateNode(LastVerified.Trim()));
        }
        return FormYaml.File(region, "parameters", key, map);
    }

    /// <summary>The last row's value and codes in a new row to change, with no date or sources yet: a change adds a dated value.</summary>
    public void AddRow()
    {
        var last = Kept.Select(k => k.Row).LastOrDefault();
        Rows.Add(new ValueRow
        {
            Codes = last is null ? new(StringComparer.Ordinal) : new(last.Codes, StringComparer.Ordinal),
            Value = last?.Value,
        });
    }

    /// <summary>
    /// The form of a parameter a region starts having of its own: one value from <paramref name="from"/>, a copy of
    /// the value it inherits then (if any), its sources still to be chosen.
    /// </summary>
    public static ParameterForm Starting(DateOnly from, PolicyValue? inherited)
    {
        var row = new ValueRow { From = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        switch (inherited)
        {
            case ListValue list:
                foreach (var code in list.Items)
                {
                    row.Codes[code] = Allowed;
                }
                foreach (var code in list.Excluded.IsDefault ? [] : list.Excluded)
                {
                    row.Codes.TryAdd(code, Excluded);
                }
                break;
            case NumberValue number:
                row.Value = number.Number.ToString(CultureInfo.InvariantCulture);
                break;
            case FlagValue flag:
                row.Value = flag.Flag ? "true" : "false";
                break;
            case TextValue text:
                row.Value = text.Text;
                break;
        }
        return new ParameterForm { Rows = [row] };
    }

    private IEnumerable<(ValueRow Row, int Index)> Kept => Rows.Select((row, index) => (row, index)).Where(r => !r.row.Remove);

    private static YamlMappingNode RowNode(ValueRow row, ParameterDefinition? definition, Vocabulary vocabulary)
    {
        var map = YamlOut.Mapping();
        var value = row.Value?.Trim();
        var type = definition?.Type ?? (row.Codes.Count > 0 ? ParameterType.List : ParameterType.Text);
        if (type == ParameterType.List)
        {
            // Codes in the vocabulary's order, then any the vocabulary does not know (kept, so the check can name them).
            var order = vocabulary.Terms(definition?.Vocabulary ?? "").Select(t => t.Code).ToList();
            var codes = row.Codes.Keys.OrderBy(c => order.IndexOf(c) is var at && at < 0 ? int.MaxValue : at).ToList();
            map.AddField("value", YamlOut.List(codes.Where(c => row.Codes[c] == Allowed)));
            var excluded = codes.Where(c => row.Codes[c] == Excluded).ToList();
            if (excluded.Count > 0)
            {
                map.AddField("excluded", YamlOut.List(excluded));
            }
        }
        else if (!string.IsNullOrEmpty(value))
        {
            map.AddField("value", type switch
            {
                ParameterType.Number when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) => YamlOut.Number(number),
                ParameterType.Flag when value is "true" or "false" => YamlOut.Flag(value == "true"),
                _ => YamlOut.Text(FormYaml.Lines(value)),
            });
        }
        map.AddField("sources", YamlOut.List(row.Sources.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)));
        if (!string.IsNullOrWhiteSpace(row.Until))
        {
            map.AddField("until", FormYaml.DateNode(row.Until.Trim()));
        }
        if (row.Reported)
        {
            map.AddField("reported", YamlOut.Flag(true));
        }
        if (row.LocalAdoption)
        {
            map.AddField("local_adoption", YamlOut.Flag(true));
        }
        if (row.Unconfirmed)
        {
            map.AddField("unconfirmed", YamlOut.Flag(true));
        }
        if (!string.IsNullOrWhiteSpace(row.Note))
        {
            map.AddField("note", FormYaml.Lines(row.Note));
        }
        return map;
    }
}

/// <summary>Reading and writing the one-record YAML texts that the staff forms stand for.</summary>
internal static class FormYaml
{
    /// <summary>The mapping of one record under <paramref name="section"/> of a policy text, or null when the text has no such record.</summary>
    public static YamlMappingNode? Record(string text, string section, string key)
    {
        var root = new YamlFields("form", []).ParseMapping(text.Replace("\r\n", "\n", StringComparison.Ordinal));
        return root is not null && Child(root, section) is YamlMappingNode records && Child(records, key) is YamlMappingNode record ? record : null;
    }

    public static YamlNode? Child(YamlMappingNode map, string field) => YamlFields.Child(map, field);

    public static string? Scalar(YamlMappingNode map, string field) => Child(map, field) is YamlScalarNode { Value: { } value } ? value : null;

    public static List<string> List(YamlMappingNode map, string field) =>
        Child(map, field) is YamlSequenceNode sequence ? [.. sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").Where(s => s.Length > 0)] : [];

    public static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>A date as the files write it, or what was typed (quoted, so the reader names it as a bad date).</summary>
    public static YamlScalarNode DateNode(string text) => Date(text) is { } date ? YamlOut.Date(date) : YamlOut.Text(text);

    /// <summary>Text from a form field: line breaks as the files have them, no blanks around.</summary>
    public static string Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    /// <summary>A policy file holding one record: region, then the record under its section.</summary>
    public static string File(string region, string section, string key, YamlNode record)
    {
        var top = YamlOut.Mapping();
        top.AddField("region", region);
        return YamlOut.Render(top) + section + ":\n" + YamlOut.Entries([new(key, record)], 2, blankLines: false);
    }
}
