using FamilyMutualAid.Rules;

namespace FamilyMutualAid.Web.Content;

/// <summary>
/// One dated value of a parameter as typed: every field as typed, so that a bad entry is shown back beside its field
/// instead of being lost.
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
/// A region's parameter as typed (an incomplete draft included): its dated values as rows. <see cref="ParameterKind"/>
/// reads it leniently from, and writes it to, the YAML of the region's policy file, so a form and the 高级 (YAML) view
/// are two views of one text, and the importer's own reader turns that text into the record.
/// </summary>
public class TypedParameter
{
    public const string Allowed = "allowed";
    public const string Excluded = "excluded";
    public const string NotStated = "not_stated";

    public List<ValueRow> Rows { get; set; } = [];

    /// <summary>When someone last checked the sources still say this (YYYY-MM-DD), as typed.</summary>
    public string? LastVerified { get; set; }

    /// <summary>The rows not ticked for removal, with their index among all rows.</summary>
    internal IEnumerable<(ValueRow Row, int Index)> Kept => Rows.Select((row, index) => (row, index)).Where(r => !r.row.Remove);
}
