using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>One content record of a region as staff see it: published title and whether a draft waits.</summary>
public sealed record StaffContentRow(ContentKey Key, string Title, bool HasDraft, DateOnly LastVerified, bool IsNew = false);

/// <summary>A parameter or disagreement of a region as staff see it.</summary>
public sealed record StaffYamlRow(string Key, string Label, string Url, bool HasDraft, bool IsNew);

/// <summary>A region's editable pages, parameters and disagreements, for staff allowed to work on it; and a form to add a parameter or disagreement of its own.</summary>
public sealed class RegionModel(PolicyDbContext db, PolicySnapshotProvider policy, RecordEditor editor, TimeProvider clock) : StaffPageModel
{
    /// <summary>A new parameter or disagreement, as the region's policy file would hold it.</summary>
    [BindProperty] public string? Yaml { get; set; }

    [BindProperty] public string? Note { get; set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>The kind of a new page (one of the kinds the region does not have yet).</summary>
    [BindProperty] public string? PageKind { get; set; }

    [BindProperty] public string? PageTitle { get; set; }

    /// <summary>For a new binding channel: its id within the region (the file name under channels/).</summary>
    [BindProperty] public string? ChannelId { get; set; }

    [BindProperty] public ChannelMode? ChannelMode { get; set; }

    /// <summary>The title of the page of this kind residents see now (the nearest parent region's), if any.</summary>
    public string? InheritedTitle(string kind) =>
        policy.Current.LineageOf(Region.Slug).Skip(1).Select(r => policy.Current.FindPage(r.Slug, kind)).OfType<ContentPage>().FirstOrDefault()?.Title;

    /// <summary>The page kinds the region does not have yet.</summary>
    public IReadOnlyList<string> MissingKinds { get; private set; } = [];

    public Region Region { get; private set; } = null!;

    public IReadOnlyList<StaffContentRow> Rows { get; private set; } = [];

    /// <summary>The region's own parameters and disagreements: where to edit each, its name, whether a draft waits.</summary>
    public IReadOnlyList<StaffYamlRow> Parameters { get; private set; } = [];

    /// <inheritdoc cref="Parameters"/>
    public IReadOnlyList<StaffYamlRow> Disagreements { get; private set; } = [];

    /// <summary>The key of a parameter the region starts having of its own, chosen by its label.</summary>
    [BindProperty] public string? NewParameter { get; set; }

    /// <summary>The parameters the region does not have of its own yet, by label.</summary>
    public IReadOnlyList<ParameterDefinition> MissingParameters { get; private set; } = [];

    /// <summary>Whose rule the region follows now for a parameter it does not have (the nearest parent region's name).</summary>
    public string? InheritedFrom(string key) =>
        policy.Current.Resolve(Region.Slug, key, PolicyText.Today(clock)) is { Inherited: true } value ? value.Owner.Name : null;

    /// <summary>The region the route names: /staff/regions/{slug}.</summary>
    protected internal override RecordAddress? RecordNamedBy(string? handler) => RecordAddress.Of(RecordKind.Region, RouteValue("slug"));

    public IActionResult OnGet() => Page();

    /// <summary>The new parameter's and the new page's forms are checked against what the region has.</summary>
    protected internal override IEnumerable<FieldProblem>? CheckForm(string? handler) => handler switch
    {
        "CreateParameter" => CheckNewParameter(),
        "CreatePage" => CheckNewPage(),
        _ => null,
    };

    private IEnumerable<FieldProblem> CheckNewParameter()
    {
        if (!MissingParameters.Any(d => d.Key == NewParameter))
        {
            yield return new(nameof(NewParameter), "请从列表中选择这个地区还没有的规则。");
        }
    }

    private IEnumerable<FieldProblem> CheckNewPage()
    {
        var isChannel = PageKind == ContentPage.ChannelKind;
        if (!isChannel && !MissingKinds.Contains(PageKind ?? "", StringComparer.Ordinal))
        {
            yield return new(nameof(PageKind), "请选择这个地区还没有的页面类型。");
        }
        if (isChannel && !ContentKinds.IsChannelId(ChannelId))
        {
            yield return new(nameof(ChannelId), "渠道编号只能用小写字母、数字和“-”，以字母或数字开头，最多 40 个字符，例如 suishenban。");
        }
        else if (isChannel && Rows.Any(r => r.Key.Channel == ChannelId))
        {
            yield return new(nameof(ChannelId), $"这个地区已经有渠道“{ChannelId}”，请在上面的列表里打开它。");
        }
        if (isChannel && ChannelMode is null)
        {
            yield return new(nameof(ChannelMode), "请选择线上还是线下办理。");
        }
        if (string.IsNullOrWhiteSpace(PageTitle))
        {
            yield return new(nameof(PageTitle), "请填写页面标题。");
        }
        else if (PageTitle.Trim().Length > 100)
        {
            yield return new(nameof(PageTitle), "标题最多 100 个字。");
        }
    }

    /// <summary>
    /// Starts a parameter of the region's own as an incomplete draft: one value from today, a copy of the value it
    /// inherits today, its sources to be chosen in the form it opens in.
    /// </summary>
    public async Task<IActionResult> OnPostCreateParameterAsync(CancellationToken cancellationToken)
    {
        var (slug, definition) = (Region.Slug, MissingParameters.First(d => d.Key == NewParameter));
        var today = PolicyText.Today(clock);
        var starting = ParameterForm.Starting(today, policy.Current.Resolve(slug, definition.Key, today)?.Value.Value);
        var text = ParameterKind.WriteTyped(starting, slug, definition.Key, definition, policy.Current.Vocabulary);
        var empty = new PolicyParameter(slug, definition.Key, [], null);
        var kind = RecordKind.Parameter;
        var result = await editor.CreateDraftAsync(kind, kind.RecordKey(slug, definition.Key), slug, Payloads.Serialize(empty), User.Identity!.Name!, Note, cancellationToken, draftText: text);
        if (result.Outcome == EditOutcome.Done)
        {
            return Redirect(kind.EditUrl(slug, definition.Key) + "?saved=1");
        }
        return ShowAgain(StatusCodes.Status409Conflict, nameof(NewParameter), $"{Region.Name}刚有了“{definition.Label}”，请到上面的列表里修改它。");
    }

    /// <summary>Adds a parameter or disagreement the region does not have yet, as a draft; it goes live when published.</summary>
    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var slug = Region.Slug;
        var set = PolicyFileReader.ReadPolicyText(slug, Yaml ?? "");
        var problems = set.Problems.Select(p => p.InEditedText).ToList();
        var items = EditableKind.RecordsIn(set);
        if (problems.Count == 0 && items.Count != 1)
        {
            problems.Add("请只写一项：parameters 下的一条规则，或 disagreements 下的一个分歧。");
        }
        if (problems.Count == 0 && items[0].Kind == RecordKind.Parameter && policy.Current.FindDefinition(items[0].Key) is null)
        {
            problems.Add($"parameters: 没有名为“{items[0].Key}”的规则（规则的名称见 seeds/parameters.yaml）。");
        }
        if (problems.Count > 0)
        {
            Problems = problems;
            return ShowAgain(StatusCodes.Status400BadRequest);
        }
        var (kind, key, payload) = items[0];
        var result = await editor.CreateDraftAsync(kind, kind.RecordKey(slug, key), slug, payload, User.Identity!.Name!, Note, cancellationToken);
        if (result.Outcome == EditOutcome.Done)
        {
            return Redirect(kind.EditUrl(slug, key) + "?saved=1");
        }
        Problems = [$"{Region.Name}已经有{kind.Noun}“{key}”，请到下面的列表里修改它。"];
        return ShowAgain(StatusCodes.Status409Conflict);
    }

    /// <summary>Starts a page of a kind the region does not have yet, as a draft to write in the page editor.</summary>
    public async Task<IActionResult> OnPostCreatePageAsync(CancellationToken cancellationToken)
    {
        var slug = Region.Slug;
        var isChannel = PageKind == ContentPage.ChannelKind;
        // A channel starts with its required section headings, so the editor shows where each part goes.
        var body = isChannel ? string.Join("\n\n", ChannelSections.Required.Select(h => $"## {h}")) + "\n" : "";
        var page = new ContentPage(slug, PageKind!, PageTitle!.Trim(), body, [], PolicyText.Today(clock))
        {
            Channel = isChannel ? ChannelId : null,
            Mode = isChannel ? ChannelMode : null,
        };
        var key = new ContentKey(slug, page.Kind, page.Channel);
        var result = await editor.CreateDraftAsync(RecordKind.Page, key.RecordKey, slug, Payloads.Serialize(page), User.Identity!.Name!, Note, cancellationToken);
        return result.Outcome == EditOutcome.Done
            ? Redirect(key.Url + "?saved=1")
            : ShowAgain(StatusCodes.Status409Conflict, nameof(PageKind), "这个页面刚被其他人建好了，请在上面的列表里打开它。");
    }

    /// <summary>The region as residents see it now, with its pages, parameters and disagreements; 404 for a region not published.</summary>
    protected override async Task<IActionResult?> OnRecordLoadedAsync(CancellationToken cancellationToken)
    {
        var slug = Record.Key;
        if (policy.Current.FindRegion(slug) is not { } region)
        {
            return NotFound();
        }
        Region = region;
        var records = await db.Records.AsNoTracking().Include(r => r.Versions)
            .Where(r => r.Kind == RecordKind.Page && r.RegionSlug == slug)
            .ToListAsync(cancellationToken);
        Rows = [.. records.Select(r =>
            {
                var page = Payloads.Deserialize<ContentPage>(RecordEditor.Latest(r).Payload);
                return new StaffContentRow(new ContentKey(slug, page.Kind, page.Channel), page.Title, RecordEditor.Draft(r) is not null, page.LastVerified, RecordEditor.Published(r) is null);
            })
            .OrderBy(r => r.Key.PageKey, StringComparer.Ordinal)];
        MissingKinds = [.. ContentKinds.All.Where(kind => !Rows.Any(r => r.Key.Kind == kind))];
        Parameters = await YamlRowsAsync(RecordKind.Parameter, slug, cancellationToken);
        Disagreements = await YamlRowsAsync(RecordKind.Disagreement, slug, cancellationToken);
        MissingParameters = [.. policy.Current.Definitions.Where(d => !Parameters.Any(p => p.Key == d.Key))];
        return null;
    }

    private async Task<IReadOnlyList<StaffYamlRow>> YamlRowsAsync(EditableKind kind, string slug, CancellationToken cancellationToken)
    {
        var records = await db.Records.AsNoTracking().Include(r => r.Versions)
            .Where(r => r.Kind == kind && r.RegionSlug == slug)
            .ToListAsync(cancellationToken);
        return [.. records
            .Select(r => (Key: r.Key[(slug.Length + 1)..], HasDraft: RecordEditor.Draft(r) is not null, IsNew: RecordEditor.Published(r) is null))
            .Select(r => new StaffYamlRow(r.Key, kind.Label(policy.Current, slug, r.Key), kind.EditUrl(slug, r.Key), r.HasDraft, r.IsNew))
            .OrderBy(row => row.Key, StringComparer.Ordinal)];
    }
}
