using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace FamilyMutualAid.Web.Content;

/// <summary>
/// Builds YAML nodes and writes them with YamlDotNet's emitter, which quotes whatever would not read back as the
/// same text and leaves Chinese readable. Lines are never wrapped, so a changed sentence is a one-line diff.
/// </summary>
internal static partial class YamlOut
{
    private static readonly EmitterSettings Settings = new(
        bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024,
        skipAnchorName: false, indentSequences: true, newLine: "\n", useUtf16SurrogatePairs: false);

    /// <summary>A text: plain where that reads back as the same text, quoted otherwise, several lines as a literal block.</summary>
    public static YamlScalarNode Text(string text) => new(text) { Style = StyleOf(text) };

    public static YamlScalarNode Number(decimal number) => Plain(number.ToString(CultureInfo.InvariantCulture));

    public static YamlScalarNode Integer(int number) => Plain(number.ToString(CultureInfo.InvariantCulture));

    public static YamlScalarNode Date(DateOnly date) => Plain(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public static YamlScalarNode Flag(bool flag) => Plain(flag ? "true" : "false");

    /// <summary>A one-line list, e.g. [doc-000, doc-004].</summary>
    public static YamlSequenceNode List(IEnumerable<string> items) => new(items.Select(Text)) { Style = SequenceStyle.Flow };

    public static YamlMappingNode Mapping(MappingStyle style = MappingStyle.Block) => new() { Style = style };

    // Named apart from YamlMappingNode.Add(string, string), which would leave the style to the emitter.
    public static void AddField(this YamlMappingNode map, string key, YamlNode value) => map.Add(Text(key), value);

    public static void AddField(this YamlMappingNode map, string key, string text) => map.Add(Text(key), Text(text));

    /// <summary>Adds the field only when it has a value: the reader treats a missing field as "none".</summary>
    public static void AddOptionalField(this YamlMappingNode map, string key, string? text)
    {
        if (text is not null)
        {
            map.AddField(key, text);
        }
    }

    /// <summary>One node as a YAML document without markers, ending in a newline.</summary>
    public static string Render(YamlNode node)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(writer, Settings);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, node);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    /// <summary>
    /// The entries of a block mapping at <paramref name="indent"/> spaces, one blank line between entries when asked,
    /// so that each record stands apart in a diff. Each entry is rendered on its own and shifted right; YAML
    /// indentation is relative, so a shifted entry reads the same.
    /// </summary>
    public static string Entries(IEnumerable<KeyValuePair<string, YamlNode>> entries, int indent, bool blankLines)
    {
        var prefix = new string(' ', indent);
        var rendered = entries.Select(entry =>
        {
            var single = Mapping();
            single.AddField(entry.Key, entry.Value);
            var lines = Render(single).TrimEnd('\n').Split('\n').Select(line => line.Length == 0 ? line : prefix + line);
            return string.Join('\n', lines) + "\n";
        });
        return string.Join(blankLines ? "\n" : "", rendered);
    }

    private static YamlScalarNode Plain(string text) => new(text) { Style = ScalarStyle.Plain };

    private static ScalarStyle StyleOf(string text) =>
        // Double quotes keep carriage returns and leading or trailing blanks exactly, which other styles would not.
        // A literal block is only used without trailing line breaks (strip chomping), so a blank line after it is not part of it.
        text.Contains('\r', StringComparison.Ordinal) || text.Length != text.Trim().Length ? ScalarStyle.DoubleQuoted
        : text.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
        : LooksLikeAnotherType(text) ? ScalarStyle.SingleQuoted
        : ScalarStyle.Any;

    /// <summary>Plain text a YAML reader would take for a null, a flag, a number or a date; the importer reads a plain 50 as a number.</summary>
    private static bool LooksLikeAnotherType(string text) =>
        NonTextScalar().IsMatch(text)
        || double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _)
        || decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _);

    [GeneratedRegex(@"^(~|null|true|false|yes|no|on|off|y|n|[-+]?\.(inf|nan)|0x[0-9a-f_]+|0o[0-7_]+|\d{4}-\d{1,2}-\d{1,2}([Tt ].*)?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NonTextScalar();

    private static void Emit(IEmitter emitter, YamlNode node)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                emitter.Emit(new Scalar(null, null, scalar.Value ?? "", scalar.Style, isPlainImplicit: true, isQuotedImplicit: true));
                break;
            case YamlSequenceNode sequence:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, sequence.Style));
                foreach (var item in sequence.Children)
                {
                    Emit(emitter, item);
                }
                emitter.Emit(new SequenceEnd());
                break;
            case YamlMappingNode mapping:
                // An empty block mapping can only be written as {}.
                emitter.Emit(new MappingStart(null, null, isImplicit: true, mapping.Children.Count == 0 ? MappingStyle.Flow : mapping.Style));
                foreach (var (key, value) in mapping.Children)
                {
                    Emit(emitter, key);
                    Emit(emitter, value);
                }
                emitter.Emit(new MappingEnd());
                break;
            default:
                throw new NotSupportedException($"cannot write a {node.GetType().Name}");
        }
    }
}
