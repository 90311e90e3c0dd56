using System.Globalization;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Content;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>
/// A region's parameter as a staff form: the parameter as typed (read from and written to the YAML of the region's
/// policy file by <see cref="ParameterKind"/>), with the form's own checks in plain Chinese by field name.
/// </summary>
public sealed class ParameterForm : TypedParameter
{
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
                problems[$"{prefix}.Rows[{index}].From"] = "请填写从哪天起，例如 2026-01-09 或 2026年1月9日。";
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
            var from = TypedYaml.Date(row.From);
            if (from is null && !problems.ContainsKey(field + ".From"))
            {
                problems[field + ".From"] = $"“{row.From}”不是日期：请写成 2026-01-09、2026.1.9、2026/1/9 或 2026年1月9日，例如 2026-01-09。";
            }
            if (!string.IsNullOrWhiteSpace(row.Until))
            {
                if (TypedYaml.Date(row.Until) is not { } until)
                {
                    problems[field + ".Until"] = $"“{row.Until}”不是日期：请写成 2026-01-09、2026.1.9、2026/1/9 或 2026年1月9日，或留空（一直有效，直到下一行）。";
                }
                else if (from is not null && until < from)
                {
                    problems[field + ".Until"] = "截止日期早于开始日期。";
                }
                else if (kept.Select(k => TypedYaml.Date(k.Row.From)).Where(d => d > from).Min() is { } next && until >= next)
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
        if (!string.IsNullOrWhiteSpace(LastVerified) && TypedYaml.Date(LastVerified) is null)
        {
            problems[prefix + ".LastVerified"] = $"“{LastVerified}”不是日期：请写成 2026-01-09、2026.1.9、2026/1/9 或 2026年1月9日，或留空。";
        }
        return problems;
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
}
