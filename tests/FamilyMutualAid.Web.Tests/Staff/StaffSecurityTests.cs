using FamilyMutualAid.Web.Content;
using System.Net;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Infrastructure;
using FamilyMutualAid.Web.Tests.Infrastructure;
using FamilyMutualAid.Web.Tests.Infrastructure.Servers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyMutualAid.Web.Tests.Staff;

/// <summary>The site with staff settings a test chooses (e.g. a small sign-in rate limit).</summary>
public sealed class StaffSiteFactory(int loginAttemptsPerWindow = 100) : SiteFactory
{
    public const string AdminEmail = "admin@example.org";
    public const string AdminPassword = "correct horse battery staple";

    /// <summary>Hooks into the site's database work (see DatabaseHooks), for tests that time or break a step.</summary>
    public IReadOnlyList<IInterceptor> Interceptors { get; init; } = [];

    /// <summary>Settings of the site beyond the defaults, e.g. Staff:ForbidSelfApproval.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>In the Production environment (the error page instead of the developer's), reached over https.</summary>
    public bool InProduction { get; init; }

    protected override string EnvironmentName => InProduction ? "Production" : base.EnvironmentName;

    /// <summary>On a PostgreSQL database of its own (a copy of the repository's data) instead of a SQLite file.</summary>
    public bool OnPostgreSql { get; init; }

    protected override void UseDatabase(IWebHostBuilder builder)
    {
        if (!OnPostgreSql)
        {
            base.UseDatabase(builder);
            return;
        }
        PostgresServer.Use(builder, PostgresServer.CreateDatabaseForSite(StartsFromRepositoryData));
        builder.UseSetting("FamilyMutualAid:ImportOnStartup", "false");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Staff:LoginAttemptsPerWindow", loginAttemptsPerWindow.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        if (Interceptors.Count > 0)
        {
            builder.ConfigureTestServices(services =>
            {
                services.ConfigureDbContext<PolicyDbContext>(options => options.AddInterceptors(Interceptors));
                services.ConfigureDbContext<PostgreSqlPolicyDbContext>(options => options.AddInterceptors(Interceptors));
            });
        }
    }

    public async Task CreateAdminAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var (code, message) = await CreateAdminCommand.CreateAsync(scope.ServiceProvider, AdminEmail, AdminPassword, CancellationToken.None);
        Assert.True(code == 0, message);
    }

    /// <summary>Creates the administrator and returns a browser signed in as them.</summary>
    public async Task<HttpClient> SignedInAdminAsync()
    {
        await CreateAdminAsync();
        var client = Browser();
        using var response = await SignInAsync(client, AdminEmail, AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Creates a staff member with the given roles, limited to the given regions (none: all).</summary>
    public async Task CreateUserAsync(string email, string password, string regions, params string[] roles)
    {
        await CreateAdminAsync();
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = email, Email = email, Regions = regions };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        foreach (var role in roles)
        {
            await users.AddToRoleAsync(user, role);
        }
    }

    public async Task<T> WithDbAsync<T>(Func<PolicyDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PolicyDbContext>());
    }

    /// <summary>Saves a record's latest content (changed by <paramref name="change"/>) as a draft by <paramref name="author"/> and submits it for review; returns the submission's id.</summary>
    public async Task<int> SubmitForReviewAsync(RecordKind kind, string key, string author, Func<string, string>? change = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var editor = scope.ServiceProvider.GetRequiredService<FamilyMutualAid.Web.Publishing.RecordEditor>();
        var record = (await editor.FindAsync(kind, key, CancellationToken.None))!;
        var payload = FamilyMutualAid.Web.Publishing.RecordEditor.Latest(record).Payload;
        var draft = await editor.SaveDraftAsync(kind, key, record.ConcurrencyStamp, change?.Invoke(payload) ?? payload, author, null, CancellationToken.None);
        var workflow = scope.ServiceProvider.GetRequiredService<FamilyMutualAid.Web.Publishing.ReviewWorkflow>();
        var submitted = await workflow.SubmitAsync(kind, key, draft.Version!.Id, author, null, CancellationToken.None);
        Assert.Equal(FamilyMutualAid.Web.Publishing.ReviewOutcome.Done, submitted.Outcome);
        return await WithDbAsync(db => db.Reviews.Where(r => r.VersionId == draft.Version.Id).Select(r => r.Id).SingleAsync());
    }

    /// <summary>Runs an action with the real record editor of a fresh scope, as a staff page would.</summary>
    public async Task<T> WithEditorAsync<T>(Func<FamilyMutualAid.Web.Publishing.RecordEditor, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<FamilyMutualAid.Web.Publishing.RecordEditor>());
    }

    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri(InProduction ? "https://localhost" : "http://localhost"),
    });

    /// <summary>Signs in through the real form, antiforgery token included.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var form = await Html.GetAsync(client, "/staff/login");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        });
        return await client.PostAsync("/staff/login", content);
    }
}

/// <summary>Signing in, passwords and the audit log; each test creates its own accounts, under unique addresses.</summary>
public sealed class StaffSecurityTests(SharedStaffSite fixture) : IClassFixture<SharedStaffSite>
{
    private const string AdminPassword = StaffSiteFactory.AdminPassword;
    private readonly StaffSiteFactory _site = fixture.Site;

    private static string UniqueEmail(string name) => $"{name}-{Guid.NewGuid():N}@example.org";

    /// <summary>An admin of this test's own, so no test locks out or signs in as another's.</summary>
    private async Task<string> CreateAdminAsync()
    {
        var email = UniqueEmail("admin");
        await using var scope = _site.Services.CreateAsyncScope();
        var (code, message) = await CreateAdminCommand.CreateAsync(scope.ServiceProvider, email, AdminPassword, CancellationToken.None);
        Assert.True(code == 0, message);
        return email;
    }

    [Theory]
    [InlineData("/staff")]
    [InlineData("/staff/account")]
    public async Task Anonymous_visitors_are_sent_to_the_login_page(string url)
    {
        using var response = await _site.Browser().GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/staff/login", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_signs_in_with_a_secure_cookie_and_the_sign_in_is_audited()
    {
        var admin = await CreateAdminAsync();
        var client = _site.Browser();

        using var response = await StaffSiteFactory.SignInAsync(client, admin, AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff", response.Headers.Location!.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("fma.staff=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var home = await Html.GetAsync(client, "/staff");
        Assert.Contains(admin, home.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var actions = await _site.WithDbAsync(db => db.Audit.Where(a => a.Actor == admin).Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.SignIn, actions);
    }

    [Fact]
    public async Task Passwords_are_hashed_with_pbkdf2_and_at_least_210000_iterations()
    {
        var admin = await CreateAdminAsync();

        var hash = Convert.FromBase64String(await _site.WithDbAsync(db => db.Users.Where(u => u.Email == admin).Select(u => u.PasswordHash!).SingleAsync()));

        Assert.Equal(0x01, hash[0]);
        var iterations = (hash[5] << 24) | (hash[6] << 16) | (hash[7] << 8) | hash[8];
        Assert.True(iterations >= 210_000, $"{iterations} iterations");
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_and_are_audited_without_the_password()
    {
        var admin = await CreateAdminAsync();
        var client = _site.Browser();
        for (var i = 0; i < 5; i++)
        {
            using var failed = await StaffSiteFactory.SignInAsync(client, admin, "wrong password number " + i);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using var response = await StaffSiteFactory.SignInAsync(client, admin, AdminPassword);
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("锁定", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        var entries = await _site.WithDbAsync(db => db.Audit.ToListAsync());
        Assert.Contains(entries, e => e.Action == AuditActions.LockedOut && e.Actor == admin);
        Assert.DoesNotContain(entries, e => (e.Detail ?? "").Contains("wrong password", StringComparison.Ordinal) || e.Actor.Contains("wrong password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_login_post_without_the_antiforgery_token_is_refused()
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "a@example.org", ["Password"] = "whatever whatever" });

        using var response = await _site.Browser().PostAsync("/staff/login", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_password_policy_asks_for_12_characters_and_no_composition_rules()
    {
        await using var scope = _site.Services.CreateAsyncScope();
        var (shortCode, _) = await CreateAdminCommand.CreateAsync(scope.ServiceProvider, UniqueEmail("short"), "elevenchars", CancellationToken.None);
        var (plainCode, message) = await CreateAdminCommand.CreateAsync(scope.ServiceProvider, UniqueEmail("plain"), "twelvelowers", CancellationToken.None);

        Assert.Equal(1, shortCode);
        Assert.True(plainCode == 0, message);
    }

    [Fact]
    public async Task A_signed_in_user_without_a_staff_role_is_denied()
    {
        var nobody = UniqueEmail("nobody");
        await using (var scope = _site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            Assert.True((await users.CreateAsync(new StaffUser { UserName = nobody, Email = nobody }, "a long enough password")).Succeeded);
        }
        var client = _site.Browser();
        await StaffSiteFactory.SignInAsync(client, nobody, "a long enough password");

        using var response = await client.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/staff/denied", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_log_is_append_only()
    {
        await CreateAdminAsync();

        await using var scope = _site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PolicyDbContext>();
        var entry = await db.Audit.FirstAsync();
        entry.Action = "rewritten";

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }
}

/// <summary>Sessions ended by a password change or a sign-out: each test has its own site because it advances the site's clock.</summary>
public sealed class StaffSessionTests : IDisposable
{
    // Its own site: these tests advance the site's clock, which every test sharing the site would see.
    private readonly StaffSiteFactory _site = new();
    private HttpClient? _otherSession;

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Changing_the_password_works_is_audited_and_signs_out_other_sessions()
    {
        await _site.CreateAdminAsync();
        var client = _site.Browser();
        await StaffSiteFactory.SignInAsync(client, StaffSiteFactory.AdminEmail, StaffSiteFactory.AdminPassword);
        _otherSession = _site.Browser();
        await StaffSiteFactory.SignInAsync(_otherSession, StaffSiteFactory.AdminEmail, StaffSiteFactory.AdminPassword);
        var form = await Html.GetAsync(client, "/staff/account");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["CurrentPassword"] = StaffSiteFactory.AdminPassword,
            ["NewPassword"] = "an even longer new passphrase",
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        });

        using var response = await client.PostAsync("/staff/account", content);

        Assert.Contains("密码已修改", (await Html.ParseAsync(response)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.True(await _site.WithDbAsync(db => db.Audit.AnyAsync(a => a.Action == AuditActions.PasswordChanged)));
        using var fresh = await StaffSiteFactory.SignInAsync(_site.Browser(), StaffSiteFactory.AdminEmail, "an even longer new passphrase");
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        using var stillSignedIn = await client.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
        // The stamp is checked once time has passed since the cookie was issued (interval zero); the site's clock is fake.
        _site.Clock.Advance(TimeSpan.FromSeconds(1));
        using var otherSession = await _otherSession!.GetAsync("/staff");
        Assert.StartsWith("/staff/login", otherSession.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_cookie_copied_before_sign_out_no_longer_opens_the_staff_area()
    {
        await _site.CreateAdminAsync();
        var client = _site.Browser();
        using var signedIn = await StaffSiteFactory.SignInAsync(client, StaffSiteFactory.AdminEmail, StaffSiteFactory.AdminPassword);
        var copied = string.Join("; ", signedIn.Headers.GetValues("Set-Cookie")
            .Where(c => c.StartsWith("fma.staff", StringComparison.Ordinal))
            .Select(c => c.Split(';')[0]));
        using var thief = _site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        thief.DefaultRequestHeaders.Add("Cookie", copied);
        using (var before = await thief.GetAsync("/staff"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }
        var home = await Html.GetAsync(client, "/staff");
        using var logoutForm = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = home.QuerySelector("form[action='/staff/logout'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        });

        using var loggedOut = await client.PostAsync("/staff/logout", logoutForm);
        // The stamp is checked once time has passed since the cookie was issued (interval zero); the site's clock is fake.
        _site.Clock.Advance(TimeSpan.FromSeconds(1));
        using var replayed = await thief.GetAsync("/staff");

        Assert.Equal("/staff/login", loggedOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/staff/login", replayed.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.True(await _site.WithDbAsync(db => db.Audit.AnyAsync(a => a.Action == AuditActions.SignOut && a.Actor == StaffSiteFactory.AdminEmail)));
    }
}

public sealed class LoginRateLimitTests : IDisposable
{
    // A site per test: a sign-in limit of 3 per window, which the test uses up.
    private readonly StaffSiteFactory _site = new(loginAttemptsPerWindow: 3);

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Too_many_sign_in_attempts_get_429_with_retry_after()
    {
        var client = _site.Browser();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await StaffSiteFactory.SignInAsync(client, "someone@example.org", "not the password");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await StaffSiteFactory.SignInAsync(client, "someone@example.org", "not the password");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }
}
