using System.Diagnostics;
using System.Net;
using FamilyMutualAid.Web.Tests.Infrastructure;
using FamilyMutualAid.Web.Tests.Infrastructure.Servers;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.EndToEnd;

/// <summary>End to end, as deployed: nginx with TLS in front of two instances on one PostgreSQL database.</summary>
public sealed class TwoInstanceTests : IClassFixture<TwoInstanceDeployment>
{
    private readonly TwoInstanceDeployment _deployment;
    private readonly ITestOutputHelper _output;

    public TwoInstanceTests(TwoInstanceDeployment deployment, ITestOutputHelper output)
    {
        _deployment = deployment;
        _output = output;
        _deployment.A.LogTo(output);
        _deployment.B.LogTo(output);
    }

    [ServerTheory]
    [InlineData("/")]
    [InlineData("/check")]
    [InlineData("/pay")]
    [InlineData("/staff/login")]
    [InlineData("/regions/shanghai")]
    [InlineData("/regions/shanghai/binding")]
    public async Task Every_form_page_answers_200_through_the_proxy(string url)
    {
        using var client = _deployment.Proxy.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            // Twice: nginx takes the instances in turn, so both answer.
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [ServerFact]
    public async Task Plain_http_to_the_proxy_is_sent_to_https_and_the_access_log_keeps_no_query_string()
    {
        using var client = _deployment.Proxy.CreateClient();
        using var plain = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var redirect = await plain.GetAsync($"http://localhost:{_deployment.Proxy.HttpPort}/check?balance=1234");
        using var result = await client.GetAsync("/check/result?region=shanghai&balance=98765&relationship=spouse");

        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.StartsWith("https://", redirect.Headers.Location!.ToString(), StringComparison.Ordinal);
        // nginx writes the line once the response is sent, which may be just after the client has it.
        var log = "";
        for (var i = 0; i < 40 && !log.Contains("GET /check/result HTTP", StringComparison.Ordinal); i++)
        {
            await Task.Delay(50);
            log = await File.ReadAllTextAsync(_deployment.Proxy.AccessLog);
        }
        Assert.Contains("GET /check/result HTTP", log, StringComparison.Ordinal);
        Assert.DoesNotContain("98765", log, StringComparison.Ordinal);
        Assert.DoesNotContain("1234", log, StringComparison.Ordinal);
    }

    [ServerFact]
    public async Task A_form_from_instance_a_posts_on_b_and_the_sign_in_cookie_works_on_a()
    {
        var cookies = new CookieJar();
        using var a = _deployment.A.Direct(cookies);
        using var b = _deployment.B.Direct(cookies);

        var form = await Html.GetAsync(a, "/staff/login");
        using var signIn = await b.PostAsync("/staff/login", SignInForm(form, TwoInstanceDeployment.AdminPassword));
        using var staff = await a.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        // Shared through the database, not through a key folder these in-process instances happen to share.
        await using var db = PostgresServer.Open(_deployment.ConnectionString);
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
    }

    [ServerFact]
    public async Task A_publish_on_a_shows_on_b_within_two_seconds()
    {
        var title = "两个实例之间的测试标题 " + Guid.NewGuid().ToString("N")[..6];
        using var b = _deployment.B.Direct(new CookieJar());

        await PagePublishing.PublishTitleAsync(_deployment.A.Services, "shanghai/faq", title);

        var took = await PagePublishing.WaitForTitleAsync(b, "/regions/shanghai/faq", title, TimeSpan.FromSeconds(2));
        _output.WriteLine($"B showed the publish after {took.TotalMilliseconds:F0} ms");
    }

    [ServerFact]
    public async Task A_scheduled_publish_due_on_both_instances_is_published_once()
    {
        const string key = "shanghai/overview";
        var title = "两个实例定时发布的标题 " + Guid.NewGuid().ToString("N")[..6];
        int reviewId;
        await using (var scope = _deployment.A.Services.CreateAsyncScope())
        {
            var editor = scope.ServiceProvider.GetRequiredService<RecordEditor>();
            var record = (await editor.FindAsync(RecordKind.Page, key, CancellationToken.None))!;
            var page = Payloads.Deserialize<ContentPage>(RecordEditor.Latest(record).Payload) with { Title = title };
            var draft = await editor.SaveDraftAsync(RecordKind.Page, key, record.ConcurrencyStamp, Payloads.Serialize(page), "editor@example.org", "test", CancellationToken.None);
            var workflow = scope.ServiceProvider.GetRequiredService<ReviewWorkflow>();
            Assert.Equal(ReviewOutcome.Done, (await workflow.SubmitAsync(RecordKind.Page, key, draft.Version!.Id, "editor@example.org", null, CancellationToken.None)).Outcome);
        }
        await using (var db = PostgresServer.Open(_deployment.ConnectionString))
        {
            reviewId = await db.Reviews.Where(r => r.Record!.Key == key && r.State == ReviewState.Submitted).Select(r => r.Id).SingleAsync();
        }
        await using (var scope = _deployment.A.Services.CreateAsyncScope())
        {
            var at = _deployment.A.Clock.GetUtcNow().UtcDateTime.AddMinutes(1);
            Assert.Equal(ReviewOutcome.Done, (await scope.ServiceProvider.GetRequiredService<ReviewWorkflow>().ScheduleAsync(reviewId, "publisher@example.org", at, CancellationToken.None)).Outcome);
        }
        long before;
        await using (var db = PostgresServer.Open(_deployment.ConnectionString))
        {
            before = await db.DataVersionAsync(CancellationToken.None);
        }

        // Both instances' own loops wake up too when their clocks pass the time; with the two passes run here, four try at once.
        _deployment.A.Clock.Advance(TimeSpan.FromMinutes(2));
        _deployment.B.Clock.Advance(TimeSpan.FromMinutes(2));
        var published = await Task.WhenAll(
            Task.Run(() => _deployment.A.Services.GetRequiredService<ScheduledPublisher>().RunOnceAsync(CancellationToken.None)),
            Task.Run(() => _deployment.B.Services.GetRequiredService<ScheduledPublisher>().RunOnceAsync(CancellationToken.None)));

        using var b = _deployment.B.Direct(new CookieJar());
        await PagePublishing.WaitForTitleAsync(b, "/regions/shanghai/overview", title, TimeSpan.FromSeconds(2));
        await using (var db = PostgresServer.Open(_deployment.ConnectionString))
        {
            Assert.True(published.Sum() <= 1, string.Join(",", published));
            Assert.Equal(ReviewState.Published, await db.Reviews.Where(r => r.Id == reviewId).Select(r => r.State).SingleAsync());
            Assert.Equal(1, await db.Audit.CountAsync(a => a.Subject == "content:" + key && a.Action == AuditActions.Publish && a.Actor == "publisher@example.org"));
            Assert.Equal(before + 1, await db.DataVersionAsync(CancellationToken.None));
            var record = await db.Records.Include(r => r.Versions).SingleAsync(r => r.Kind == RecordKind.Page && r.Key == key);
            Assert.Equal(title, Payloads.Deserialize<ContentPage>(RecordEditor.Published(record)!.Payload).Title);
        }
    }

    [ServerFact]
    public async Task An_etag_from_a_is_valid_on_b_until_a_publish_on_a_reaches_b()
    {
        using var a = _deployment.A.Direct(new CookieJar());
        using var b = _deployment.B.Direct(new CookieJar());
        using var fromA = await a.GetAsync("/regions/shanghai/cross-region");
        Assert.Equal(HttpStatusCode.OK, fromA.StatusCode);
        using (var revalidated = await SendAsync(b, "/regions/shanghai/cross-region", fromA.Headers.ETag!))
        {
            Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        }
        var title = "两个实例之间的 ETag 测试标题 " + Guid.NewGuid().ToString("N")[..6];

        await PagePublishing.PublishTitleAsync(_deployment.A.Services, "shanghai/cross-region", title);
        await PagePublishing.WaitForTitleAsync(b, "/regions/shanghai/cross-region", title, TimeSpan.FromSeconds(2));
        using var after = await SendAsync(b, "/regions/shanghai/cross-region", fromA.Headers.ETag!);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(fromA.Headers.ETag, after.Headers.ETag);
        Assert.Equal(title, (await Html.ParseAsync(after)).QuerySelector("h1")!.TextContent.Trim());
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, System.Net.Http.Headers.EntityTagHeaderValue ifNoneMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(ifNoneMatch);
        return await client.SendAsync(request);
    }

    [ServerFact]
    public async Task An_import_run_by_a_third_process_shows_on_both_instances()
    {
        var files = Path.Combine(Path.GetTempPath(), "fma-import-" + Guid.NewGuid().ToString("N")[..8]);
        CopyDirectory(Repository.Seeds, Path.Combine(files, "seeds"));
        CopyDirectory(Repository.Content, Path.Combine(files, "content"));
        var title = "导入进程写入的北京标题 " + Guid.NewGuid().ToString("N")[..6];
        var overview = Path.Combine(files, "content", "beijing", "overview.md");
        var text = await File.ReadAllTextAsync(overview);
        Assert.Contains("title: 北京市家庭共济概览", text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(overview, text.Replace("title: 北京市家庭共济概览", "title: " + title, StringComparison.Ordinal));
        try
        {
            var output = await RunImportAsync(files);
            _output.WriteLine(output);
            Assert.Contains("imported:", output, StringComparison.Ordinal);

            using var a = _deployment.A.Direct(new CookieJar());
            using var b = _deployment.B.Direct(new CookieJar());
            await PagePublishing.WaitForTitleAsync(a, "/regions/beijing/overview", title, TimeSpan.FromSeconds(2));
            await PagePublishing.WaitForTitleAsync(b, "/regions/beijing/overview", title, TimeSpan.FromSeconds(2));
        }
        finally
        {
            Directory.Delete(files, recursive: true);
        }
    }

    [ServerFact]
    public async Task Thirty_failed_sign_ins_from_one_address_get_429_while_another_address_still_signs_in()
    {
        using var attacker = _deployment.Proxy.CreateClient("127.0.0.2");
        using var colleague = _deployment.Proxy.CreateClient("127.0.0.3");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            var form = await Html.GetAsync(attacker, "/staff/login");
            using var attempt = await attacker.PostAsync("/staff/login", SignInForm(form, "not the password", "nobody@example.org"));
            statuses.Add(attempt.StatusCode);
        }

        var loginForm = await Html.GetAsync(colleague, "/staff/login");
        using var signIn = await colleague.PostAsync("/staff/login", SignInForm(loginForm, TwoInstanceDeployment.AdminPassword));

        // Each instance counts on its own (10 a minute per address), so 30 attempts spread over two get at least 10 refusals.
        Assert.True(statuses.Count(s => s == HttpStatusCode.TooManyRequests) >= 10, string.Join(",", statuses.Select(s => (int)s)));
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [ServerFact]
    public async Task Restarting_both_instances_keeps_staff_signed_in()
    {
        using var browser = _deployment.Proxy.CreateClient("127.0.0.4");
        var form = await Html.GetAsync(browser, "/staff/login");
        using var signIn = await browser.PostAsync("/staff/login", SignInForm(form, TwoInstanceDeployment.AdminPassword));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        await _deployment.RestartAsync();
        _deployment.A.LogTo(_output);
        _deployment.B.LogTo(_output);

        for (var i = 0; i < 2; i++)
        {
            using var staff = await browser.GetAsync("/staff");
            Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        }
    }

    private static FormUrlEncodedContent SignInForm(AngleSharp.Dom.IDocument form, string password, string email = TwoInstanceDeployment.AdminEmail) =>
        new(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        });

    /// <summary>`dotnet FamilyMutualAid.Web.dll import`, as an operator runs it, on the deployment's database.</summary>
    private async Task<string> RunImportAsync(string files)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = files,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FamilyMutualAid.Web.dll"));
        start.ArgumentList.Add("import");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["FamilyMutualAid__DatabaseProvider"] = "PostgreSql";
        start.Environment["FamilyMutualAid__PublicOrigin"] = "https://localhost";
        start.Environment["ConnectionStrings__FamilyMutualAid"] = _deployment.ConnectionString;
        start.Environment["FamilyMutualAid__SeedsDirectory"] = Path.Combine(files, "seeds");
        start.Environment["FamilyMutualAid__ContentDirectory"] = Path.Combine(files, "content");
        start.Environment["FamilyMutualAid__DataDirectory"] = Path.Combine(files, "data");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token);
        var text = await output + await error;
        Assert.True(process.ExitCode == 0, text);
        return text;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
