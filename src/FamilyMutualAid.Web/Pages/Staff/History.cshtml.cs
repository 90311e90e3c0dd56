using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>Every version of a page, parameter or disagreement with author, time and note; a diff between any two; rollback to a new draft.</summary>
public sealed class HistoryModel(IAuthorizationService authorization, RecordEditor editor, FamilyMutualAid.Web.Publishing.PolicySnapshotProvider policy)
    : StaffRecordPageModel(authorization, editor)
{
    /// <summary>The route's /staff/history/{slug}/{kind}/{channel?}; for a parameter, disagreement or source the channel is its key.</summary>
    public ContentKey Key => new(RouteValue("slug"), RouteValue("kind"), RouteData.Values["channel"] as string);

    public DiffPaneModel? Diff { get; private set; }

    public PolicyRecordVersion? From { get; private set; }

    public PolicyRecordVersion? To { get; private set; }

    /// <summary>Parameters and disagreements use /staff/history/{slug}/{parameter|disagreement}/{key}; anything else is a content page.</summary>
    public EditableKind? Yaml => EditableKind.Find(Key.Kind);

    public RecordKind Kind => (RecordKind?)Yaml ?? RecordKind.Page;

    public string RecordKey => Yaml is null ? Key.RecordKey : Yaml.RecordKey(Key.Region, Key.Channel ?? "");

    public string EditUrl => Yaml?.EditUrl(Key.Region, Key.Channel ?? "") ?? Key.Url;

    /// <summary>The record the route names: /staff/history/{slug}/{kind}/{channel?}, a page unless the kind is a parameter, disagreement or source.</summary>
    protected internal override RecordAddress? RecordNamedBy(string? handler) => RecordAddress.Of(Kind, RecordKey);

    public IActionResult OnGet(int? from, int? to)
    {
        Message = Request.Query.ContainsKey("retired") ? "已停用：公开页面和判断不再使用它。要恢复，请回滚到某个版本，再发布。" : null;
        // Without a choice, compare the newest version with the one before it: what the last change did.
        From = from is null && to is null ? Versions.Skip(1).FirstOrDefault() : Versions.FirstOrDefault(v => v.Number == from);
        To = from is null && to is null ? (From is null ? null : Versions[0]) : Versions.FirstOrDefault(v => v.Number == to);
        if (From is not null && To is not null)
        {
            Diff = InlineDiffBuilder.Diff(Text(From), Text(To));
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRollbackAsync(int versionId, Guid stamp, CancellationToken cancellationToken)
    {
        var result = await Editor.RollbackAsync(Kind, RecordKey, versionId, stamp, User.Identity!.Name!, cancellationToken);
        if (result.Outcome == EditOutcome.Done)
        {
            return Redirect(EditUrl + "?saved=1");
        }
        await ReloadAsync(cancellationToken);
        Message = "回滚被拒绝：页面在您打开历史之后又被修改了，请查看最新版本后再试。";
        return ShowAgain(StatusCodes.Status409Conflict);
    }

    /// <summary>What residents see it as: the region's name and the page's title, the rule's label or the disagreement's topic.</summary>
    public string Title
    {
        get
        {
            var current = policy.Current;
            var region = current.FindRegion(Key.Region)?.Name;
            var what = Yaml is not null ? Yaml.Label(current, Key.Region, Key.Channel ?? "") : Payloads.Deserialize<ContentPage>(Latest.Payload).Title;
            return region is null || Yaml?.IsGlobal == true ? what : $"{region} · {what}";
        }
    }

    /// <summary>What a version changed against the one before it, in one line.</summary>
    public string Summary(PolicyRecordVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return VersionSummary.Of(Kind, version, Versions.Where(v => v.Number < version.Number).MaxBy(v => v.Number));
    }

    public FamilyMutualAid.Rules.PolicySnapshot Current => policy.Current;

    /// <summary>A version as the text staff compare (the same text the review page diffs).</summary>
    public string Text(PolicyRecordVersion version) => StaffRecords.Text(Kind, version, policy.Current);
}
