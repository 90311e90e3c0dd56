using System.Text.RegularExpressions;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>
/// Edit one record kept as YAML (a region's policy parameter with its values by effective date and sources, a region's
/// disagreement with its claims and decision, or a source) as a draft, and publish it. Parameters and disagreements
/// are edited in a form that stands for the same YAML text the 高级 view shows; either may leave a draft incomplete.
/// </summary>
public sealed partial class RecordModel(IAuthorizationService authorization, RecordEditor editor, PolicySnapshotProvider policy, PolicyDbContext db,
    UserManager<StaffUser> users, TimeProvider clock)
    : StaffRecordPageModel(authorization, editor)
{
    public const string SourcePrefix = nameof(SourceEdit);

    /// <summary>A source's fields as the form posts them.</summary>
    [BindProperty] public TypedSource SourceEdit { get; set; } = new();

    /// <summary>The regions a source may be said to be about, for this user.</summary>
    public IReadOnlyList<Region> SourceRegions { get; private set; } = [];

    /// <summary>A problem of the source form beside its field (named without the prefix).</summary>
    public string? SourceProblemOf(string field) =>
        ModelState.TryGetValue($"{SourcePrefix}.{field}", out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public const string ParameterPrefix = nameof(ParameterEdit);
    public const string DisagreementPrefix = nameof(DisagreementEdit);

    [BindProperty] public string Yaml { get; set; } = "";

    /// <summary>A parameter's dated values as the form posts them.</summary>
    [BindProperty] public ParameterForm ParameterEdit { get; set; } = new();

    /// <summary>A disagreement's claims and decisions as the form posts them.</summary>
    [BindProperty] public DisagreementForm DisagreementEdit { get; set; } = new();

    public EditableKind Kind { get; private set; } = RecordKind.Parameter;
    public string Region { get; private set; } = "";
    public string Key { get; private set; } = "";
    public string Label { get; private set; } = "";

    /// <summary>The region's Chinese name, as residents see it.</summary>
    public string RegionName => policy.Current.FindRegion(Region)?.Name ?? Region;

    /// <summary>After a refused save: the version saved first, as text.</summary>
    public string? Theirs { get; private set; }

    /// <summary>What the form says is missing or wrong, by field name, shown beside each field.</summary>
    public IReadOnlyDictionary<string, string> FieldProblems { get; private set; } = new Dictionary<string, string>();

    /// <summary>The draft's text is not YAML the form can show (a syntax error): the form shows the last complete version.</summary>
    public bool FormUnreadable { get; private set; }

    /// <summary>Whether to show the 高级 (YAML) view open: after a YAML save, or when its text has problems.</summary>
    public bool AdvancedOpen { get; private set; }

    public IReadOnlyList<SourceChoice> SourceChoices { get; private set; } = [];

    /// <summary>The definition of the parameter edited (or of the parameter a disagreement is about).</summary>
    public ParameterDefinition? Definition => policy.Current.FindDefinition(Kind == RecordKind.Disagreement ? DisagreementEdit.Parameter ?? "" : Key);

    public PolicySnapshot Current => policy.Current;

    /// <summary>Whether the record is edited in a form (parameters and disagreements) rather than only as YAML.</summary>
    public bool HasForm => !Kind.IsGlobal;

    public string RecordKey => Kind.RecordKey(Region, Key);
    public string EditUrl => Kind.EditUrl(Region, Key);

    /// <summary>Where residents see the record.</summary>
    public string PublicUrl => Kind.IsGlobal ? $"/sources#{Key}" : $"/regions/{Region}";

    /// <summary>Whether this is a national record (the base every region inherits), where a value may be adopted province by province.</summary>
    public bool IsBaseRegion => Editor.IsBaseRegion(Region);

    public string? ProblemOf(string field) => FieldProblems.GetValueOrDefault(field);

    /// <summary>An HTML id for a field name such as ParameterEdit.Rows[0].From.</summary>
    public static string IdOf(string field) => NotIdCharacter().Replace(field ?? "", "-");

    /// <summary>The record the route names: /staff/{section}/{slug}/{key}.</summary>
    protected internal override RecordAddress? RecordNamedBy(string? handler)
    {
        var kind = EditableKind.FromSection(RouteValue("section")) ?? RecordKind.Parameter;
        return RecordAddress.Of(kind, kind.RecordKey(RouteValue("slug"), RouteValue("key")));
    }

    protected override async Task<IActionResult?> OnRecordLoadedAsync(CancellationToken cancellationToken)
    {
        (Kind, Region, Key) = ((Record.Kind as EditableKind)!, RouteValue("slug"), RouteValue("key"));
        Label = Kind.Label(policy.Current, Region, Key);
        SourceChoices = HasForm ? await SourceChoice.ListAsync(db, policy.Current, cancellationToken) : [];
        if (Kind == RecordKind.Source && await users.GetUserAsync(User) is { } staff)
        {
            SourceRegions = SourceForm.RegionsFor(staff, policy.Current);
        }
        return await base.OnRecordLoadedAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetAsync()
    {
        Yaml = Draft?.DraftText ?? Kind.Render(policy.Current, Latest.Payload);
        Message = RedirectMessage("已发布，页面和判断已按新内容更新。");
        if (Draft?.DraftText is not null)
        {
            Problems = [.. Kind.Parse(Region, Key, Draft.DraftText).Problems.Select(StaffText.YamlProblem)];
            Message = "草稿尚不完整，发布前需要修正下列问题。";
        }
        if (await RestoreKeptFormAsync() is { } restored)
        {
            ShowRestored(restored);
            return Page();
        }
        ShowForm(Yaml);
        TickNewSource();
        return Page();
    }

    /// <summary>Shows what was posted after the sign-in expired, in the view it was posted from (the form or the YAML).</summary>
    private void ShowRestored(IReadOnlyCollection<string> fields)
    {
        Message = RestoredMessage;
        if (fields.Contains(nameof(Yaml)))
        {
            ShowForm(Yaml);
            AdvancedOpen = HasForm || Kind.IsGlobal;
        }
        else if (HasForm)
        {
            FieldProblems = FormProblems();
            if (Kind != RecordKind.Parameter || ParameterEdit.Blocking(ParameterPrefix).Count == 0)
            {
                Yaml = FormText();
            }
        }
    }

    /// <summary>Whether the form shows a new source ticked that is not saved yet.</summary>
    public bool TickedNotSaved { get; private set; }

    /// <summary>Back from 新增来源: ticks the new source in the list the button was pressed in (not saved until 保存草稿).</summary>
    private void TickNewSource()
    {
        var (cite, into) = (Request.Query["cite"].ToString(), Request.Query["into"].ToString());
        if (SourceChoices.FirstOrDefault(c => c.Id == cite) is not { } source || SourceListName().Match(into) is not { Success: true } match)
        {
            return;
        }
        var index = int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
        List<string>? list = (Kind == RecordKind.Parameter, match.Groups["form"].Value) switch
        {
            (true, ParameterPrefix) when index < ParameterEdit.Rows.Count => ParameterEdit.Rows[index].Sources,
            (false, DisagreementPrefix) when index < DisagreementEdit.Claims.Count => DisagreementEdit.Claims[index].Sources,
            _ => null,
        };
        if (list is null)
        {
            return;
        }
        if (!list.Contains(source.Id, StringComparer.Ordinal))
        {
            list.Add(source.Id);
        }
        FieldProblems = FormProblems();
        TickedNotSaved = true;
        Message = $"新来源“{source.Title}”已保存为草稿，并在下面勾选。请点“保存草稿”保存这个勾选；它会随这条内容一起审核、发布。";
    }

    /// <summary>Saves the form as the draft: its YAML read back by the importer's reader, or kept as an incomplete draft's text.</summary>
    public Task<IActionResult> OnPostSaveFormAsync(CancellationToken cancellationToken) => SaveFormAsync(() => EditUrl + "?saved=1", cancellationToken);

    /// <summary>Saves a source's form as its draft: written as the files write it and read back by the importer's reader.</summary>
    public async Task<IActionResult> OnPostSaveSourceAsync(CancellationToken cancellationToken)
    {
        if (Kind != RecordKind.Source || await users.GetUserAsync(User) is not { } staff)
        {
            return NotFound();
        }
        // A source from the repository's documents keeps its file.
        var file = Payloads.Deserialize<Source>(Latest.Payload).File;
        foreach (var problem in SourceForm.Problems(SourceEdit, SourcePrefix, PolicyText.Today(clock), staff, policy.Current, hasFile: file is not null))
        {
            ModelState.AddModelError(problem.Field, problem.Message);
        }
        Yaml = Draft?.DraftText ?? Kind.Render(policy.Current, Latest.Payload);
        // Only the source form's own fields count: the page's other forms (the YAML) are not posted by this one.
        if (ModelState.Any(entry => entry.Key.StartsWith(SourcePrefix + ".", StringComparison.Ordinal) && entry.Value?.Errors.Count > 0))
        {
            Message = "还不能保存：请先修改下面标出的地方，您填写的内容都还在。";
            return ShowAgain(StatusCodes.Status400BadRequest);
        }
        var (payload, problems) = Kind.Parse(Region, Key, Kind.Render(policy.Current, Payloads.Serialize(SourceEdit.ToSource(Key, file))));
        if (payload is null)
        {
            (Problems, Message) = ([.. problems.Select(StaffText.YamlProblem)], "还不能保存，您填写的内容都还在。");
            return ShowAgain(StatusCodes.Status400BadRequest);
        }
        var result = await Editor.SaveDraftAsync(Kind, RecordKey, SaveStamp, payload, null, User.Identity!.Name!, Note, cancellationToken);
        if (result.Outcome == EditOutcome.Done)
        {
            return Redirect(EditUrl + "?saved=1");
        }
        await ReloadAsync(cancellationToken);
        Theirs = result.Version is null ? null : result.Version.DraftText ?? Kind.Render(policy.Current, result.Version.Payload);
        return KeepTextAfterConflict(result.Version?.Author ?? "其他人");
    }

    /// <summary>The source list the 新增来源 button was pressed in (e.g. ParameterEdit.Rows[0].Sources).</summary>
    [BindProperty] public string? NewSourceFor { get; set; }

    /// <summary>
    /// 新增来源: saves the form as the draft, as 保存草稿 does (so nothing typed is lost), then opens the new-source form,
    /// which comes back here with the new source ticked in the list the button was in.
    /// </summary>
    public Task<IActionResult> OnPostNewSourceAsync(CancellationToken cancellationToken) =>
        SaveFormAsync(() => $"/staff/sources/new?return={Uri.EscapeDataString(EditUrl)}&into={Uri.EscapeDataString(SourceListAfterSave() ?? "")}", cancellationToken);

    /// <summary>
    /// The source list the 新增来源 button was in, named as the saved form will show it: the text writes a parameter's
    /// rows by date and leaves out rows and claims ticked for removal, so the row's number can change.
    /// </summary>
    private string? SourceListAfterSave()
    {
        if (SourceListName().Match(NewSourceFor ?? "") is not { Success: true } match)
        {
            return null;
        }
        var index = int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var saved = Kind == RecordKind.Parameter
            ? ParameterEdit.Kept.OrderBy(k => TypedYaml.Date(k.Row.From) ?? DateOnly.MaxValue).Select(k => k.Index).ToList()
            : DisagreementEdit.KeptClaims.Select(k => k.Index).ToList();
        var position = saved.IndexOf(index);
        return position < 0 ? null : Kind == RecordKind.Parameter ? $"{ParameterPrefix}.Rows[{position}].Sources" : $"{DisagreementPrefix}.Claims[{position}].Sources";
    }

    private async Task<IActionResult> SaveFormAsync(Func<string> next, CancellationToken cancellationToken)
    {
        if (!HasForm)
        {
            return NotFound();
        }
        if (Kind == RecordKind.Parameter && ParameterEdit.Blocking(ParameterPrefix) is { Count: > 0 })
        {
            // No text can hold a row without a date, or two rows of one date: nothing is saved, and the form shows what was typed.
            FieldProblems = ParameterEdit.Problems(ParameterPrefix, Definition);
            Yaml = Draft?.DraftText ?? Kind.Render(policy.Current, Latest.Payload);
            Message = "还不能保存：请先修改下面标出的地方。";
            return ShowAgain(StatusCodes.Status400BadRequest);
        }
        var text = FormText();
        var problems = FormProblems();
        var (payload, _) = Kind.Parse(Region, Key, text);
        // What the form finds wrong (a number that is not one, a row without sources) keeps the draft incomplete too.
        payload = problems.Count == 0 ? payload : null;
        var result = await Editor.SaveDraftAsync(Kind, RecordKey, SaveStamp, payload ?? Latest.Payload, payload is null ? text : null, User.Identity!.Name!, Note, cancellationToken);
        if (result.Outcome == EditOutcome.Done)
        {
            return Redirect(next());
        }
        await ReloadAsync(cancellationToken);
        Theirs = result.Version is null ? null : result.Version.DraftText ?? Kind.Render(policy.Current, result.Version.Payload);
        (Yaml, FieldProblems) = (text, problems);
        return KeepTextAfterConflict(result.Version?.Author ?? "其他人");
    }

    /// <summary>Adds a dated value to the form (a copy of the last one to change), without saving.</summary>
    public IActionResult OnPostAddRow() => ChangeForm(() => ParameterEdit.AddRow());

    /// <summary>Adds a claim to the form, without saving.</summary>
    public IActionResult OnPostAddClaim() => ChangeForm(() => DisagreementEdit.Claims.Add(new ClaimRow()));

    /// <summary>Adds a period with its own decision to the form, without saving.</summary>
    public IActionResult OnPostAddDecision() => ChangeForm(() => DisagreementEdit.AddDecision());

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        // An emptied text is bound as null; it is an incomplete draft like any other text.
        Yaml ??= "";
        if (TextBounds.Yaml(Yaml) is { } breach)
        {
            // Refused rather than kept as an incomplete draft: every later look at the draft would read it again.
            (Problems, Message, AdvancedOpen) = ([$"第 {breach.Line} 行: {breach.Message}"], "没有保存：YAML 有下列问题，您的文字还在下面。", true);
            ShowForm(Yaml);
            return ShowAgain(StatusCodes.Status400BadRequest);
        }
        // Drafts may be incomplete: a text that does not read back yet is kept as the draft's text, beside the last valid content.
        var (payload, _) = Kind.Parse(Region, Key, Yaml);
        var result = await Editor.SaveDraftAsync(Kind, RecordKey, SaveStamp, payload ?? Latest.Payload, payload is null ? Yaml : null, User.Identity!.Name!, Note, cancellationToken);
        if (result.Outcome == EditOutcome.Done)
        {
            return Redirect(EditUrl + "?saved=1");
        }
        await ReloadAsync(cancellationToken);
        Theirs = result.Version is null ? null : result.Version.DraftText ?? Kind.Render(policy.Current, result.Version.Payload);
        ShowForm(Yaml);
        AdvancedOpen = true;
        return KeepTextAfterConflict(result.Version?.Author ?? "其他人");
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        if (!CanPublish)
        {
            return Forbid();
        }
        var result = Draft is null
            ? new EditResult(EditOutcome.Conflict, null, ["没有待发布的草稿。"])
            : await Editor.PublishAsync(Kind, RecordKey, Draft.Id, User.Identity!.Name!, cancellationToken);
        if (result.Outcome == EditOutcome.Done)
        {
            return Redirect(EditUrl + "?published=1");
        }
        await ReloadAsync(cancellationToken);
        Yaml = Draft?.DraftText ?? Kind.Render(policy.Current, Latest.Payload);
        ShowForm(Yaml);
        (Problems, Message) = (result.Problems, "不能发布。");
        return ShowAgain(StatusCodes.Status400BadRequest);
    }

    public Task<IActionResult> OnPostRetireAsync(CancellationToken cancellationToken)
    {
        Yaml = Draft?.DraftText ?? Kind.Render(policy.Current, Latest.Payload);
        ShowForm(Yaml);
        return RetireAsync(Kind.HistoryUrl(Region, Key), cancellationToken);
    }

    /// <summary>The form as YAML text (the parameter's or the disagreement's).</summary>
    private string FormText() => Kind == RecordKind.Parameter
        ? ParameterKind.WriteTyped(ParameterEdit, Region, Key, Definition, policy.Current.Vocabulary)
        : DisagreementKind.WriteTyped(DisagreementEdit, Region, Key);

    private Dictionary<string, string> FormProblems() => Kind == RecordKind.Parameter
        ? ParameterEdit.Problems(ParameterPrefix, Definition)
        : DisagreementEdit.Problems(DisagreementPrefix);

    /// <summary>Fills the form from a YAML text; when it is not readable YAML, from the last complete version.</summary>
    private void ShowForm(string text)
    {
        if (Kind == RecordKind.Source)
        {
            var (payload, _) = Kind.Parse(Region, Key, text);
            FormUnreadable = payload is null;
            SourceEdit = TypedSource.Of(Payloads.Deserialize<Source>(payload ?? Latest.Payload));
            AdvancedOpen |= FormUnreadable;
            return;
        }
        if (!HasForm)
        {
            return;
        }
        var fallback = Kind.Render(policy.Current, Latest.Payload);
        if (Kind == RecordKind.Parameter)
        {
            FormUnreadable = ParameterKind.ReadTyped<ParameterForm>(text, Key) is null;
            ParameterEdit = ParameterKind.ReadTyped<ParameterForm>(text, Key) ?? ParameterKind.ReadTyped<ParameterForm>(fallback, Key) ?? new();
        }
        else
        {
            FormUnreadable = DisagreementKind.ReadTyped<DisagreementForm>(text, Key) is null;
            DisagreementEdit = DisagreementKind.ReadTyped<DisagreementForm>(text, Key) ?? DisagreementKind.ReadTyped<DisagreementForm>(fallback, Key) ?? new();
        }
        FieldProblems = FormProblems();
        AdvancedOpen |= FormUnreadable;
    }

    private IActionResult ChangeForm(Action change)
    {
        if (!HasForm)
        {
            return NotFound();
        }
        change();
        Yaml = Kind == RecordKind.Parameter && ParameterEdit.Blocking(ParameterPrefix).Count > 0
            ? Draft?.DraftText ?? Kind.Render(policy.Current, Latest.Payload)
            : FormText();
        Message = "已在表单中添加，尚未保存。";
        return Page();
    }

    [GeneratedRegex(@"^(?<form>ParameterEdit|DisagreementEdit)\.(?:Rows|Claims)\[(?<index>\d{1,3})\]\.Sources$")]
    private static partial Regex SourceListName();

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex NotIdCharacter();
}
