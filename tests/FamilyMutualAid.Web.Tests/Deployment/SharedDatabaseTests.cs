using FamilyMutualAid.Web.Tests.Infrastructure;
using FamilyMutualAid.Web.Tests.Infrastructure.Servers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Deployment;

/// <summary>A site on the SQLite file in another site's (or a restore's) data directory, which it neither fills nor deletes.</summary>
public sealed class SqliteSiteOn(string dataDirectory) : SiteFactory
{
    protected override void UseDatabase(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("FamilyMutualAid:DataDirectory", dataDirectory);
        builder.UseSetting("FamilyMutualAid:ImportOnStartup", "false");
    }
}

/// <summary>
/// A site on an existing PostgreSQL database, checking the version only once an hour: only NOTIFY can bring it another
/// instance's publish in time.
/// </summary>
public sealed class PostgresSiteOn(string connectionString) : SiteFactory
{
    protected override void UseDatabase(IWebHostBuilder builder)
    {
        PostgresServer.Use(builder, connectionString);
        builder.UseSetting("FamilyMutualAid:ImportOnStartup", "false");
        builder.UseSetting("FamilyMutualAid:DataVersionCheckSeconds", "3600");
    }
}

/// <summary>
/// Instances sharing a database install what another one publishes within 2 seconds: on PostgreSQL told by NOTIFY,
/// on SQLite by the periodic version check.
/// </summary>
public abstract class SharedDatabaseTests : IDisposable
{
    // Sites of their own: two instances on one database per test, by design.
    private readonly SiteFactory _first;
    private readonly SiteFactory _second;

    protected SharedDatabaseTests(SiteFactory first, SiteFactory second, ITestOutputHelper output)
    {
        _first = first.LogTo(output);
        _second = second.LogTo(output);
        _first.CreateClient().Dispose();
    }

    public void Dispose()
    {
        _second.Dispose();
        _first.Dispose();
        GC.SuppressFinalize(this);
    }

    [ServerFact]
    public async Task A_publish_on_one_instance_shows_on_the_other_within_two_seconds()
    {
        using var second = _second.CreateClient();
        var before = await Html.GetAsync(second, "/regions/shanghai/faq");
        var title = "共享数据库的测试标题 " + Guid.NewGuid().ToString("N")[..6];
        Assert.NotEqual(title, before.QuerySelector("h1")!.TextContent.Trim());

        await PagePublishing.PublishTitleAsync(_first.Services, "shanghai/faq", title);

        await PagePublishing.WaitForTitleAsync(second, "/regions/shanghai/faq", title, TimeSpan.FromSeconds(2));
    }

    [ServerFact]
    public async Task A_publish_on_one_instance_evicts_the_cached_result_pages_of_the_other()
    {
        const string url = "/check/result?sharer_place=310000&member_place=310000&relationship=spouse&purpose=hospital&sharer_insurance=employee&sharer_status=normal&balance=some&amount=3000&member_insurance=resident&member_status=normal";
        using var second = _second.CreateClient();
        var snapshots = _second.Services.GetRequiredService<PolicySnapshotProvider>();
        using (var rendered = await second.GetAsync(url))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, rendered.StatusCode);
        }
        using (var cached = await second.GetAsync(url))
        {
            Assert.NotNull(cached.Headers.Age);
        }
        var before = snapshots.Version;

        await PagePublishing.PublishTitleAsync(_first.Services, "shanghai/overview", "缓存失效的测试标题 " + Guid.NewGuid().ToString("N")[..6]);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (snapshots.Version == before && clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            await Task.Delay(20);
        }

        Assert.True(snapshots.Version > before, $"still at version {before} after 2 s");
        using var fresh = await second.GetAsync(url);
        Assert.Null(fresh.Headers.Age);
    }
}

public sealed class SqliteSharedDatabaseTests : SharedDatabaseTests
{
    public SqliteSharedDatabaseTests(ITestOutputHelper output)
        : this(new SiteFactory(), output)
    {
    }

    private SqliteSharedDatabaseTests(SiteFactory first, ITestOutputHelper output)
        : base(first, new SqliteSiteOn(first.DataDirectory), output)
    {
    }
}

public sealed class PostgresSharedDatabaseTests : SharedDatabaseTests
{
    public PostgresSharedDatabaseTests(ITestOutputHelper output)
        : this(new PostgresSiteFactory(), output)
    {
    }

    private PostgresSharedDatabaseTests(PostgresSiteFactory first, ITestOutputHelper output)
        : base(first, new PostgresSiteOn(first.ConnectionString), output)
    {
    }
}
