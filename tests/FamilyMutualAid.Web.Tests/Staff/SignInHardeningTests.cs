using System.Diagnostics;
using System.Net;
using FamilyMutualAid.Web.Infrastructure;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyMutualAid.Web.Tests.Staff;

/// <summary>
/// Sign-in and password rules an outsider cannot use: the same answer in about the same time for known and unknown
/// accounts, failures that pause only the (account, address) pair, a throttled password change, and no common,
/// repetitive or over-long passwords.
/// </summary>
public sealed class SignInHardeningTests : IDisposable
{
    private readonly PeerSite _site = new();

    public void Dispose() => _site.Dispose();

    private HttpClient From(string address)
    {
        var client = _site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(PeerSite.Header, address);
        return client;
    }

    private static async Task<(HttpResponseMessage Response, TimeSpan Took)> TimedSignInAsync(HttpClient client, string email, string password)
    {
        var form = await Html.GetAsync(client, "/staff/login");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        });
        var started = Stopwatch.GetTimestamp();
        var response = await client.PostAsync("/staff/login", content);
        return (response, Stopwatch.GetElapsedTime(started));
    }

    private static async Task<string> ErrorOfAsync(HttpResponseMessage response) =>
        (await Html.ParseAsync(response)).QuerySelector(".error-summary")?.TextContent.Trim() ?? "";

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);

    [Fact]
    public async Task A_known_and_an_unknown_email_get_the_same_answer_in_about_the_same_time()
    {
        await _site.CreateAdminAsync();
        var known = new List<TimeSpan>();
        var unknown = new List<TimeSpan>();
        var answers = new HashSet<string>(StringComparer.Ordinal);
        // Each try from its own address, so that no pause shortens either side; alternated, so load hits both alike.
        for (var i = 0; i < 24; i++)
        {
            using var fromA = From($"10.1.0.{i + 1}");
            using var fromB = From($"10.2.0.{i + 1}");
            var (a, aTook) = await TimedSignInAsync(fromA, StaffSiteFactory.AdminEmail, "not the password " + i);
            var (b, bTook) = await TimedSignInAsync(fromB, $"nobody{i}@example.org", "not the password " + i);
            known.Add(aTook);
            unknown.Add(bTook);
            answers.Add(((int)a.StatusCode) + " " + await ErrorOfAsync(a));
            answers.Add(((int)b.StatusCode) + " " + await ErrorOfAsync(b));
            a.Dispose();
            b.Dispose();
        }

        var (k, u) = (Median(known), Median(unknown));
        Assert.True(k < u * 2 && u < k * 2, $"median known {k.TotalMilliseconds:0} ms, unknown {u.TotalMilliseconds:0} ms");
        Assert.Equal("200 邮箱或密码不正确。", Assert.Single(answers));
    }

    [Fact]
    public async Task A_strangers_failures_pause_only_the_strangers_address_and_look_the_same_for_unknown_accounts()
    {
        await _site.CreateAdminAsync();
        using var stranger = From("203.0.113.66");
        for (var i = 0; i < 6; i++)
        {
            (await TimedSignInAsync(stranger, StaffSiteFactory.AdminEmail, "guess number " + i)).Response.Dispose();
            (await TimedSignInAsync(stranger, "nobody@example.org", "guess number " + i)).Response.Dispose();
        }

        var (strangerKnown, _) = await TimedSignInAsync(stranger, StaffSiteFactory.AdminEmail, StaffSiteFactory.AdminPassword);
        var (strangerUnknown, _) = await TimedSignInAsync(stranger, "nobody@example.org", StaffSiteFactory.AdminPassword);
        using var owner = From("198.51.100.7");
        var (ownerSignIn, _) = await TimedSignInAsync(owner, StaffSiteFactory.AdminEmail, StaffSiteFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, strangerKnown.StatusCode);
        Assert.Contains("锁定", await ErrorOfAsync(strangerKnown), StringComparison.Ordinal);
        Assert.Equal(await ErrorOfAsync(strangerKnown), await ErrorOfAsync(strangerUnknown));
        Assert.Equal(HttpStatusCode.Redirect, ownerSignIn.StatusCode);
        strangerKnown.Dispose();
        strangerUnknown.Dispose();
        ownerSignIn.Dispose();
    }

    [Fact]
    public async Task Wrong_current_passwords_pause_the_password_change_even_for_the_right_one()
    {
        await _site.CreateAdminAsync();
        using var client = From("198.51.100.8");
        (await TimedSignInAsync(client, StaffSiteFactory.AdminEmail, StaffSiteFactory.AdminPassword)).Response.Dispose();

        async Task<string> ChangeAsync(string current)
        {
            var form = await Html.GetAsync(client, "/staff/account");
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["CurrentPassword"] = current,
                ["NewPassword"] = "an even longer new passphrase",
                ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            });
            using var response = await client.PostAsync("/staff/account", content);
            return (await Html.ParseAsync(response)).QuerySelector("main")!.TextContent;
        }
        for (var i = 0; i < 6; i++)
        {
            await ChangeAsync("wrong current password " + i);
        }

        var last = await ChangeAsync(StaffSiteFactory.AdminPassword);

        Assert.DoesNotContain("密码已修改", last, StringComparison.Ordinal);
        Assert.Contains("修改密码已暂停", last, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("password1234")]
    [InlineData("123456789012")]
    [InlineData("qwertyuiop12")]
    [InlineData("abcabcabcabc")]
    [InlineData("Iloveyou!!!!")]
    public async Task Common_and_repetitive_passwords_are_refused_in_chinese(string password)
    {
        await using var scope = _site.Services.CreateAsyncScope();

        var (code, message) = await CreateAdminCommand.CreateAsync(scope.ServiceProvider, "weak@example.org", password, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains("容易被猜中", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("twelvelowers")]
    [InlineData("correct horse battery staple")]
    [InlineData("我家的猫叫做小白它三岁了")]
    public async Task Ordinary_long_passwords_are_accepted(string password)
    {
        await using var scope = _site.Services.CreateAsyncScope();

        var (code, message) = await CreateAdminCommand.CreateAsync(scope.ServiceProvider, "fine@example.org", password, CancellationToken.None);

        Assert.True(code == 0, message);
    }

    [Fact]
    public async Task A_password_too_long_to_sign_in_with_cannot_be_set_and_sign_in_says_so_in_chinese()
    {
        await using var scope = _site.Services.CreateAsyncScope();
        var (code, message) = await CreateAdminCommand.CreateAsync(scope.ServiceProvider, "long@example.org", "my own passphrase " + new string('x', 4980), CancellationToken.None);
        using var client = From("198.51.100.9");

        var (response, _) = await TimedSignInAsync(client, "long@example.org", new string('y', 300));
        var page = await Html.ParseAsync(response);

        Assert.Equal(1, code);
        Assert.Contains("最多 128 个字符", message, StringComparison.Ordinal);
        Assert.Equal("密码最多 128 个字符。", page.QuerySelector("#password-error")?.TextContent.Trim());
        response.Dispose();
    }

    /// <summary>The site with each request's client address taken from <see cref="Header"/> (the test server has no peer).</summary>
    private sealed class PeerSite : SiteFactory
    {
        public const string Header = "X-Test-Peer";

        public async Task CreateAdminAsync()
        {
            await using var scope = Services.CreateAsyncScope();
            var (code, message) = await CreateAdminCommand.CreateAsync(scope.ServiceProvider, StaffSiteFactory.AdminEmail, StaffSiteFactory.AdminPassword, CancellationToken.None);
            Assert.True(code == 0, message);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Staff:LoginAttemptsPerWindow", "1000");
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, PeerFilter>());
        }

        private sealed class PeerFilter : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use(async (context, nextMiddleware) =>
                {
                    if (System.Net.IPAddress.TryParse(context.Request.Headers[Header], out var address))
                    {
                        context.Connection.RemoteIpAddress = address;
                    }
                    await nextMiddleware(context);
                });
                next(app);
            };
        }
    }
}
