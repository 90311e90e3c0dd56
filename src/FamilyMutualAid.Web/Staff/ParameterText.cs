using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Export;
using FamilyMutualAid.Web.Import;

namespace FamilyMutualAid.Web.Staff;

/// <summary>One parameter as the YAML of its region's policy file, so staff edit exactly what the importer reads.</summary>
public static class ParameterText
{
    public static string Render(PolicySnapshot current, PolicyParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(parameter);
        var alone = new PolicySnapshot(current.Regions, current.Sources, current.Definitions, [parameter], [], [], current.Vocabulary);
        var file = PolicyFiles.Render(alone).Single(f => f.Folder == ExportFolder.Seeds && f.Path == $"policy/{parameter.RegionSlug}.yaml");
        return string.Join('\n', file.Text.Split('\n').SkipWhile(line => line.StartsWith('#')));
    }

    /// <summary>Reads the edited text back: the parameter, or the problems with file-relative lines.</summary>
    public static (PolicyParameter? Parameter, IReadOnlyList<string> Problems) Parse(string region, string key, string text)
    {
        var set = PolicyFileReader.ReadPolicyText(region, text ?? "");
        var problems = set.Problems.Select(p => $"第 {p.Line} 行 {p.Field}: {p.Message}").ToList();
        if (set.Disagreements.Count > 0)
        {
            problems.Add("这里只能编辑这一条规则，不能加入分歧（disagreements）。");
        }
        var parameters = set.Parameters;
        if (problems.Count == 0 && (parameters.Count != 1 || parameters[0].Key != key))
        {
            problems.Add($"请只保留规则“{key}”（parameters 下只有这一项）。");
        }
        return problems.Count == 0 ? (parameters[0], problems) : (null, problems);
    }
}
