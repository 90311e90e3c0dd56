using YamlDotNet.RepresentationModel;

namespace FamilyMutualAid.Web.Content;

/// <summary>Reading (leniently) and writing the one-record YAML texts that records as typed stand for.</summary>
internal static class TypedYaml
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

    /// <summary>A typed date in any of the ways staff write one (<see cref="TypedDate"/>).</summary>
    public static DateOnly? Date(string? text) => TypedDate.Parse(text);

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
