using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Content;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>What one version changed against the version before it, in one line of plain Chinese, for the history list.</summary>
public static class VersionSummary
{
    public static string Of(RecordKind recordKind, PolicyRecordVersion version, PolicyRecordVersion? previous)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (previous is null)
        {
            return version.Origin == VersionOrigin.Import ? "从文件导入的第一个版本" : "新建";
        }
        var changes = version.PayloadHash == previous.PayloadHash ? [] : recordKind switch
        {
            ParameterKind => Parameter(Payloads.Deserialize<PolicyParameter>(previous.Payload), Payloads.Deserialize<PolicyParameter>(version.Payload)),
            DisagreementKind => Disagreement(Payloads.Deserialize<Disagreement>(previous.Payload), Payloads.Deserialize<Disagreement>(version.Payload)),
            PageKind => Page(Payloads.Deserialize<ContentPage>(previous.Payload), Payloads.Deserialize<ContentPage>(version.Payload)),
            SourceKind => Source(Payloads.Deserialize<Source>(previous.Payload), Payloads.Deserialize<Source>(version.Payload)),
            _ => ["修改了内容"],
        };
        if (version.DraftText is not null)
        {
            changes = ["尚未完成的草稿（文字还不能读成完整的内容）", .. changes];
        }
        return changes.Count == 0 ? "内容与上一版相同" : string.Join("；", changes);
    }

    private static List<string> Parameter(PolicyParameter before, PolicyParameter after)
    {
        var changes = new List<string>();
        foreach (var value in after.Values)
        {
            if (before.Values.FirstOrDefault(v => v.From == value.From) is not { } old)
            {
                changes.Add($"新增 {Day(value.From)} 起的值");
                continue;
            }
            var fields = Changed(
                (!old.Value.Equals(value.Value), "取值"),
                (!old.SourceIds.SequenceEqual(value.SourceIds, StringComparer.Ordinal), "来源"),
                (old.Until != value.Until, value.Until is { } until ? $"截止到 {Day(until)}" : "取消截止日期"),
                (old.Note != value.Note, "说明"),
                (old.Unconfirmed != value.Unconfirmed, value.Unconfirmed ? "标为未经证实" : "标为已证实"),
                (old.Reported != value.Reported, "日期的含义"),
                (old.LocalAdoption != value.LocalAdoption, "各省落地"));
            if (fields.Count > 0)
            {
                changes.Add($"{Day(value.From)} 起的值：{string.Join("、", fields)}");
            }
        }
        changes.AddRange(before.Values.Where(v => after.Values.All(a => a.From != v.From)).Select(v => $"删除 {Day(v.From)} 起的值"));
        if (before.LastVerified != after.LastVerified)
        {
            changes.Add(after.LastVerified is { } verified ? $"核实日期改为 {Day(verified)}" : "去掉核实日期");
        }
        return changes;
    }

    private static List<string> Disagreement(Disagreement before, Disagreement after)
    {
        var claims = before.Claims.Length != after.Claims.Length
            ? [$"说法从 {before.Claims.Length} 种变为 {after.Claims.Length} 种"]
            : after.Claims.Select((claim, i) => Modified(
                    (claim.Text != before.Claims[i].Text, $"第 {i + 1} 种说法的文字"),
                    (!claim.SourceIds.SequenceEqual(before.Claims[i].SourceIds, StringComparer.Ordinal), $"第 {i + 1} 种说法的来源")))
                .SelectMany(c => c).ToList();
        var decided = !before.Decisions.SequenceEqual(after.Decisions);
        return
        [
            .. Modified(
                (before.Topic != after.Topic, "问题"),
                (before.ParameterKey != after.ParameterKey || !before.Codes.SequenceEqual(after.Codes, StringComparer.Ordinal), "涉及的规则")),
            .. claims,
            .. decided ? [Decision(after)] : Array.Empty<string>(),
        ];
    }

    private static string Decision(Disagreement disagreement) => disagreement.Latest switch
    {
        null => "处理方式：无",
        { Resolution: Resolution.Follow, Follow: int follow } => $"处理方式：采用第 {follow + 1} 种说法",
        _ => "处理方式：请居民向当地核实",
    } + (disagreement.Decisions.Length > 1 ? $"（共 {disagreement.Decisions.Length} 段时间）" : "");

    private static List<string> Page(ContentPage before, ContentPage after) => Modified(
        (before.Title != after.Title, "标题"),
        (!before.SourceIds.SequenceEqual(after.SourceIds, StringComparer.Ordinal), "来源"),
        (before.LastVerified != after.LastVerified, "核实日期"),
        (before.Markdown != after.Markdown, "正文"));

    private static List<string> Source(Source before, Source after) => Modified(
        (before.Title != after.Title, "标题"),
        (before.Date != after.Date || before.DateNote != after.DateNote, "日期"),
        (before.Tier != after.Tier, "资料类型"),
        (before.SeenAt != after.SeenAt, "转载页面"),
        (before.Region != after.Region, "所讲地区"),
        (before.Publisher != after.Publisher || before.File != after.File, "发布单位或文件"),
        (before.Note != after.Note, "说明"));

    /// <summary>One item "修改了…" naming every changed field, or none.</summary>
    private static List<string> Modified(params (bool Changed, string What)[] fields) =>
        Changed(fields) is { Count: > 0 } changed ? [$"修改了{string.Join("、", changed)}"] : [];

    private static List<string> Changed(params (bool Changed, string What)[] fields) => [.. fields.Where(f => f.Changed).Select(f => f.What)];

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
