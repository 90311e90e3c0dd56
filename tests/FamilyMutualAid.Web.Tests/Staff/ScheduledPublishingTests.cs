using System.Net;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static FamilyMutualAid.Web.Tests.Staff.ReviewDesk;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Staff;

/// <summary>定时发布: a publisher schedules an approved draft for a time in 北京时间; the background pass publishes it then, once.</summary>
public sealed class ScheduledPublishingTests : IDisposable
{
    private const string Subject = "content:beijing/overview";
    // A site per test: the tests advance the site's clock to reach a scheduled time.
    private readonly StaffSiteFactory _site;

    public ScheduledPublishingTests(ITestOutputHelper output)
    {
        _site = new();
        _site.LogTo(output);
    }

    public void Dispose() => _site.Dispose();

    private ScheduledPublisher Publisher => _site.Services.GetRequiredService<ScheduledPublisher>();

    private async Task<string> PublishedTitleAsync() => (await Html.GetAsync(_site.CreateClient(), "/regions/beijing/overview")).QuerySelector("h1")!.TextContent.Trim();

    private Task<List<AuditEntry>> AuditAsync() =>
        _site.WithDbAsync(db => db.Audit.Where(a => a.Subject == Subject).OrderBy(a => a.Id).ToListAsync());

    /// <summary>An editor's new title for Beijing's overview, submitted, and scheduled through the review page by the publisher.</summary>
    private async Task<(HttpClient Publisher, string ReviewUrl)> ScheduleTitleAsync(string title, string publishAt)
    {
        await CreateReviewersAsync(_site);
        var editor = await SignedInAsync(_site, Editor);
        var publisher = await SignedInAsync(_site, ReviewDesk.Publisher);
        await SaveTitleAsync(editor, title);
        await SubmitAsync(editor, BeijingOverviewUrl, "下月一日生效");
        var (review, url) = await FirstWaitingAsync(publisher);
        using var scheduled = await PostFormAsync(publisher, review, "form[action*='handler=Schedule']", new() { ["PublishAt"] = publishAt });
        Assert.Equal(url + "?done=scheduled", scheduled.Headers.Location!.OriginalString);
        return (publisher, url);
    }

    [Fact]
    public async Task A_scheduled_publish_happens_at_its_time_not_before_and_only_once()
    {
        var before = await PublishedTitleAsync();
        var (publisher, _) = await ScheduleTitleAsync("定时发布的北京标题", "2026-12-02T00:00");

        var home = await Html.GetAsync(publisher, "/staff");
        Assert.Contains("2026-12-02 00:00（北京时间）", home.QuerySelector("#scheduled li")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(home.QuerySelectorAll("#waiting li"));
        _site.Clock.Advance(TimeSpan.FromHours(13) + TimeSpan.FromMinutes(59));
        Assert.Equal(0, await Publisher.RunOnceAsync(CancellationToken.None));
        Assert.Equal(before, await PublishedTitleAsync());

        _site.Clock.Advance(TimeSpan.FromMinutes(1));
        await Publisher.RunOnceAsync(CancellationToken.None);
        await Publisher.RunOnceAsync(CancellationToken.None);

        Assert.Equal("定时发布的北京标题", await PublishedTitleAsync());
        var audit = await AuditAsync();
        var publish = Assert.Single(audit, a => a.Action == AuditActions.Publish);
        Assert.Equal(ReviewDesk.Publisher, publish.Actor);
        Assert.Equal(new DateTime(2026, 12, 1, 16, 0, 0), publish.AtUtc);
        Assert.Single(audit, a => a.Action == AuditActions.PublishScheduled && a.Actor == ReviewDesk.Publisher);
        // A day later the morning's session has expired: sign in again.
        publisher = await SignedInAsync(_site, ReviewDesk.Publisher);
        Assert.Empty((await Html.GetAsync(publisher, "/staff")).QuerySelectorAll("#scheduled li"));
        Assert.Equal(ReviewState.Published, await _site.WithDbAsync(db => db.Reviews.Select(r => r.State).SingleAsync()));
    }

    [Fact]
    public async Task A_cancelled_scheduled_publish_goes_back_to_review_and_is_not_published()
    {
        var before = await PublishedTitleAsync();
        var (publisher, _) = await ScheduleTitleAsync("取消后不应发布的标题", "2026-12-01T12:00");
        var home = await Html.GetAsync(publisher, "/staff");

        using var cancelled = await PostFormAsync(publisher, home, "#scheduled form");

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        home = await Html.GetAsync(publisher, "/staff");
        Assert.Empty(home.QuerySelectorAll("#scheduled li"));
        Assert.Single(home.QuerySelectorAll("#waiting li"));
        _site.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await Publisher.RunOnceAsync(CancellationToken.None));
        Assert.Equal(before, await PublishedTitleAsync());
        Assert.Contains(await AuditAsync(), a => a.Action == AuditActions.ScheduleCancelled && a.Actor == ReviewDesk.Publisher);
    }

    [Fact]
    public async Task The_schedule_offers_the_next_whole_hour_tomorrow_in_beijing_time()
    {
        await CreateReviewersAsync(_site);
        var editor = await SignedInAsync(_site, Editor);
        var publisher = await SignedInAsync(_site, ReviewDesk.Publisher);
        await SaveTitleAsync(editor, "定时默认值的标题");
        await SubmitAsync(editor, BeijingOverviewUrl, "请定时");
        // 2026-12-01 10:00 in Beijing, then 10:20.
        _site.Clock.Advance(TimeSpan.FromMinutes(20));

        var (review, _) = await FirstWaitingAsync(publisher);

        Assert.Equal("2026-12-02T11:00", review.QuerySelector("form[action*='handler=Schedule'] input[name=PublishAt]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_schedule_needs_a_future_time_in_beijing_time_and_says_so_beside_the_field()
    {
        await CreateReviewersAsync(_site);
        var editor = await SignedInAsync(_site, Editor);
        var publisher = await SignedInAsync(_site, ReviewDesk.Publisher);
        await SaveTitleAsync(editor, "时间填错的标题");
        await SubmitAsync(editor, BeijingOverviewUrl, "请定时");
        var (review, _) = await FirstWaitingAsync(publisher);

        foreach (var (input, message) in new[] { ("", "请填写"), ("明天早上", "格式"), ("2026-13-40T25:00", "格式"), ("2026-12-01T09:59", "晚于现在") })
        {
            using var refused = await PostFormAsync(publisher, review, "form[action*='handler=Schedule']", new() { ["PublishAt"] = input });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var page = await Html.ParseAsync(refused);
            Assert.Contains(message, (page.QuerySelector("#publish-at-error")?.TextContent ?? "") + page.QuerySelector(".error-summary")?.TextContent, StringComparison.Ordinal);
        }
        Assert.Equal(ReviewState.Submitted, await _site.WithDbAsync(db => db.Reviews.Select(r => r.State).SingleAsync()));
    }

    [Fact]
    public async Task A_scheduled_publish_that_the_published_data_has_made_invalid_goes_back_to_review_with_the_reason()
    {
        // Two pages cite one source: each may drop it while the other still cites it, but not both.
        var source = new Source("scheduled-source", "两页共同引用的定时测试来源", null, "测试发布单位", new DateOnly(2026, 11, 1), null, SourceTier.Official, null);
        await _site.WithEditorAsync(editor => editor.CreateDraftAsync(RecordKind.Source, source.Id, null, Payloads.Serialize(source), Editor, null, CancellationToken.None));
        foreach (var key in new[] { "beijing/overview", "shanghai/faq" })
        {
            var citing = await DraftAsync(key, page => page with { SourceIds = [.. page.SourceIds, source.Id] });
            Assert.Equal(EditOutcome.Done, (await _site.WithEditorAsync(editor => editor.PublishAsync(RecordKind.Page, key, citing.Id, ReviewDesk.Publisher, CancellationToken.None))).Outcome);
        }
        var (publisher, reviewUrl) = await ScheduleDropAsync(source.Id);
        var shanghai = await DraftAsync("shanghai/faq", page => page with { SourceIds = [.. page.SourceIds.Where(id => id != source.Id)] });
        Assert.Equal(EditOutcome.Done, (await _site.WithEditorAsync(editor => editor.PublishAsync(RecordKind.Page, "shanghai/faq", shanghai.Id, ReviewDesk.Publisher, CancellationToken.None))).Outcome);

        _site.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await Publisher.RunOnceAsync(CancellationToken.None));

        var published = await _site.WithDbAsync(async db => Payloads.Deserialize<ContentPage>(RecordEditor.Published(
            await db.Records.Include(r => r.Versions).SingleAsync(r => r.Kind == RecordKind.Page && r.Key == "beijing/overview"))!.Payload));
        Assert.Contains(source.Id, published.SourceIds);
        publisher = await SignedInAsync(_site, ReviewDesk.Publisher);
        var waiting = (await Html.GetAsync(publisher, "/staff")).QuerySelector("#waiting li")!;
        Assert.Contains("定时发布没有执行", waiting.TextContent, StringComparison.Ordinal);
        Assert.Contains("source:scheduled-source", waiting.TextContent, StringComparison.Ordinal);
        Assert.Contains("定时发布没有执行", (await Html.GetAsync(publisher, reviewUrl)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        var failed = Assert.Single(await AuditAsync(), a => a.Action == AuditActions.ScheduledPublishFailed);
        Assert.Equal(ReviewDesk.Publisher, failed.Actor);
        Assert.Equal(1, await _site.WithDbAsync(db => db.Audit.CountAsync(a => a.Subject == Subject && a.Action == AuditActions.Publish)));
    }

    /// <summary>The editor drops the source from Beijing's overview and submits; the publisher schedules it for tomorrow.</summary>
    private async Task<(HttpClient Publisher, string ReviewUrl)> ScheduleDropAsync(string sourceId)
    {
        await CreateReviewersAsync(_site);
        var editor = await SignedInAsync(_site, Editor);
        var publisher = await SignedInAsync(_site, ReviewDesk.Publisher);
        await DraftAsync("beijing/overview", page => page with { SourceIds = [.. page.SourceIds.Where(id => id != sourceId)] });
        await SubmitAsync(editor, BeijingOverviewUrl, "去掉一个来源");
        var (review, url) = await FirstWaitingAsync(publisher);
        using var scheduled = await PostFormAsync(publisher, review, "form[action*='handler=Schedule']", new() { ["PublishAt"] = "2026-12-02T00:00" });
        Assert.Equal(url + "?done=scheduled", scheduled.Headers.Location!.OriginalString);
        return (publisher, url);
    }

    private async Task<PolicyRecordVersion> DraftAsync(string key, Func<ContentPage, ContentPage> change)
    {
        var record = await _site.WithDbAsync(db => db.Records.Include(r => r.Versions).AsNoTracking().SingleAsync(r => r.Kind == RecordKind.Page && r.Key == key));
        var page = change(Payloads.Deserialize<ContentPage>(RecordEditor.Latest(record).Payload));
        var saved = await _site.WithEditorAsync(editor => editor.SaveDraftAsync(RecordKind.Page, key, record.ConcurrencyStamp, Payloads.Serialize(page), Editor, "test", CancellationToken.None));
        Assert.Equal(EditOutcome.Done, saved.Outcome);
        return saved.Version!;
    }
}
