using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Policy;
using FamilyMutualAid.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>Edit one policy parameter of a region (its values by effective date, with sources) as a draft, and publish it.</summary>
public sealed class ParameterModel(UserManager<StaffUser> users, IAuthorizationService authorization, RecordEditor editor, PolicySnapshotProvider policy) : PageModel
{
    [BindProperty] public string Yaml { get; set; } = "";
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public Guid BaseStamp { get; set; }

    public string Region { get; private set; } = "";
    public string Key { get; private set; } = "";
    public string Label { get; private set; } = "";
    public PolicyRecordVersion? Published { get; private set; }
    public PolicyRecordVersion? Draft { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public string? Message { get; private set; }
    public bool CanPublish { get; private set; }
    public string RecordKey => $"{Region}/{Key}";
    public string EditUrl => $"/staff/parameters/{Region}/{Key}";

    public async Task<IActionResult> OnGetAsync(string slug, string key, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, key, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        Yaml = Draft?.DraftText ?? ParameterText.Render(policy.Current, Payloads.Deserialize<PolicyParameter>((Draft ?? Published)!.Payload));
        Message = Request.Query.ContainsKey("saved") ? "草稿已保存。" : Request.Query.ContainsKey("published") ? "已发布，页面和判断已按新规则更新。" : null;
        if (Draft?.DraftText is not null)
        {
            Problems = ParameterText.Parse(slug, key, Draft.DraftText).Problems;
            Message = "草稿尚不完整，发布前需要修正下列问题。";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string slug, string key, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, key, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        // Drafts may be incomplete: a text that does not read back yet is kept as the draft's text, beside the last valid content.
        var (parameter, _) = ParameterText.Parse(slug, key, Yaml);
        var payload = parameter is null ? (Draft ?? Published)!.Payload : Payloads.Serialize(parameter);
        var result = await editor.SaveDraftAsync(RecordKinds.Parameter, RecordKey, BaseStamp, payload, parameter is null ? Yaml : null, User.Identity!.Name!, Note, cancellationToken);
        if (result.Outcome == EditOutcome.Done)
        {
            return Redirect(EditUrl + "?saved=1");
        }
        await LoadAsync(slug, key, cancellationToken);
        Message = $"保存被拒绝：{result.Version?.Author ?? "其他人"}在您打开之后保存了新的版本（见下方）。您的文字仍在编辑框里，请合并后再保存。";
        Problems = result.Version is null ? [] : [ParameterText.Render(policy.Current, Payloads.Deserialize<PolicyParameter>(result.Version.Payload))];
        ModelState.Remove(nameof(BaseStamp));
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(string slug, string key, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, key, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        if (!CanPublish)
        {
            return Forbid();
        }
        var result = Draft is null
            ? new EditResult(EditOutcome.Conflict, null, ["没有待发布的草稿。"])
            : await editor.PublishAsync(RecordKinds.Parameter, RecordKey, Draft.Id, User.Identity!.Name!, cancellationToken);
        if (result.Outcome == EditOutcome.Done)
        {
            return Redirect(EditUrl + "?published=1");
        }
        await LoadAsync(slug, key, cancellationToken);
        Yaml = ParameterText.Render(policy.Current, Payloads.Deserialize<PolicyParameter>((Draft ?? Published)!.Payload));
        (Problems, Message) = (result.Problems, "不能发布。");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string slug, string key, CancellationToken cancellationToken)
    {
        (Region, Key) = (slug, key);
        if (await users.GetUserAsync(User) is not { } staff || !staff.MayWorkOn(slug))
        {
            return Forbid();
        }
        if (await editor.FindAsync(RecordKinds.Parameter, RecordKey, cancellationToken) is not { } record)
        {
            return NotFound();
        }
        (Published, Draft) = (RecordEditor.Published(record), RecordEditor.Draft(record));
        Label = policy.Current.FindDefinition(key)?.Label ?? key;
        BaseStamp = record.ConcurrencyStamp;
        CanPublish = (await authorization.AuthorizeAsync(User, StaffSetup.PublisherPolicy)).Succeeded;
        return null;
    }
}
