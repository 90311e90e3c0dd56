using System.Collections.Immutable;
using FamilyMutualAid.Rules;
using YamlDotNet.RepresentationModel;

namespace FamilyMutualAid.Web.Content;

/// <summary>Everything read from seeds/ and content/, with where each record came from.</summary>
public sealed class ImportSet
{
    public List<Region> Regions { get; } = [];
    public List<Source> Sources { get; } = [];
    public List<ParameterDefinition> Definitions { get; } = [];

    /// <summary>The vocabulary groups, each with its codes in file order, which is the order choices are offered in.</summary>
    public List<VocabularyGroup> VocabularyGroups { get; } = [];
    public List<PolicyParameter> Parameters { get; } = [];
    public List<Disagreement> Disagreements { get; } = [];
    public List<ContentPage> Pages { get; } = [];
    public List<ImportProblem> Problems { get; } = [];

    /// <summary>Location of each (subject, field); field "" is the record as a whole.</summary>
    public Dictionary<(string Subject, string Field), FileLocation> Locations { get; } = [];

    public PolicySnapshot ToSnapshot() => new(
        Regions, Sources, Definitions, Parameters, Disagreements, Pages,
        new Vocabulary(
            VocabularyGroups.ToImmutableDictionary(g => g.Group, g => g.Labels.ToImmutableDictionary(StringComparer.Ordinal), StringComparer.Ordinal),
            VocabularyGroups.ToImmutableDictionary(g => g.Group, g => g.Order, StringComparer.Ordinal)));

    public void Locate(string subject, string field, FileLocation location) => Locations.TryAdd((subject, field), location);

    public FileLocation? Find(string subject, string field) =>
        Locations.GetValueOrDefault((subject, field)) ?? Locations.GetValueOrDefault((subject, ""));
}

/// <summary>Reads the seed YAML files and the Markdown content into an <see cref="ImportSet"/>: which file holds which kinds; each kind reads its own entries.</summary>
public static class PolicyFileReader
{
    public static ImportSet Read(string seedsDirectory, string contentDirectory)
    {
        var set = new ImportSet();
        ReadEntries(set, seedsDirectory, PolicyFiles.SourcesFile, SourceKind.Read);
        ReadEntries(set, seedsDirectory, PolicyFiles.RegionsFile, RegionKind.Read);
        ReadEntries(set, seedsDirectory, PolicyFiles.VocabularyFile, VocabularyKind.Read);
        ReadEntries(set, seedsDirectory, PolicyFiles.DefinitionsFile, DefinitionKind.Read);
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

    /// <summary>Reads each top-level entry of a seed file with <paramref name="readEntry"/>.</summary>
    private static void ReadEntries(ImportSet set, string seeds, string file, Action<ImportSet, YamlFields, YamlScalarNode, YamlNode> readEntry)
    {
        var (y, root) = Open(set, seeds, Path.Combine(seeds, file));
        ReadEntries(set, y, root, readEntry);
    }

    private static void ReadEntries(ImportSet set, YamlFields y, YamlMappingNode? root, Action<ImportSet, YamlFields, YamlScalarNode, YamlNode> readEntry)
    {
        foreach (var (key, node) in root is null ? [] : YamlFields.Entries(root))
        {
            readEntry(set, y, key, node);
        }
    }

    /// <summary>Reads a text in the form of sources.yaml (as staff edit it) into a fresh set, with its problems.</summary>
    public static ImportSet ReadSourcesText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var set = new ImportSet();
        var y = new YamlFields(PolicyFiles.SourcesFile, set.Problems);
        ReadEntries(set, y, y.ParseMapping(text.Replace("\r\n", "\n", StringComparison.Ordinal)), SourceKind.Read);
        return set;
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
        var y = new YamlFields(PolicyFiles.PolicyFile(region), set.Problems);
        ReadPolicy(set, y, y.ParseMapping(text.Replace("\r\n", "\n", StringComparison.Ordinal)), region);
        return set;
    }

    /// <summary>A region's policy file: its region, then its parameters and its disagreements.</summary>
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
        ReadEntries(set, y, y.OptionalMapping(root, "parameters"), (s, f, key, node) => ParameterKind.Read(s, f, region, key, node));
        ReadEntries(set, y, y.OptionalMapping(root, "disagreements"), (s, f, key, node) => DisagreementKind.Read(s, f, region, key, node));
        var regionNode = YamlFields.Child(root, "region")!;
        foreach (var subject in set.Parameters.Where(p => p.RegionSlug == region).Select(p => PolicyValidator.ParameterSubject(region, p.Key))
            .Concat(set.Disagreements.Where(d => d.RegionSlug == region).Select(d => PolicyValidator.DisagreementSubject(region, d.Id))))
        {
            set.Locate(subject, "region", y.At(regionNode));
        }
    }

    /// <summary>content/&lt;region&gt;/&lt;kind&gt;.md, or content/&lt;region&gt;/channels/&lt;channel&gt;.md for a binding channel.</summary>
    private static void ReadContentFile(ImportSet set, string contentDirectory, string path)
    {
        var y = new YamlFields(DisplayName(contentDirectory, path), set.Problems, lineOffset: 1);
        var folder = Path.GetDirectoryName(path);
        var inChannels = Path.GetFileName(folder) == "channels";
        var region = Path.GetFileName(inChannels ? Path.GetDirectoryName(folder) : folder) ?? "";
        PageKind.Read(set, y, region, Path.GetFileName(path), inChannels, File.ReadAllText(path));
    }
}
