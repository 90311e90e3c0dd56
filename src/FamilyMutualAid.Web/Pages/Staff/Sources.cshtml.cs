using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>A source as staff see it: published, or new and waiting for the first record that cites it.</summary>
public sealed record StaffSourceRow(Source Source, string Url, bool IsNew, bool HasDraft);

/// <summary>Every source, and a form to add a new one; sources are shared by all regions, so only staff without region limits come here (<see cref="StaffRecordFilter"/>).</summary>
public sealed class SourcesModel(PolicyDbContext db, RecordEditor editor) : StaffPageModel
{
    /// <summary>Sources belong to every region: only staff without region limits may list or add them.</summary>
    public override string? UrlRegion => EditableKind.Everywhere;

    /// <summary>A list, and a form for a new record: no record to load.</summary>
    protected internal override RecordAddress? RecordNamedBy(string? handler) => null;

    [BindProperty] public string Yaml { get; set; } = "";

    [BindProperty] public string? Note { get; set; }

    public IReadOnlyList<StaffSourceRow> Rows { get; private set; } = [];

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var set = PolicyFileReader.ReadSourcesText(Yaml ?? "");
        Problems = [.. set.Problems.Select(p => StaffText.YamlProblem(p.InEditedText))];
        var records = EditableKind.RecordsIn(set);
        if (Problems.Count == 0 && records.Count != 1)
        {
            Problems = ["请只写一个来源：编号一行，下面缩进写它的字段。"];
        }
        if (Problems.Count > 0)
        {
            return ShowAgain(StatusCodes.Status400BadRequest);
        }
        var (_, id, payload) = records[0];
        var result = await editor.CreateDraftAsync(RecordKind.Source, id, null, payload, User.Identity!.Name!, Note, cancellationToken);
        if (result.Outcome == EditOutcome.Done)
        {
            return Redirect(RecordKind.Source.EditUrl(EditableKind.Everywhere, id) + "?saved=1");
        }
        Problems = [$"编号“{id}”已经有来源使用，请换一个编号，或去修改那个来源。"];
        return ShowAgain(StatusCodes.Status409Conflict);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var records = await db.Records.AsNoTracking().Include(r => r.Versions)
            .Where(r => r.Kind == RecordKind.Source)
            .ToListAsync(cancellationToken);
        Rows = [.. records
            .Select(r => (Record: r, Latest: RecordEditor.Latest(r)))
            .Select(r => new StaffSourceRow(
                Payloads.Deserialize<Source>(r.Latest.Payload),
                RecordKind.Source.EditUrl(EditableKind.Everywhere, r.Record.Key),
                RecordEditor.Published(r.Record) is null,
                RecordEditor.Draft(r.Record) is not null))
            .OrderBy(r => r.Source.Id, StringComparer.Ordinal)];
    }
}
