using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Policy;
using FamilyMutualAid.Web.Publishing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>
/// A new source, as a form any editor may fill in (a region-limited one names only their regions, or none). It is saved
/// as a draft and published with the first record citing it, in that record's review. Opened from a rule's or
/// disagreement's source picker, it goes back to that form with the new source ticked.
/// </summary>
public sealed class NewSourceModel(UserManager<StaffUser> users, RecordEditor editor, PolicySnapshotProvider policy, PolicyDbContext db, TimeProvider clock)
    : StaffPageModel
{
    public const string Prefix = nameof(SourceEdit);

    /// <summary>Sources are shared by every region, but creating one is open to every editor: the URL names no region.</summary>
    public override string? UrlRegion => null;

    /// <summary>A form for a new record: no record to load.</summary>
    protected internal override RecordAddress? RecordNamedBy(string? handler) => null;

    [BindProperty] public TypedSource SourceEdit { get; set; } = new();

    [BindProperty] public string? Note { get; set; }

    /// <summary>The staff form to go back to (a rule's or disagreement's edit page), with the new source ticked.</summary>
    [BindProperty(SupportsGet = true, Name = "return")] public string? ReturnTo { get; set; }

    /// <summary>The source list of that form to tick the new source in (e.g. ParameterEdit.Rows[0].Sources).</summary>
    [BindProperty(SupportsGet = true, Name = "into")] public string? Into { get; set; }

    public IReadOnlyList<Region> RegionChoices { get; private set; } = [];

    public string? Message { get; private set; }

    /// <summary>Whether this user may also see and edit the source list and the YAML (staff without region limits).</summary>
    public bool Unrestricted { get; private set; }

    public string? ProblemOf(string field) => ModelState.TryGetValue($"{Prefix}.{field}", out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public int ProblemCount => ModelState.Values.Sum(v => v.Errors.Count);

    public async Task<IActionResult> OnGetAsync(string? created, CancellationToken cancellationToken)
    {
        await PrepareAsync(cancellationToken);
        if (await RestoreKeptFormAsync() is not null)
        {
            Message = RestoredMessage;
            return Page();
        }
        if (created is not null && await db.Records.AsNoTracking().AnyAsync(r => r.Kind == RecordKind.Source && r.Key == created, cancellationToken))
        {
            Message = "新来源已保存为草稿。引用它的规则、分歧或页面提交审核并发布时，它会一起发布。";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var staff = await PrepareAsync(cancellationToken);
        if (staff is null)
        {
            return StaffRecordFilter.Denied();
        }
        foreach (var problem in SourceForm.Problems(SourceEdit, Prefix, PolicyText.Today(clock), staff, policy.Current))
        {
            ModelState.AddModelError(problem.Field, problem.Message);
        }
        if (!ModelState.IsValid)
        {
            return ShowAgain(StatusCodes.Status400BadRequest);
        }
        var taken = (await db.Records.AsNoTracking().Where(r => r.Kind == RecordKind.Source).Select(r => r.Key).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var id = SourceEdit.NewId(taken);
        // Written as the files write it and read back by the importer's own reader, so the same checks apply.
        var text = RecordKind.Source.Render(policy.Current, Payloads.Serialize(SourceEdit.ToSource(id)));
        var (payload, problems) = RecordKind.Source.Parse(EditableKind.Everywhere, id, text);
        if (payload is null)
        {
            Message = "没有保存：这个来源还不能保存（" + string.Join("；", problems) + "）。您填写的内容还在下面。";
            return ShowAgain(StatusCodes.Status400BadRequest);
        }
        var result = await editor.CreateDraftAsync(RecordKind.Source, id, null, payload, User.Identity!.Name!, Note, cancellationToken);
        if (result.Outcome != EditOutcome.Done)
        {
            // Another editor took the same id a moment ago: the next save picks the next number.
            Message = "没有保存：刚才有人同时新增了来源，请再点一次“保存新来源”。您填写的内容还在下面。";
            return ShowAgain(StatusCodes.Status409Conflict);
        }
        if (LocalReturn() is { } back)
        {
            return Redirect($"{back}?cite={Uri.EscapeDataString(id)}&into={Uri.EscapeDataString(Into ?? "")}");
        }
        return Redirect(Unrestricted ? RecordKind.Source.EditUrl(EditableKind.Everywhere, id) + "?saved=1" : $"/staff/sources/new?created={Uri.EscapeDataString(id)}");
    }

    /// <summary>The form to go back to, only a staff record's edit page on this site.</summary>
    public string? LocalReturn() =>
        ReturnTo is { } url && Url.IsLocalUrl(url) && !url.Contains('?', StringComparison.Ordinal)
        && (url.StartsWith("/staff/parameters/", StringComparison.Ordinal) || url.StartsWith("/staff/disagreements/", StringComparison.Ordinal))
            ? url : null;

    private async Task<StaffUser?> PrepareAsync(CancellationToken cancellationToken)
    {
        var staff = await users.GetUserAsync(User);
        cancellationToken.ThrowIfCancellationRequested();
        if (staff is not null)
        {
            RegionChoices = SourceForm.RegionsFor(staff, policy.Current);
            Unrestricted = staff.RegionList.Count == 0;
        }
        return staff;
    }
}
