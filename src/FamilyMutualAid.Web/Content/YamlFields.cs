using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FamilyMutualAid.Web.Content;

/// <summary>Reads typed fields from YAML nodes, recording a problem with file and line for each bad one.</summary>
internal sealed partial class YamlFields(string file, List<ImportProblem> problems, int lineOffset = 0)
{
    public string File { get; } = file;

    public int LineOf(YamlNode node) => (int)node.Start.Line + lineOffset;

    public FileLocation At(YamlNode node) => new(File, LineOf(node));

    public void Problem(YamlNode node, string field, string message) => problems.Add(new(File, LineOf(node), field, message));

    public void Problem(int line, string field, string message) => problems.Add(new(File, line, field, message));

    /// <summary>
    /// Parses YAML text; returns null (and records the problem) when it is too long or too deeply nested to parse
    /// safely (<see cref="TextBounds"/>), malformed, not a mapping, or has a key that is not plain text.
    /// </summary>
    public YamlMappingNode? ParseMapping(string text)
    {
        if (TextBounds.Yaml(text) is { } breach)
        {
            Problem(breach.Line + lineOffset, "", breach.Message);
            return null;
        }
        var parser = new Parser(new StringReader(text));
        try
        {
            var stream = new YamlStream();
            stream.Load(parser);
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            {
                Problem(1 + lineOffset, "", "the file is empty");
                return null;
            }
            if (stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                Problem(LineOf(stream.Documents[0].RootNode) + lineOffset, "", "expected a mapping of keys to values at the top level");
                return null;
            }
            return ComplexKey(root) is { } key ? NotPlainKey(key) : root;
        }
        catch (YamlException ex)
        {
            var detail = ex.InnerException?.Message ?? ex.Message;
            problems.Add(new(File, (int)ex.Start.Line + lineOffset, "", $"malformed YAML: {detail}"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this on some unclosed flow collections; the parser still knows where it was.
            var line = (int)(parser.Current?.End.Line ?? 1) + lineOffset;
            problems.Add(new(File, line, "", "malformed YAML: an unclosed [ ] or { } or a stray character"));
            return null;
        }
    }

    /// <summary>The first key that is a list or a mapping (YAML's "? [a, b]"), which no field of ours can be; each node visited once, aliases included.</summary>
    private static YamlNode? ComplexKey(YamlMappingNode root)
    {
        var seen = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<YamlNode>([root]);
        while (pending.TryPop(out var node))
        {
            if (!seen.Add(node))
            {
                continue;
            }
            if (node is YamlMappingNode map)
            {
                foreach (var (key, value) in map.Children)
                {
                    if (key is not YamlScalarNode)
                    {
                        return key;
                    }
                    pending.Push(value);
                }
            }
            else if (node is YamlSequenceNode sequence)
            {
                sequence.Children.ToList().ForEach(pending.Push);
            }
        }
        return null;
    }

    private YamlMappingNode? NotPlainKey(YamlNode key)
    {
        Problem(key, "", "a key must be plain text, not a list or a mapping (\"? [a, b]\")");
        return null;
    }

    public static IEnumerable<(YamlScalarNode Key, YamlNode Value)> Entries(YamlMappingNode map) =>
        map.Children.Select(pair => ((YamlScalarNode)pair.Key, pair.Value));

    public YamlMappingNode? Mapping(YamlNode node, string field)
    {
        if (node is YamlMappingNode map)
        {
            return map;
        }
        Problem(node, field, "expected a mapping");
        return null;
    }

    public YamlMappingNode? OptionalMapping(YamlMappingNode parent, string field)
    {
        var node = Child(parent, field);
        return node is null ? null : Mapping(node, field);
    }

    public static YamlNode? Child(YamlMappingNode map, string field) =>
        map.Children.TryGetValue(new YamlScalarNode(field), out var value) ? value : null;

    public string? OptionalString(YamlMappingNode map, string field)
    {
        var node = Child(map, field);
        if (node is null)
        {
            return null;
        }
        if (node is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value))
        {
            return value.Trim();
        }
        Problem(node, field, "expected a text value");
        return null;
    }

    public string? RequiredString(YamlMappingNode map, string field)
    {
        if (Child(map, field) is null)
        {
            Problem(map, field, "is required");
            return null;
        }
        return OptionalString(map, field);
    }

    public DateOnly? OptionalDate(YamlMappingNode map, string field)
    {
        var node = Child(map, field);
        return node is null ? null : Date(node, field);
    }

    public DateOnly? RequiredDate(YamlMappingNode map, string field)
    {
        if (Child(map, field) is null)
        {
            Problem(map, field, "is required");
            return null;
        }
        return OptionalDate(map, field);
    }

    public DateOnly? Date(YamlNode node, string field)
    {
        var text = (node as YamlScalarNode)?.Value?.Trim();
        if (text is not null && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        Problem(node, field, $"bad date '{text}': expected YYYY-MM-DD");
        return null;
    }

    public TEnum? RequiredEnum<TEnum>(YamlMappingNode map, string field)
        where TEnum : struct, Enum
    {
        var text = RequiredString(map, field);
        if (text is null)
        {
            return null;
        }
        if (Codes.TryParse<TEnum>(text, out var value))
        {
            return value;
        }
        Problem(Child(map, field)!, field, $"unknown value '{text}': expected one of {string.Join(", ", Codes.All<TEnum>())}");
        return null;
    }

    public List<string>? StringList(YamlMappingNode map, string field, bool required)
    {
        var node = Child(map, field);
        if (node is null)
        {
            if (required)
            {
                Problem(map, field, "is required");
            }
            return null;
        }
        return StringList(node, field);
    }

    public List<string>? StringList(YamlNode node, string field)
    {
        if (node is not YamlSequenceNode sequence)
        {
            Problem(node, field, "expected a list, e.g. [a, b]");
            return null;
        }
        var items = new List<string>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value))
            {
                items.Add(value.Trim());
            }
            else
            {
                Problem(item, field, "expected a text item");
            }
        }
        return items;
    }

    public string? Identifier(YamlScalarNode key, string field)
    {
        var text = key.Value ?? "";
        if (IdentifierPattern().IsMatch(text))
        {
            return text;
        }
        Problem(key, field, $"'{text}' is not a valid {field}: use lower-case letters, digits and '-'");
        return null;
    }

    public void RejectUnknownFields(YamlMappingNode map, params string[] known)
    {
        foreach (var (key, _) in Entries(map))
        {
            if (!known.Contains(key.Value, StringComparer.Ordinal))
            {
                Problem(key, key.Value ?? "", $"unknown field: expected one of {string.Join(", ", known)}");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex IdentifierPattern();

    /// <summary>An optional true/false field; false when absent.</summary>
    public bool Flag(YamlMappingNode map, string field)
    {
        var text = OptionalString(map, field);
        if (text is not null and not ("true" or "false"))
        {
            Problem(Child(map, field)!, field, "expected true or false");
        }
        return text == "true";
    }
}
