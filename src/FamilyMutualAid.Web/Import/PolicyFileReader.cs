using System.Collections.Immutable;
using System.Globalization;
using FamilyMutualAid.Rules;
using YamlDotNet.RepresentationModel;

namespace FamilyMutualAid.Web.Import;

/// <summary>Everything read from seeds/ and content/, with where each record came from.</summary>
public sealed class ImportSet
{
    public List<Region> Regions { get; } = [];
    public List<Source> Sources { get; } = [];
    public List<ParameterDefinition> Definitions { get; } = [];
    public Dictionary<string, ImmutableDictionary<string, string>> Vocabulary { get; } = new(StringComparer.Ordinal);

    /// <summary>The codes of each vocabulary group in file order, which is the order choices are offered in.</summary>
    public Dictionary<string, ImmutableArray<string>> VocabularyOrder { get; } = new(StringComparer.Ordinal);
    public List<PolicyParameter> Parameters { get; } = [];
    public List<Disagreement> Disagreements { get; } = [];
    public List<ContentPage> Pages { get; } = [];
    public List<ImportProblem> Problems { get; } = [];

    /// <summary>Location of each (subject, field); field "" is the record as a whole.</summary>
    public Dictionary<(string Subject, string Field), FileLocation> Locations { get; } = [];

    public PolicySnapshot ToSnapshot() => new(
        Regions, Sources, Definitions, Parameters, Disagreements, Pages,
        new Vocabulary(Vocabulary.ToImmutableDictionary(StringComparer.Ordinal), VocabularyOrder.ToImmutableDictionary(StringComparer.Ordinal)));

    public void Locate(string subject, string field, FileLocation location) => Locations.TryAdd((subject, field), location);

    public FileLocation? Find(string subject, string field) =>
        Locations.GetValueOrDefault((subject, field)) ?? Locations.GetValueOrDefault((subject, ""));
}

/// <summary>Reads the seed YAML files and the Markdown content into an <see cref="ImportSet"/>.</summary>
public static class PolicyFileReader
{
    public static ImportSet Read(string seedsDirectory, string contentDirectory)
    {
        var set = new ImportSet();
        ReadSources(set, seedsDirectory);
        ReadRegions(set, seedsDirectory);
        ReadVocabulary(set, seedsDirectory);
        ReadDefinitions(set, seedsDirectory);
        var policyDirectory = Path.Combine(seedsDirectory, "policy");
        if (Directory.Exists(policyDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(policyDirectory, "*.yaml").Order(StringComparer.Ordinal))
            {
                ReadPolicyFile(set, seedsDirectory, file);
            }
        }
        if (Directory.Exists(contentDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(contentDirectory, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                ReadContentFile(set, contentDirectory, file);
            }
        }
        return set;
    }

    private static (YamlFields Fields, YamlMappingNode? Root) Open(ImportSet set, string directory, string path)
    {
        var fields = new YamlFields(DisplayName(directory, path), set.Problems);
        if (!File.Exists(path))
        {
            fields.Problem(1, "", "file not found");
            return (fields, null);
        }
        return (fields, fields.ParseMapping(File.ReadAllText(path)));
    }

    private static string DisplayName(string directory, string path) =>
        Path.Combine(Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)), Path.GetRelativePath(directory, path)).Replace('\\', '/');

    private static void ReadSources(ImportSet set, string seeds)
    {
        var (y, root) = Open(set, seeds, Path.Combine(seeds, "sources.yaml"));
        ReadSources(set, y, root);
    }

    /// <summary>Reads a text in the form of sources.yaml (as staff edit it) into a fresh set, with its problems.</summary>
    public static ImportSet ReadSourcesText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var set = new ImportSet();
        var y = new YamlFields("sources.yaml", set.Problems);
        ReadSources(set, y, y.ParseMapping(text.Replace("\r\n", "\n", StringComparison.Ordinal)));
        return set;
    }

    private static void ReadSources(ImportSet set, YamlFields y, YamlMappingNode? root)
    {
        if (root is null)
        {
            return;
        }
        foreach (var (key, node) in YamlFields.Entries(root))
        {
            var id = y.Identifier(key, "id");
            var map = y.Mapping(node, key.Value ?? "");
            if (id is null || map is null)
            {
                continue;
            }
            var subject = PolicyValidator.SourceSubject(id);
            set.Locate(subject, "", y.At(key));
            y.RejectUnknownFields(map, "title", "file", "publisher", "date", "date_note", "confidence", "note");
            var title = y.RequiredString(map, "title");
            var file = y.OptionalString(map, "file");
            var publisher = y.OptionalString(map, "publisher");
            // No date when the documents give none: date_note then says what is known.
            var date = y.OptionalDate(map, "date");
            var confidence = y.RequiredEnum<SourceConfidence>(map, "confidence");
            if (file is null && publisher is null)
            {
                y.Problem(map, "file", "a source needs a file or a publisher");
            }
            // A source with a bad field is still registered, so references to it don't add misleading problems;
            // the import fails on the bad field anyway.
            var dateNote = y.OptionalString(map, "date_note");
            if (date is null && dateNote is null && YamlFields.Child(map, "date") is null)
            {
                y.Problem(map, "date_note", "a source without a date needs a date_note saying what is known of its date");
            }
            set.Sources.Add(new(id, title ?? id, file, publisher, date, dateNote, confidence ?? SourceConfidence.SingleConsumerPage, y.OptionalString(map, "note")));
        }
    }

    private static void ReadRegions(ImportSet set, string seeds)
    {
        var (y, root) = Open(set, seeds, Path.Combine(seeds, "regions.yaml"));
        if (root is null)
        {
            return;
        }
        foreach (var (key, node) in YamlFields.Entries(root))
        {
            var slug = y.Identifier(key, "slug");
            var map = y.Mapping(node, key.Value ?? "");
            if (slug is null || map is null)
            {
                continue;
            }
            var subject = PolicyValidator.RegionSubject(slug);
            set.Locate(subject, "", y.At(key));
            if (YamlFields.Child(map, "parent") is { } parentNode)
            {
                set.Locate(subject, "parent", y.At(parentNode));
            }
            y.RejectUnknownFields(map, "name", "level", "parent");
            var name = y.RequiredString(map, "name");
            var level = y.RequiredEnum<RegionLevel>(map, "level");
            set.Regions.Add(new(slug, name ?? slug, level ?? RegionLevel.Province, y.OptionalString(map, "parent")));
        }
    }

    private static void ReadVocabulary(ImportSet set, string seeds)
    {
        var (y, root) = Open(set, seeds, Path.Combine(seeds, "vocabulary.yaml"));
        if (root is null)
        {
            return;
        }
        foreach (var (key, node) in YamlFields.Entries(root))
        {
            var group = y.Identifier(key, "group");
            var map = y.Mapping(node, key.Value ?? "");
            if (group is null || map is null)
            {
                continue;
            }
            var labels = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
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
            set.Vocabulary[group] = labels.ToImmutable();
            set.VocabularyOrder[group] = order.ToImmutable();
        }
    }

    private static void ReadDefinitions(ImportSet set, string seeds)
    {
        var (y, root) = Open(set, seeds, Path.Combine(seeds, "parameters.yaml"));
        if (root is null)
        {
            return;
        }
        foreach (var (key, node) in YamlFields.Entries(root))
        {
            var name = y.Identifier(key, "parameter");
            var map = y.Mapping(node, key.Value ?? "");
            if (name is null || map is null)
            {
                continue;
            }
            y.RejectUnknownFields(map, "label", "type", "vocabulary", "unit");
            var label = y.RequiredString(map, "label");
            var type = y.RequiredEnum<ParameterType>(map, "type");
            var vocabulary = y.OptionalString(map, "vocabulary");
            if (vocabulary is not null && !set.Vocabulary.ContainsKey(vocabulary))
            {
                y.Problem(YamlFields.Child(map, "vocabulary")!, "vocabulary", $"unknown vocabulary group '{vocabulary}'");
            }
            if (label is not null && type is not null)
            {
                set.Definitions.Add(new(name, label, type.Value, vocabulary, y.OptionalString(map, "unit")));
            }
        }
    }

    private static void ReadPolicyFile(ImportSet set, string seeds, string path)
    {
        var (y, root) = Open(set, seeds, path);
        ReadPolicy(set, y, root, Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>Reads the text of one region's policy file (as staff edit it) into a fresh set, with its problems.</summary>
    public static ImportSet ReadPolicyText(string region, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var set = new ImportSet();
        var y = new YamlFields($"policy/{region}.yaml", set.Problems);
        ReadPolicy(set, y, y.ParseMapping(text.Replace("\r\n", "\n", StringComparison.Ordinal)), region);
        return set;
    }

    private static void ReadPolicy(ImportSet set, YamlFields y, YamlMappingNode? root, string expected)
    {
        if (root is null)
        {
            return;
        }
        y.RejectUnknownFields(root, "region", "parameters", "disagreements");
        var region = y.RequiredString(root, "region");
        if (region is null)
        {
            return;
        }
        if (region != expected)
        {
            y.Problem(YamlFields.Child(root, "region")!, "region", $"'{region}' does not match the file name '{expected}.yaml'");
        }
        if (y.OptionalMapping(root, "parameters") is { } parameters)
        {
            foreach (var (key, node) in YamlFields.Entries(parameters))
            {
                ReadParameter(set, y, region, key, node);
            }
        }
        if (y.OptionalMapping(root, "disagreements") is { } disagreements)
        {
            foreach (var (key, node) in YamlFields.Entries(disagreements))
            {
                ReadDisagreement(set, y, region, key, node);
            }
        }
        var regionNode = YamlFields.Child(root, "region")!;
        foreach (var subject in set.Parameters.Where(p => p.RegionSlug == region).Select(p => PolicyValidator.ParameterSubject(region, p.Key))
            .Concat(set.Disagreements.Where(d => d.RegionSlug == region).Select(d => PolicyValidator.DisagreementSubject(region, d.Id))))
        {
            set.Locate(subject, "region", y.At(regionNode));
        }
    }

    private static void ReadParameter(ImportSet set, YamlFields y, string region, YamlScalarNode key, YamlNode node)
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
            : new DatedValue(from, y.OptionalDate(map, "until"), value, [.. sources], y.OptionalString(map, "note"), Flag(y, map, "unconfirmed"))
            {
                Reported = Flag(y, map, "reported"),
                LocalAdoption = Flag(y, map, "local_adoption"),
            };
    }

    private static bool Flag(YamlFields y, YamlMappingNode map, string field)
    {
        var text = y.OptionalString(map, field);
        if (text is not null and not ("true" or "false"))
        {
            y.Problem(YamlFields.Child(map, field)!, field, "expected true or false");
        }
        return text == "true";
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

    private static void ReadDisagreement(ImportSet set, YamlFields y, string region, YamlScalarNode key, YamlNode node)
    {
        var id = y.Identifier(key, "disagreement");
        var map = y.Mapping(node, key.Value ?? "");
        if (id is null || map is null)
        {
            return;
        }
        var subject = PolicyValidator.DisagreementSubject(region, id);
        set.Locate(subject, "", y.At(key));
        foreach (var (fieldKey, fieldNode) in YamlFields.Entries(map))
        {
            set.Locate(subject, fieldKey.Value ?? "", y.At(fieldNode));
        }
        y.RejectUnknownFields(map, "topic", "parameter", "codes", "claims", "decisions", "from", "until", "resolution", "follow", "reason");
        var topic = y.RequiredString(map, "topic");
        var decisions = ImmutableArray.CreateBuilder<DisagreementDecision>();
        var complete = true;
        if (YamlFields.Child(map, "decisions") is { } decisionsNode)
        {
            // One decision per period; a single decision may also be written in the disagreement itself.
            foreach (var field in DecisionFields.Where(f => YamlFields.Child(map, f) is not null))
            {
                y.Problem(YamlFields.Child(map, field)!, field, "write it in one of the 'decisions', not beside them");
            }
            if (decisionsNode is YamlSequenceNode { Children.Count: > 0 } list)
            {
                foreach (var decisionNode in list.Children)
                {
                    complete &= y.Mapping(decisionNode, "decisions") is { } decisionMap && ReadDecision(y, decisionMap, decisions);
                }
            }
            else
            {
                y.Problem(decisionsNode, "decisions", "expected a list of decisions, each with from, until, resolution, follow and reason");
                complete = false;
            }
        }
        else
        {
            complete = ReadDecision(y, map, decisions);
        }
        var claims = ImmutableArray.CreateBuilder<Claim>();
        if (YamlFields.Child(map, "claims") is YamlSequenceNode claimNodes)
        {
            foreach (var claimNode in claimNodes.Children)
            {
                if (y.Mapping(claimNode, "claims") is { } claim)
                {
                    y.RejectUnknownFields(claim, "text", "sources");
                    var text = y.RequiredString(claim, "text");
                    var sources = y.StringList(claim, "sources", required: true);
                    if (text is not null && sources is not null)
                    {
                        claims.Add(new(text, [.. sources]));
                    }
                }
            }
        }
        else
        {
            y.Problem(map, "claims", "expected a list of claims");
        }
        if (topic is not null && complete)
        {
            set.Disagreements.Add(new(id, region, topic, y.OptionalString(map, "parameter"), claims.ToImmutable(), decisions.ToImmutable())
            {
                Codes = [.. y.StringList(map, "codes", required: false) ?? []],
            });
        }
    }

    private static readonly string[] DecisionFields = ["from", "until", "resolution", "follow", "reason"];

    /// <summary>Reads one decision (from, until, resolution, follow, reason) of a disagreement; false when it is incomplete.</summary>
    private static bool ReadDecision(YamlFields y, YamlMappingNode map, ImmutableArray<DisagreementDecision>.Builder decisions)
    {
        if (YamlFields.Child(map, "topic") is null)
        {
            y.RejectUnknownFields(map, DecisionFields);
        }
        var resolution = y.RequiredEnum<Resolution>(map, "resolution");
        var reason = y.RequiredString(map, "reason");
        int? follow = null;
        if (y.OptionalString(map, "follow") is { } followText)
        {
            if (int.TryParse(followText, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                follow = index;
            }
            else
            {
                y.Problem(YamlFields.Child(map, "follow")!, "follow", "expected the 0-based index of a claim");
            }
        }
        if (resolution is null || reason is null)
        {
            return false;
        }
        decisions.Add(new(y.OptionalDate(map, "from"), y.OptionalDate(map, "until"), resolution.Value, follow, reason));
        return true;
    }

    private static void ReadContentFile(ImportSet set, string contentDirectory, string path)
    {
        var y = new YamlFields(DisplayName(contentDirectory, path), set.Problems, lineOffset: 1);
        var region = Path.GetFileName(Path.GetDirectoryName(path)) ?? "";
        var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            y.Problem(1, "front matter", "the page must start with a '---' line and YAML front matter");
            return;
        }
        var end = text.IndexOf("\n---\n", 3, StringComparison.Ordinal);
        if (end < 0)
        {
            y.Problem(1, "front matter", "the front matter has no closing '---' line");
            return;
        }
        var front = y.ParseMapping(text[4..(end + 1)]);
        if (front is null)
        {
            return;
        }
        // content/<region>/<kind>.md, or content/<region>/channels/<channel>.md for a binding channel.
        var inChannels = Path.GetFileName(Path.GetDirectoryName(path)) == "channels";
        if (inChannels)
        {
            region = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(path))) ?? "";
        }
        y.RejectUnknownFields(front, inChannels ? ["title", "kind", "mode", "sources", "last_verified"] : ["title", "kind", "sources", "last_verified"]);
        var title = y.RequiredString(front, "title");
        var kind = y.RequiredString(front, "kind");
        var sources = y.StringList(front, "sources", required: true);
        var verified = y.RequiredDate(front, "last_verified");
        var mode = inChannels ? y.RequiredEnum<ChannelMode>(front, "mode") : null;
        var body = text[(end + 5)..];
        var bodyLine = text[..(end + 5)].Count(c => c == '\n') + 1;
        var channel = inChannels ? Path.GetFileNameWithoutExtension(path) : null;
        if (inChannels && kind is not null && kind != ContentPage.ChannelKind)
        {
            y.Problem(YamlFields.Child(front, "kind")!, "kind", $"a file under channels/ must have kind '{ContentPage.ChannelKind}'");
        }
        else if (kind is not null && !inChannels && !ContentKinds.All.Contains(kind))
        {
            y.Problem(YamlFields.Child(front, "kind")!, "kind", $"unknown kind '{kind}': expected one of {string.Join(", ", ContentKinds.All)}");
        }
        else if (kind is not null && !inChannels && kind != Path.GetFileNameWithoutExtension(path))
        {
            y.Problem(YamlFields.Child(front, "kind")!, "kind", $"'{kind}' does not match the file name '{Path.GetFileName(path)}'");
        }
        if (channel is not null && !ContentKinds.IsChannelId(channel))
        {
            y.Problem(1, "channel", $"'{channel}' is not a valid channel id: name the file with lower-case letters, digits and '-' (at most 40)");
        }
        if (channel is not null)
        {
            foreach (var (line, message) in ChannelSections.Problems(body))
            {
                y.Problem(bodyLine + line, "section", message);
            }
        }
        if (title is null || kind is null || sources is null || verified is null || (inChannels && mode is null))
        {
            return;
        }
        var page = new ContentPage(region, kind, title, body, [.. sources], verified.Value) { Channel = channel, Mode = mode };
        var subject = PolicyValidator.PageSubject(region, page.Key);
        set.Locate(subject, "", new FileLocation(y.File, 1));
        set.Locate(subject, "sources", y.At(YamlFields.Child(front, "sources")!));
        set.Locate(subject, "region", new FileLocation(y.File, 1));
        set.Locate(subject, "body", new FileLocation(y.File, bodyLine));
        set.Pages.Add(page);
    }
}
