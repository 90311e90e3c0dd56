using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Export;
using FamilyMutualAid.Web.Import;

namespace FamilyMutualAid.Web.Staff;

/// <summary>
/// A kind of record staff edit as the YAML the importer reads and the exporter writes: a region's parameter (dated
/// values with sources) or disagreement (claims and decision) as its policy file holds it, or a source as
/// sources.yaml holds it. Sources belong to every region; their URLs use <see cref="Everywhere"/> as the region.
/// </summary>
public sealed class PolicyYaml
{
    /// <summary>The region segment of staff URLs for records shared by all regions; only staff without region limits may edit them.</summary>
    public const string Everywhere = "all";

    public static readonly PolicyYaml Parameter = new(RecordKinds.Parameter, "parameters", "parameter", "规则");

    public static readonly PolicyYaml Disagreement = new(RecordKinds.Disagreement, "disagreements", "disagreement", "分歧");

    public static readonly PolicyYaml Source = new(RecordKinds.Source, "sources", "source", "来源");

    private PolicyYaml(string recordKind, string section, string historyKind, string noun) =>
        (RecordKind, Section, HistoryKind, Noun) = (recordKind, section, historyKind, noun);

    /// <summary>The record kind in the database.</summary>
    public string RecordKind { get; }

    /// <summary>The section of the file holding such records, also the staff URL segment.</summary>
    public string Section { get; }

    /// <summary>The kind segment of the record's history URL.</summary>
    public string HistoryKind { get; }

    /// <summary>What staff call it.</summary>
    public string Noun { get; }

    /// <summary>Whether the records belong to every region rather than one.</summary>
    public bool IsGlobal => this == Source;

    public static IReadOnlyList<PolicyYaml> All { get; } = [Parameter, Disagreement, Source];

    public static PolicyYaml? FromSection(string? section) => All.FirstOrDefault(k => k.Section == section);

    public static PolicyYaml? FromRecordKind(string? kind) => All.FirstOrDefault(k => k.RecordKind == kind);

    public static PolicyYaml? FromHistoryKind(string? kind) => All.FirstOrDefault(k => k.HistoryKind == kind);

    /// <summary>The record's key in the database: "region/key", or the bare key for records of every region.</summary>
    public string RecordKey(string region, string key) => IsGlobal ? key : $"{region}/{key}";

    /// <summary>The (region, key) of a record key, the inverse of <see cref="RecordKey"/>.</summary>
    public (string Region, string Key) Split(string recordKey)
    {
        ArgumentNullException.ThrowIfNull(recordKey);
        var slash = recordKey.IndexOf('/', StringComparison.Ordinal);
        return IsGlobal ? (Everywhere, recordKey) : (recordKey[..slash], recordKey[(slash + 1)..]);
    }

    public string EditUrl(string region, string key) => $"/staff/{Section}/{region}/{key}";

    public string HistoryUrl(string region, string key) => $"/staff/history/{region}/{HistoryKind}/{key}";

    /// <summary>A name staff recognise: the parameter's label, the disagreement's topic or the source's title.</summary>
    public string Label(PolicySnapshot current, string region, string key)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (this == Parameter)
        {
            return current.FindDefinition(key)?.Label ?? key;
        }
        return this == Disagreement
            ? current.Disagreements.FirstOrDefault(d => d.RegionSlug == region && d.Id == key)?.Topic ?? key
            : current.FindSource(key)?.Title ?? key;
    }

    /// <summary>The record's payload as the YAML of its file, holding only this record.</summary>
    public string Render(PolicySnapshot current, string payload)
    {
        ArgumentNullException.ThrowIfNull(current);
        PolicySnapshot Holding(IEnumerable<Rules.Source> sources, IEnumerable<PolicyParameter> parameters, IEnumerable<Rules.Disagreement> disagreements) =>
            new(current.Regions, sources, current.Definitions, parameters, disagreements, [], current.Vocabulary);
        PolicySnapshot alone;
        string path;
        if (this == Parameter)
        {
            var parameter = Payloads.Deserialize<PolicyParameter>(payload);
            (alone, path) = (Holding([], [parameter], []), $"policy/{parameter.RegionSlug}.yaml");
        }
        else if (this == Disagreement)
        {
            var disagreement = Payloads.Deserialize<Rules.Disagreement>(payload);
            (alone, path) = (Holding([], [], [disagreement]), $"policy/{disagreement.RegionSlug}.yaml");
        }
        else
        {
            (alone, path) = (Holding([Payloads.Deserialize<Rules.Source>(payload)], [], []), "sources.yaml");
        }
        var file = PolicyFiles.Render(alone).Single(f => f.Folder == ExportFolder.Seeds && f.Path == path);
        return string.Join('\n', file.Text.Split('\n').SkipWhile(line => line.StartsWith('#') || line.Length == 0));
    }

    /// <summary>Reads an edited text back: the record's payload, or the problems with lines of the text.</summary>
    public (string? Payload, IReadOnlyList<string> Problems) Parse(string region, string key, string? text)
    {
        var set = IsGlobal ? PolicyFileReader.ReadSourcesText(text ?? "") : PolicyFileReader.ReadPolicyText(region, text ?? "");
        var problems = set.Problems.Select(p => p.InEditedText).ToList();
        var records = RecordsIn(set);
        if (problems.Count == 0 && (records.Count != 1 || records[0].Kind != this || records[0].Key != key))
        {
            problems.Add($"请只保留{Noun}“{key}”：{Section} 下只有这一项，也不要加入其他部分。");
        }
        return problems.Count == 0 ? (records[0].Payload, problems) : (null, problems);
    }

    /// <summary>Every parameter, disagreement and source a text held, with its kind, key and payload.</summary>
    public static IReadOnlyList<(PolicyYaml Kind, string Key, string Payload)> RecordsIn(ImportSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return [.. set.Parameters.Select(p => (Parameter, p.Key, Payloads.Serialize(p)))
            .Concat(set.Disagreements.Select(d => (Disagreement, d.Id, Payloads.Serialize(d))))
            .Concat(set.Sources.Select(s => (Source, s.Id, Payloads.Serialize(s))))];
    }
}
