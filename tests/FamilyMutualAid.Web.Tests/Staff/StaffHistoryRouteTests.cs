using System.Net;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace FamilyMutualAid.Web.Tests.Staff;

/// <summary>
/// Issue 23, item 2: the history route named a shared source under a region's URL, and a region-limited editor could
/// read it and roll it back (a draft in their name, withdrawing an admin's pending review). Access follows the record.
/// </summary>
public sealed class StaffHistoryRouteTests : IAsyncLifetime
{
    private const string Password = "a long enough staff password";
    private const string BeijingEditor = "beijing-editor@example.org";
    private readonly StaffSiteFactory _site = new();

    public StaffHistoryRouteTests(ITestOutputHelper output) => _site.LogTo(output);

    public async Task InitializeAsync() => await _site.CreateUserAsync(BeijingEditor, Password, "beijing", StaffRoles.Editor);

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task A_beijing_editor_can_neither_read_nor_roll_back_a_shared_source_through_a_beijing_history_url()
    {
        var review = await _site.SubmitForReviewAsync(RecordKind.Source, "doc-001", StaffSiteFactory.AdminEmail);
        var before = await _site.WithDbAsync(db => db.Records.AsNoTracking().Include(r => r.Versions).SingleAsync(r => r.Kind == RecordKind.Source && r.Key == "doc-001"));
        var client = _site.Browser();
        using var signedIn = await StaffSiteFactory.SignInAsync(client, BeijingEditor, Password);
        var token = (await Html.GetAsync(client, "/staff/account")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var read = await client.GetAsync("/staff/history/beijing/source/doc-000");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["versionId"] = before.Versions.Min(v => v.Id).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["stamp"] = before.ConcurrencyStamp.ToString(),
        });
        using var rollback = await client.PostAsync("/staff/history/beijing/source/doc-001?handler=Rollback", form);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, rollback.StatusCode);
        var after = await _site.WithDbAsync(db => db.Records.AsNoTracking().Include(r => r.Versions).Include(r => r.Reviews).SingleAsync(r => r.Id == before.Id));
        Assert.Equal(before.ConcurrencyStamp, after.ConcurrencyStamp);
        Assert.Equal(before.Versions.Count, after.Versions.Count);
        Assert.DoesNotContain(after.Versions, v => v.Author == BeijingEditor);
        var untouched = Assert.Single(after.Reviews);
        Assert.Equal((review, ReviewState.Submitted, StaffSiteFactory.AdminEmail), (untouched.Id, untouched.State, untouched.SubmittedBy));
    }

    [Fact]
    public async Task An_unrestricted_admin_finds_no_source_under_a_region_history_url_and_reads_it_under_all()
    {
        var client = _site.Browser();
        using var signedIn = await StaffSiteFactory.SignInAsync(client, StaffSiteFactory.AdminEmail, StaffSiteFactory.AdminPassword);

        using var underRegion = await client.GetAsync("/staff/history/beijing/source/doc-000");
        using var underAll = await client.GetAsync("/staff/history/all/source/doc-000");

        Assert.Equal(HttpStatusCode.NotFound, underRegion.StatusCode);
        Assert.Equal(HttpStatusCode.OK, underAll.StatusCode);
    }
}
