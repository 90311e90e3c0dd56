using System.Globalization;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Markdown;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>Edit one content page as a draft, preview it as the public page renders it, and publish it.</summary>
public sealed class EditModel(
    IAuthorizationService authorization,
    RecordEditor editor,
    PolicySnapshotProvider policy,
    MarkdownRenderer markdown,
    PolicyDbContext db) : StaffRecordPageModel(authorization, editor)
{
    [BindProperty] public string Title { get; set; } = "";
    /// <summary>The ids of the sources the page cites, ticked by title.</summary>
    [BindProperty] public List<string> Sources { get; set; } = [];

    public IReadOnlyList<SourceChoice> SourceChoices { get; private set; } = [];

    /// <summary>The region's Chinese name, as residents see it.</summary>
    public string RegionName => policy.Current.FindRegion(Key.Region)?.Name ?? Key.Region;
    [BindProperty] public string LastVerified { get; set; } = "";
    [BindProperty] public string Body { get; set; } = "";

    /// <summary>The route's /staff/content/{slug}/{kind}/{channel?}.</summary>
    public ContentKey Key => new(RouteValue("slug"), RouteValue("kind"), RouteData.Values["channel"] as string);
    public ContentPage? Theirs { get; private set; }
    public string PreviewHtml { get; private set; } = "";
    public Footnotes PreviewFootnotes { get; private set; } = null!;

    private bool _bodyRefused;

    /// <summary>The page the route names: /staff/content/{slug}/{kind}/{channel?}.</summary>
    protected internal override RecordAddress? RecordNamedBy(string? handler) => RecordAddress.Of(RecordKind.Page, Key.RecordKey);

    protected override async Task<IActionResult?> OnRecordLoadedAsync(CancellationToken cancellationToken)
    {
        SourceChoices = await SourceChoice.ListAsync(db, policy.Current, cancellationToken);
        return await base.OnRecordLoadedAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetAsync()
    {
        ShowForm(Payloads.Deserialize<ContentPage>(Latest.Payload));
        Message = RedirectMessage("已发布，公开页面已更新。");
        if (await RestoreKeptFormAsync() is not null)
        {
            Render(FromForm());
            Message = RestoredMessage;
        }
        return Page();
    }

    public IActionResult OnPostPreview()
    {
        Render(FromForm());
        return RefusedIfTooDeep() ?? Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var page = FromForm();
        Render(page);
        if (RefusedIfTooDeep() is { } refused)
        {
            return refused;
        }
        var result = await Editor.SaveDraftAsync(RecordKind.Page, Key.RecordKey, SaveStamp, Payloads.Serialize(page), User.Identity!.Name!, Note, cancellationToken);
        if (result.Outcome == EditOutcome.Done)
        {
            return Redirect(Key.Url + "?saved=1");
        }
        // Someone saved first: keep this editor's text in the form and show theirs beside it; only the explicit 替换 button saves over theirs.
        await ReloadAsync(cancellationToken);
        Theirs = result.Version is null ? null : Payloads.Deserialize<ContentPage>(result.Version.Payload);
        Render(page);
        return KeepTextAfterConflict(result.Version?.Author ?? "其他人");
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        if (!CanPublish)
        {
            return Forbid();
        }
        if (Draft is null)
        {
            Message = "没有待发布的草稿。";
            ShowForm(Payloads.Deserialize<ContentPage>(Latest.Payload));
            return Page();
        }
        // Rendered before publishing: a publish that fails in the database shows this page again as it was posted.
        Render(FromForm());
        var result = await Editor.PublishAsync(RecordKind.Page, Key.RecordKey, Draft.Id, User.Identity!.Name!, cancellationToken);
        if (result.Outcome == EditOutcome.Done)
        {
            return Redirect(Key.Url + "?published=1");
        }
        await ReloadAsync(cancellationToken);
        ShowForm(Payloads.Deserialize<ContentPage>(Latest.Payload));
        Problems = result.Problems;
        Message = result.Outcome == EditOutcome.Invalid ? "不能发布：草稿有下列问题。" : "不能发布：草稿已被其他人发布或替换，请刷新后再看。";
        return ShowAgain(result.Outcome == EditOutcome.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict);
    }

    public Task<IActionResult> OnPostRetireAsync(CancellationToken cancellationToken)
    {
        ShowForm(Payloads.Deserialize<ContentPage>(Latest.Payload));
        return RetireAsync(Key.HistoryUrl, cancellationToken);
    }

    /// <summary>After rendering the posted form: 400 with the form when its body was refused, otherwise null.</summary>
    private PageResult? RefusedIfTooDeep()
    {
        if (!_bodyRefused)
        {
            return null;
        }
        Message = "没有保存：正文有下列问题，您的文字还在下面。";
        return ShowAgain(StatusCodes.Status400BadRequest);
    }

    /// <summary>The page as the form describes it; a draft may be incomplete, so a bad date keeps the old one.</summary>
    private ContentPage FromForm()
    {
        var current = Payloads.Deserialize<ContentPage>(Latest.Payload);
        var verified = DateOnly.TryParseExact(LastVerified?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : current.LastVerified;
        return current with
        {
            Title = Title?.Trim() ?? "",
            Markdown = (Body ?? "").Replace("\r\n", "\n", StringComparison.Ordinal),
            SourceIds = [.. Sources.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)],
            LastVerified = verified,
        };
    }

    /// <summary>Fills the form with a version of the page and renders its preview.</summary>
    private void ShowForm(ContentPage page)
    {
        (Title, Sources, Body) = (page.Title, [.. page.SourceIds], page.Markdown);
        LastVerified = page.LastVerified.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Render(page);
    }

    /// <summary>A body over <see cref="TextBounds.Markdown"/> is not rendered: the form shows why, with the text as typed.</summary>
    private void Render(ContentPage page)
    {
        PreviewFootnotes = new Footnotes(policy.Current);
        if (TextBounds.Markdown(page.Markdown) is { } breach)
        {
            (PreviewHtml, Problems, _bodyRefused) = ("", [$"正文第 {breach.Line} 行：{breach.Message}"], true);
            return;
        }
        PreviewHtml = markdown.ToHtml(page.Markdown, PreviewFootnotes.NumberOf);
        PreviewFootnotes.Cite(page.SourceIds);
    }
}
