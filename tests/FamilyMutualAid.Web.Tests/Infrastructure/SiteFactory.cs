using FamilyMutualAid.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using Xunit.Abstractions;
using FamilyMutualAid.Web.Hosting;

namespace FamilyMutualAid.Web.Tests.Infrastructure;

/// <summary>
/// Hosts the real site with a fresh SQLite file in a temp folder, importing the repository's seeds and content, on a
/// fake clock (<see cref="TestClock.Start"/>), watching no files, and logging to the running test's output.
/// </summary>
public class SiteFactory : WebApplicationFactory<Program>
{
    private readonly TestOutputLog _log = new();

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "fma-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The site's clock; a test may advance it.</summary>
    public FakeTimeProvider Clock { get; } = TestClock.New();

    /// <summary>
    /// Publishers publish drafts directly (Staff:RequireReview off), for the tests of editing and publishing itself;
    /// by default, as in production, publishing goes through review.
    /// </summary>
    public bool DirectPublishing { get; init; }

    /// <summary>Sends the site's logs to this test's output (call from the test class's constructor).</summary>
    public SiteFactory LogTo(ITestOutputHelper output)
    {
        _log.WriteTo(output);
        return this;
    }

    /// <summary>
    /// Whether the site starts from the repository's seeds and content as imported (a copy of one database imported
    /// once per test run, instead of importing at every start); a site over other files imports them at start.
    /// </summary>
    protected virtual bool StartsFromRepositoryData => true;

    /// <summary>The hosting environment; Development unless a factory tests production behaviour.</summary>
    protected virtual string EnvironmentName => "Development";

    /// <summary>The site's configured public origin (FamilyMutualAid:PublicOrigin); the test server's own host by default.</summary>
    protected virtual string PublicOrigin => "http://localhost";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("FamilyMutualAid:DataDirectory", DataDirectory);
        UseDatabase(builder);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting(FileWatching.SettingKey, "false");
        builder.UseSetting("FamilyMutualAid:PublicOrigin", PublicOrigin);
        if (DirectPublishing)
        {
            builder.UseSetting("Staff:RequireReview", "false");
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<ILogEventSink>(_log);
        });
    }

    /// <summary>The site's own SQLite file in <see cref="DataDirectory"/>; a PostgreSQL factory puts its database instead.</summary>
    protected virtual void UseDatabase(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (StartsFromRepositoryData)
        {
            RepositoryDatabase.CopyTo(Path.Combine(DataDirectory, new FamilyMutualAidOptions().DatabaseFile));
            builder.UseSetting("FamilyMutualAid:ImportOnStartup", "false");
        }
    }

    protected override void Dispose(bool disposing)
    {
        _log.WriteTo(null);
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DataDirectory))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
