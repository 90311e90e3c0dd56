using System.Net;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FamilyMutualAid.Web.Tests.Staff;

/// <summary>
/// A staff post that fails keeps the officer's text and says what happened; the database away is 503 with
/// Retry-After (issue 23, item 5). In Production, so the site's own error page answers, not the developer's.
/// </summary>
public sealed class StaffFailureTests : IDisposable
{
    private const string ParameterUrl = "/staff/parameters/beijing/annual_cap_share";
    private readonly FailingSaves _saves = new();
    private readonly UnreachableDatabase _database = new();
    private readonly StaffSiteFactory _site;

    public StaffFailureTests() => _site = new() { Interceptors = [_saves, _database], InProduction = true };

    public void Dispose() => _site.Dispose();

    private Task<HttpClient> AdminAsync() => _site.SignedInAdminAsync();

    private async Task<(HttpResponseMessage Response, string Typed)> SaveChangedParameterAsync(HttpClient client, Func<Exception> failure)
    {
        var page = await Html.GetAsync(client, ParameterUrl);
        var typed = page.QuerySelector("textarea[name=Yaml]")!.TextContent.Replace("value: 0.6", "value: 0.65", StringComparison.Ordinal);
        _saves.Armed = failure;
        var response = await StaffForms.PostYamlAsync(client, page, ParameterUrl, "Save", typed);
        _saves.Armed = null;
        return (response, typed);
    }

    [Fact]
    public async Task An_unhandled_error_in_a_staff_post_shows_the_error_page_not_a_refusal()
    {
        var client = await AdminAsync();

        var (response, _) = await SaveChangedParameterAsync(client, () => new InvalidOperationException("test: a bug in the save"));
        using var _ = response;

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("抱歉，出错了", (await Html.ParseAsync(response)).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_disk_in_a_staff_save_shows_the_form_again_with_the_text_and_says_so()
    {
        var client = await AdminAsync();

        var (response, typed) = await SaveChangedParameterAsync(client, () => new DbUpdateException("test", new SqliteException("database or disk is full", 13)));
        using var _ = response;
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("您的文字还在下面", page.QuerySelector("#save-failure")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(typed.Trim(), page.QuerySelector("textarea[name=Yaml]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_answers_503_with_retry_after_and_the_site_recovers()
    {
        var client = await AdminAsync();
        var page = await Html.GetAsync(client, ParameterUrl);

        _database.Armed = true;
        using var staffGet = await client.GetAsync("/staff/regions/beijing");
        using var staffPost = await StaffForms.PostYamlAsync(client, page, ParameterUrl, "Save", "region: beijing\n");
        _database.Armed = false;

        foreach (var response in new[] { staffGet, staffPost })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(response.Headers.Contains("Retry-After"));
            Assert.Contains("暂时无法", (await Html.ParseAsync(response)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }
        await Html.GetAsync(client, "/staff/regions/beijing");
    }
}
