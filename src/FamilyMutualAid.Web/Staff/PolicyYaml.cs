using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Export;
using FamilyMutualAid.Web.Import;

namespace FamilyMutualAid.Web.Staff;

/// <summary>
/// A kind of region record staff edit as the YAML of the region's policy file (a parameter with its dated values, or a
/// disagreement with its claims and decision), so they edit exactly what the importer reads and the exporter writes.
/// </summary>
public sealed class PolicyYaml
{
    public static readonly PolicyYaml Parameter = new(RecordKinds.Parameter, "parameters", "parameter", "规则");

    public static readonly PolicyYaml Disagreement = new(RecordKinds.Disagreement, "disagreements", "disagreement", "分歧");

    private PolicyYaml(string recordKind, string section, string historyKind, string noun) =>
        (RecordKind, Section, HistoryKind, Noun) = (recordKind, section, historyKind, noun);

    /// <summary>The record kind in the database.</summary>
    public string RecordKind { get; }

    /// <summary>The section of the policy file holding such records, also the staff URL segment.</summary>
    public string Section { get; }

    /// <summary>The kind segment of the record's history URL.</summary>
    public string HistoryKind { get; }

    /// <summary>What residents-facing staff call it.</summary>
    public string Noun { get; }

    public static IReadOnlyList<PolicyYaml> All { get; } = [Parameter, Disagreement];

    public static PolicyYaml? FromSection(string? section) => All.FirstOrDefault(k => k.Section == section);

    public static PolicyYaml? FromRecordKind(string? kind) => All.FirstOrDefault(k => k.RecordKind == kind);

    public static PolicyYaml? FromHistoryKind(string? kind) => All.FirstOrDefault(k => k.HistoryKind == kind);

    public static string RecordKey(string region, string key) => $"{region}/{key}";

    public string EditUrl(string region, string key) => $"/staff/{Section}/{region}/{key}";

    public string HistoryUrl(string region, string key) => $"/staff/history/{region}/{HistoryKind}/{key}";

    /// <summary>A name staff recognise: the parameter's label or the disagreement's topic.</summary>
    public string Label(PolicySnapshot current, string region, string key)
    {
        ArgumentNullException.ThrowIfNull(current);
        return this == Parameter
            ? current.FindDefinition(key)?.Label ?? key
            : current.Disagreements.FirstOrDefault(d => d.RegionSlug == region && d.Id == key)?.Topic ?? key;
    }

    /// <summary>The record's payload as the YAML of its region's policy file, holding only this record.</summary>
    public string Render(PolicySnapshot current, string payload)
    {
        ArgumentNullException.ThrowIfNull(current);
        PolicySnapshot Holding(IEnumerable<PolicyParameter> parameters, IEnumerable<Rules.Disagreement> disagreements) =>
            new(current.Regions, current.Sources, current.Definitions, parameters, disagreements, [], current.Vocabulary);
        PolicySnapshot alone;
        string region;
        if (this == Parameter)
        {
            var parameter = Payloads.Deserialize<PolicyParameter>(payload);
            (alone, region) = (Holding([parameter], []), parameter.RegionSlug);
        }
        else
        {
            var disagreement = Payloads.Deserialize<Rules.Disagreement>(payload);
            (alone, region) = (Holding([], [disagreement]), disagreement.RegionSlug);
        }
        var file = PolicyFiles.Render(alone).Single(f => f.Folder == ExportFolder.Seeds && f.Path == $"policy/{region}.yaml");
        return string.Join('\n', file.Text.Split('\n').SkipWhile(line => line.StartsWith('#') || line.Length == 0));
    }

    /// <summary>Reads an edited text back: the record's payload, or the problems with lines of the text.</summary>
    public (string? Payload, IReadOnlyList<string> Problems) Parse(string region, string key, string? text)
    {
        var set = PolicyFileReader.ReadPolicyText(region, text ?? "");
        var problems = set.Problems.Select(p => $"第 {p.Line} 行 {p.Field}: {p.Message}").ToList();
        var (mine, others) = this == Parameter
            ? (set.Parameters.Select(p => (p.Key, Payload: Payloads.Serialize(p))).ToList(), set.Disagreements.Count)
            : (set.Disagreements.Select(d => (Key: d.Id, Payload: Payloads.Serialize(d))).ToList(), set.Parameters.Count);
        if (problems.Count == 0 && (others > 0 || mine.Count != 1 || mine[0].Key != key))
        {
            problems.Add($"请只保留{Noun}“{key}”：{Section} 下只有这一项，也不要加入其他部分。");
        }
        return problems.Count == 0 ? (mine[0].Payload, problems) : (null, problems);
    }
}
