using FamilyMutualAid.Web.Policy;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace FamilyMutualAid.Web.Tests.Caching;

/// <summary>
/// The views derived from a snapshot are built once and replaced with it: a publish shows on the next render even with
/// the output cache off, so nothing but the derived views could have kept the old text.
/// </summary>
public sealed class PublishedViewsTests : IAsyncLifetime
{
    private readonly UncachedSiteFactory _site;

    public PublishedViewsTests(ITestOutputHelper output) => _site = (UncachedSiteFactory)new UncachedSiteFactory().LogTo(output);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task A_view_is_built_once_per_snapshot_and_date()
    {
        using var client = _site.CreateClient();
        await Html.GetAsync(client, "/regions");
        var views = _site.Services.GetRequiredService<PolicySnapshotProvider>().Views;
        var builds = 0;
        var today = DateOnly.FromDateTime(_site.Clock.GetUtcNow().UtcDateTime);

        var first = views.Get(today, "key", (_, _) => new object[] { ++builds });
        var again = views.Get(today, "key", (_, _) => new object[] { ++builds });
        var tomorrow = views.Get(today.AddDays(1), "key", (_, _) => new object[] { ++builds });

        Assert.Same(first, again);
        Assert.NotSame(first, tomorrow);
        Assert.Equal(2, builds);
    }

    [Fact]
    public async Task A_published_overview_title_shows_on_the_region_and_binding_pages_at_once()
    {
        using var client = _site.CreateClient();
        var before = await Html.GetAsync(client, "/regions/shanghai");
        await Html.GetAsync(client, "/regions/shanghai/binding");
        var views = _site.Services.GetRequiredService<PolicySnapshotProvider>().Views;
        var title = "派生视图的测试标题 " + Guid.NewGuid().ToString("N")[..6];

        await PagePublishing.PublishTitleAsync(_site.Services, "shanghai/overview", title);
        await PagePublishing.PublishTitleAsync(_site.Services, "shanghai/cross-region", title + " 异地");
        var after = await Html.GetAsync(client, "/regions/shanghai");
        var binding = await Html.GetAsync(client, "/regions/shanghai/binding");

        Assert.NotEqual(title, before.QuerySelector("#overview-title")!.TextContent.Trim());
        Assert.Equal(title, after.QuerySelector("#overview-title")!.TextContent.Trim());
        Assert.Contains(binding.QuerySelectorAll("a"), a => a.TextContent.Contains(title + " 异地", StringComparison.Ordinal));
        Assert.NotSame(views, _site.Services.GetRequiredService<PolicySnapshotProvider>().Views);
    }

    /// <summary>The site with the output cache off, as the benchmark's fresh mode runs it.</summary>
    private sealed class UncachedSiteFactory : SiteFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("FamilyMutualAid:CacheRenderedPages", "false");
        }
    }
}
