using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Publishing;
using FamilyMutualAid.Web.Tests.Infrastructure;
using FamilyMutualAid.Web.Tests.Infrastructure.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace FamilyMutualAid.Web.Tests.EndToEnd;

/// <summary>
/// A real PostgreSQL stopped under the deployment of deploy/ (issue 23, item 5 and its fault test): public pages are
/// served from memory, whatever needs the database says so (503, Retry-After, a Chinese page that keeps the typed
/// text), a publish cut off by the stop leaves nothing half-written, and the instances are ready again by themselves.
/// </summary>
public sealed class DatabaseOutageTests : IClassFixture<DatabaseOutageDeployment>
{
    private const string PageKey = "shanghai/faq";
    private const string EditUrl = "/staff/content/shanghai/faq";
    private const string PublicUrl = "/regions/shanghai/faq";

    private static readonly string[] PublicPages =
        ["/", "/check", "/pay", "/regions", "/regions/shanghai", "/regions/shanghai/binding", "/regions/shanghai/history", PublicUrl, "/sources", "/compare"];

    private readonly DatabaseOutageDeployment _deployment;

    public DatabaseOutageTests(DatabaseOutageDeployment deployment, ITestOutputHelper output)
    {
        _deployment = deployment;
        _deployment.A.LogTo(output);
        _deployment.B.LogTo(output);
    }

    [ServerFact]
    public async Task With_postgresql_stopped_public_pages_answer_200_and_what_needs_the_database_answers_503_with_a_message()
    {
        await _deployment.EnsureUpAsync();
        using var visitor = _deployment.Proxy.CreateClient("127.0.0.5");
        using var officer = _deployment.Proxy.CreateClient("127.0.0.6");
        using var signedIn = _deployment.Proxy.CreateClient("127.0.0.7");
        await SignInAsync(signedIn);
        // Several connections in each instance's pool, as under load: the stop breaks them all.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await signedIn.GetAsync("/staff");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }));
        var loginForm = await Html.GetAsync(officer, "/staff/login");
        using var direct = _deployment.A.Direct(new CookieJar());

        await _deployment.Server.StopAsync();
        try
        {
            await AssertPublicPagesAnswerAsync(visitor);

            const string typed = "officer.typed@example.org";
            using var signIn = await officer.PostAsync("/staff/login", SignInForm(loginForm, typed, "the officer's password"));
            AssertSignInRefusedForNow(await AssertDatabaseAwayAsync(signIn), typed);

            using var staff = await signedIn.GetAsync("/staff");
            await AssertDatabaseAwayAsync(staff);

            using var ready = await direct.GetAsync("/healthz/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);

            // The staff pages' 503s did not make nginx take both instances out of service.
            await AssertPublicPagesAnswerAsync(visitor);
        }
        finally
        {
            await _deployment.EnsureUpAsync();
        }

        // Ready means ready: no request afterwards meets a connection the stop broke, on either instance.
        var afterwards = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var staffAgain = await signedIn.GetAsync("/staff");
            afterwards.Add(staffAgain.StatusCode);
        }
        Assert.All(afterwards, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [ServerFact]
    public async Task Signing_in_on_an_instance_that_has_shown_no_form_yet_answers_503_with_the_typed_address_while_postgresql_is_stopped()
    {
        await _deployment.EnsureUpAsync();
        var cookies = new CookieJar();
        using var a = _deployment.A.Direct(cookies);
        var loginForm = await Html.GetAsync(a, "/staff/login");
        await using var fresh = await Task.Run(_deployment.StartAnother);
        using var client = fresh.Direct(cookies);

        await _deployment.Server.StopAsync();
        try
        {
            const string typed = "colleague.typed@example.org";
            using var signIn = await client.PostAsync("/staff/login", SignInForm(loginForm, typed, "the colleague's password"));
            AssertSignInRefusedForNow(await AssertDatabaseAwayAsync(signIn), typed);
        }
        finally
        {
            await _deployment.EnsureUpAsync();
        }
    }

    [ServerFact]
    public async Task Postgresql_stopped_under_a_publish_tells_the_publisher_writes_nothing_and_the_instances_are_ready_again_by_themselves()
    {
        await _deployment.EnsureUpAsync();
        var title = "数据库中断时发布的标题 " + Guid.NewGuid().ToString("N")[..6];
        await SaveDraftAsync(title);
        using var publisher = _deployment.Proxy.CreateClient("127.0.0.8");
        await SignInAsync(publisher);
        var before = await StateAsync();
        var form = await Html.GetAsync(publisher, EditUrl);

        _deployment.StopUnderPublish.Arm();
        HttpResponseMessage cutOff;
        try
        {
            cutOff = await new FormFields(form.QuerySelector("form#editor")!).PostAsync(publisher, EditUrl, "Publish");
        }
        finally
        {
            _deployment.StopUnderPublish.Disarm();
        }
        using var _ = cutOff;
        Assert.True(_deployment.StopUnderPublish.Fired, "the publish never reached its audit entry, so PostgreSQL was not stopped under it");
        var page = await AssertDatabaseAwayAsync(cutOff);
        Assert.Contains("发布没有成功", page.QuerySelector("#save-failure")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Equal(title, page.QuerySelector("input[name=Title]")?.GetAttribute("value"));

        // Started again, and nothing else: the instances find the database by themselves.
        await _deployment.Server.StartAgainAsync();
        await DatabaseOutageDeployment.WaitUntilReadyAsync(_deployment.A, TimeSpan.FromSeconds(30));
        await DatabaseOutageDeployment.WaitUntilReadyAsync(_deployment.B, TimeSpan.FromSeconds(30));

        Assert.Equal(before, await StateAsync());
        using var visitor = _deployment.Proxy.CreateClient("127.0.0.9");
        Assert.NotEqual(title, (await Html.GetAsync(visitor, PublicUrl)).QuerySelector("h1")?.TextContent.Trim());

        var again = await Html.GetAsync(publisher, EditUrl);
        using var published = await new FormFields(again.QuerySelector("form#editor")!).PostAsync(publisher, EditUrl, "Publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var after = await StateAsync();
        Assert.Equal(before.DataVersion + 1, after.DataVersion);
        Assert.Equal(before.Publishes + 1, after.Publishes);
        Assert.Equal(VersionStatus.Published, after.Versions.Single(v => v.Number == before.Versions.Max(b => b.Number)).Status);
        await PagePublishing.WaitForTitleAsync(_deployment.A.Direct(new CookieJar()), PublicUrl, title, TimeSpan.FromSeconds(5));
        await PagePublishing.WaitForTitleAsync(_deployment.B.Direct(new CookieJar()), PublicUrl, title, TimeSpan.FromSeconds(5));
    }

    /// <summary>The sign-in form again, saying sign-in failed for now, with the address as typed.</summary>
    private static void AssertSignInRefusedForNow(IDocument page, string typed)
    {
        Assert.Contains("登录没有成功", page.QuerySelector("#save-failure")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Equal(typed, page.QuerySelector("input[name=Email]")?.GetAttribute("value"));
    }

    private static async Task AssertPublicPagesAnswerAsync(HttpClient visitor)
    {
        foreach (var url in PublicPages)
        {
            // Twice: nginx takes the instances in turn, so both answer.
            for (var i = 0; i < 2; i++)
            {
                using var response = await visitor.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode} with PostgreSQL stopped");
                Assert.False(string.IsNullOrWhiteSpace((await Html.ParseAsync(response)).QuerySelector("h1")?.TextContent), $"{url} has no heading");
            }
        }
    }

    /// <summary>503 with Retry-After and a page in Chinese saying so; returns the page.</summary>
    private static async Task<IDocument> AssertDatabaseAwayAsync(HttpResponseMessage response)
    {
        var page = await Html.ParseAsync(response);
        var main = page.QuerySelector("main")?.TextContent ?? "";
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable,
            $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.PathAndQuery} answered {(int)response.StatusCode}: {main}");
        Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture) > 0);
        Assert.Contains("暂时无法", main, StringComparison.Ordinal);
        return page;
    }

    private static async Task SignInAsync(HttpClient client)
    {
        var form = await Html.GetAsync(client, "/staff/login");
        using var response = await client.PostAsync("/staff/login", SignInForm(form, DatabaseOutageDeployment.AdminEmail, DatabaseOutageDeployment.AdminPassword));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static FormUrlEncodedContent SignInForm(IDocument form, string email, string password) =>
        new(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        });

    private async Task SaveDraftAsync(string title)
    {
        await using var scope = _deployment.A.Services.CreateAsyncScope();
        var editor = scope.ServiceProvider.GetRequiredService<RecordEditor>();
        var record = await editor.FindAsync(RecordKind.Page, PageKey, CancellationToken.None) ?? throw new InvalidOperationException(PageKey);
        var page = Payloads.Deserialize<ContentPage>(RecordEditor.Latest(record).Payload) with { Title = title };
        var saved = await editor.SaveDraftAsync(RecordKind.Page, PageKey, record.ConcurrencyStamp, Payloads.Serialize(page), DatabaseOutageDeployment.AdminEmail, "test", CancellationToken.None);
        Assert.Equal(EditOutcome.Done, saved.Outcome);
    }

    /// <summary>What a publish writes: the record's versions, the publish entries in the audit log, the data version.</summary>
    private async Task<PublishState> StateAsync()
    {
        await using var db = PostgresServer.Open(_deployment.ConnectionString);
        var record = await db.Records.Include(r => r.Versions).SingleAsync(r => r.Kind == RecordKind.Page && r.Key == PageKey);
        var versions = record.Versions.OrderBy(v => v.Number).Select(v => new VersionState(v.Number, v.Status, v.PayloadHash)).ToList();
        var publishes = await db.Audit.CountAsync(a => a.Subject == "content:" + PageKey && a.Action == AuditActions.Publish);
        return new(new(versions), publishes, await db.DataVersionAsync(CancellationToken.None), record.ConcurrencyStamp);
    }

    private sealed record VersionState(int Number, VersionStatus Status, string PayloadHash);

    private sealed record PublishState(ValueList<VersionState> Versions, int Publishes, long DataVersion, Guid Stamp);

    /// <summary>A list compared by its items, so two states are equal when everything in them is.</summary>
    private sealed class ValueList<T>(IReadOnlyList<T> items) : IEnumerable<T>, IEquatable<ValueList<T>>
    {
        public bool Equals(ValueList<T>? other) => other is not null && items.SequenceEqual(other);

        public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

        public override int GetHashCode() => items.Count;

        public IEnumerator<T> GetEnumerator() => items.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => string.Join(", ", items);
    }
}
