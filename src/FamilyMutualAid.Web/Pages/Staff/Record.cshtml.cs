using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Policy;
using FamilyMutualAid.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>
/// Edit one record kept as YAML (a region's policy parameter with its values by effective date and sources, a region's
/// disagreement with its claims and decision, or a source) as a draft, and publish it.
/// </summary>
public sealed class RecordModel(IAuthorizationService authorization, RecordEditor editor, PolicySnapshotProvider policy)
    : StaffRecordPageModel(authorization, editor)
{
    [BindProperty] public string Yaml { get; set; } = "";

    public PolicyYaml Kind { get; private set; } = PolicyYaml.Parameter;
    public string Region { get; private set; } = "";
    public string Key { get; private set; } = "";
    public string Label { get; private set; } = "";

    /// <summary>After a refused save: the version saved first, as text.</summary>
    public string? Theirs { get; private set; }

    public string RecordKey => Kind.RecordKey(Region, Key);
    public string EditUrl => Kind.EditUrl(Region, Key);

    /// <summary>Where residents see the record.</summary>
    public string PublicUrl => Kind.IsGlobal ? $"/sources#{Key}" : $"/regions/{Region}";

    public async Task<IActionResult> OnGetAsync(string section, string slug, string key, CancellationToken cancellationToken)
    {
        if (await LoadAsync(section, slug, key, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        Yaml = Draft?.DraftText ?? Kind.Render(policy.Current, Latest.Payload);
        Message = RedirectMessage("已发布，页面和判断已按新内容更新。");
        if (Draft?.DraftText is not null)
        {
            Problems = Kind.Parse(slug, key, Draft.DraftText).Problems;
            Message = "草稿尚不完整，发布前需要修正下列问题。";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string section, string slug, string key, CancellationToken cancellationToken)
    {
        if (await LoadAsync(section, slug, key, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        // Drafts may be incomplete: a text that does not read back yet is kept as the draft's text, beside the last valid content.
        var (payload, _) = Kind.Parse(slug, key, Yaml);
        var result = await Editor.SaveDraftAsync(Kind.RecordKind, RecordKey, BaseStamp, payload ?? Latest.Payload, payload is null ? Yaml : null, User.Identity!.Name!, Note, cancellationToken);
        if (result.Outcome == EditOutcome.Done)
        {
            return Redirect(EditUrl + "?saved=1");
        }
        await LoadAsync(section, slug, key, cancellationToken);
        Theirs = result.Version is null ? null : result.Version.DraftText ?? Kind.Render(policy.Current, result.Version.Payload);
        KeepTextAfterConflict(result.Version?.Author ?? "其他人");
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(string section, string slug, string key, CancellationToken cancellationToken)
    {
        if (await LoadAsync(section, slug, key, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        if (!CanPublish)
        {
            return Forbid();
        }
        var result = Draft is null
            ? new EditResult(EditOutcome.Conflict, null, ["没有待发布的草稿。"])
            : await Editor.PublishAsync(Kind.RecordKind, RecordKey, Draft.Id, User.Identity!.Name!, cancellationToken);
        if (result.Outcome == EditOutcome.Done)
        {
            return Redirect(EditUrl + "?published=1");
        }
        await LoadAsync(section, slug, key, cancellationToken);
        Yaml = Draft?.DraftText ?? Kind.Render(policy.Current, Latest.Payload);
        (Problems, Message) = (result.Problems, "不能发布。");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostRetireAsync(string section, string slug, string key, CancellationToken cancellationToken)
    {
        if (await LoadAsync(section, slug, key, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        Yaml = Draft?.DraftText ?? Kind.Render(policy.Current, Latest.Payload);
        return await RetireAsync(Kind.RecordKind, RecordKey, Kind.HistoryUrl(Region, Key), cancellationToken);
    }

    private async Task<IActionResult?> LoadAsync(string section, string slug, string key, CancellationToken cancellationToken)
    {
        (Kind, Region, Key) = (PolicyYaml.FromSection(section) ?? PolicyYaml.Parameter, slug, key);
        if (Kind.IsGlobal != (slug == PolicyYaml.Everywhere))
        {
            return NotFound();
        }
        Label = Kind.Label(policy.Current, slug, key);
        return await LoadRecordAsync(Kind.RecordKind, RecordKey, cancellationToken);
    }
}
