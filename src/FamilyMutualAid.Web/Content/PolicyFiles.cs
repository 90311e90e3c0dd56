using FamilyMutualAid.Rules;
using YamlDotNet.RepresentationModel;

namespace FamilyMutualAid.Web.Content;

/// <summary>Which of the two folders a file belongs in.</summary>
public enum ExportFolder
{
    Seeds,
    Content,
}

/// <summary>One exported file: its folder, its path inside that folder ('/'-separated) and its text.</summary>
public sealed record ExportedFile(ExportFolder Folder, string Path, string Text);

/// <summary>
/// Writes a snapshot as the text of the seed and content files, in the format <see cref="PolicyFileReader"/> reads
/// (seeds/README.md). Deterministic: records in the snapshot's order, vocabulary groups and files by ordinal name.
/// </summary>
public static class PolicyFiles
{
    public const string SourcesFile = "sources.yaml";
    public const string RegionsFile = "regions.yaml";
    public const string VocabularyFile = "vocabulary.yaml";
    public const string DefinitionsFile = "parameters.yaml";

    private const string Header = "# Written by `dotnet run --project src/FamilyMutualAid.Web -- export` from the published data; the format is in seeds/README.md.\n";

    /// <summary>A region's policy file inside seeds/, holding its parameters and disagreements.</summary>
    public static string PolicyFile(string region) => $"policy/{region}.yaml";

    public static IReadOnlyList<ExportedFile> Render(PolicySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var data = PolicyFileForm.Of(snapshot);
        List<ExportedFile> files =
        [
            Seed(SourcesFile, Header + "\n" + YamlOut.Entries(data.Sources.Select(s => Entry(s.Id, SourceKind.Write(s))), 0, blankLines: true)),
            Seed(RegionsFile, Header + "\n" + YamlOut.Entries(data.Regions.Select(r => Entry(r.Slug, RegionKind.Write(r))), 0, blankLines: false)),
            Seed(VocabularyFile, Header + "\n" + YamlOut.Entries(
                data.Vocabulary.Groups.Keys.Order(StringComparer.Ordinal).Select(group => Entry(group, VocabularyKind.Write(data.Vocabulary, group))), 0, blankLines: true)),
            Seed(DefinitionsFile, Header + "\n" + YamlOut.Entries(data.Definitions.Select(d => Entry(d.Key, DefinitionKind.Write(d))), 0, blankLines: false)),
        ];
        var regions = data.Parameters.Select(p => p.RegionSlug).Concat(data.Disagreements.Select(d => d.RegionSlug))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        files.AddRange(regions.Select(region => Seed(PolicyFile(region), RegionPolicy(data, region))));
        files.AddRange(data.Pages.Select(page => new ExportedFile(ExportFolder.Content, PageKind.PathOf(page), PageKind.Write(page))).OrderBy(f => f.Path, StringComparer.Ordinal));
        return files;
    }

    private static ExportedFile Seed(string path, string text) => new(ExportFolder.Seeds, path, text);

    private static KeyValuePair<string, YamlNode> Entry(string key, YamlNode value) => new(key, value);

    private static string RegionPolicy(PolicySnapshot data, string region)
    {
        var top = YamlOut.Mapping();
        top.AddField("region", region);
        var text = Header + "\n" + YamlOut.Render(top);
        var parameters = data.Parameters.Where(p => p.RegionSlug == region).ToList();
        if (parameters.Count > 0)
        {
            text += "parameters:\n" + YamlOut.Entries(parameters.Select(p => Entry(p.Key, ParameterKind.Write(p))), 2, blankLines: true);
        }
        var disagreements = data.Disagreements.Where(d => d.RegionSlug == region).ToList();
        if (disagreements.Count > 0)
        {
            text += "\ndisagreements:\n" + YamlOut.Entries(disagreements.Select(d => Entry(d.Id, DisagreementKind.Write(d))), 2, blankLines: true);
        }
        return text;
    }
}
