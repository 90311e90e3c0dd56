using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Import;

/// <summary>Re-importing changed files into a running site.</summary>
public sealed class ReimportTests : IDisposable
{
    // A site per test: tests change the data files and reimport them.
    private readonly CopiedDataSiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    private async Task<ImportReport> ReimportAsync()
    {
        await using var scope = _site.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<PolicyImporter>().ImportAsync(
            Path.Combine(_site.DataRoot, "seeds"), Path.Combine(_site.DataRoot, "content"), dryRun: false, CancellationToken.None);
        await _site.Services.GetRequiredService<PolicySnapshotProvider>().RefreshAsync();
        return report;
    }

    [Fact]
    public async Task A_failing_reimport_leaves_the_site_serving_what_it_had()
    {
        using var client = _site.CreateClient();
        var before = await Html.GetAsync(client, "/regions/fuzhou");
        _site.Replace("seeds/regions.yaml", "parent: fujian", "parent: nowhere");

        var report = await ReimportAsync();

        Assert.False(report.Succeeded);
        Assert.Contains(report.Problems, p => p.File == "seeds/regions.yaml" && p.Message.Contains("unknown parent region 'nowhere'", StringComparison.Ordinal));
        var after = await Html.GetAsync(client, "/regions/fuzhou");
        Assert.Equal(before.QuerySelector("h1")!.TextContent, after.QuerySelector("h1")!.TextContent);
        Assert.Equal("/regions/fujian", after.QuerySelectorAll(".breadcrumb a").Select(a => a.GetAttribute("href")).ElementAt(1));
    }

    [Fact]
    public async Task A_changed_value_reaches_the_pages_after_reimport()
    {
        using var client = _site.CreateClient();
        _site.Replace("seeds/policy/beijing.yaml", "value: 0.6", "value: 0.55");

        var report = await ReimportAsync();

        Assert.True(report.Succeeded, string.Join("\n", report.Problems));
        Assert.Equal(["parameter:beijing/annual_cap_share"], report.Updated);
        var page = await Html.GetAsync(client, "/regions/beijing");
        Assert.Contains(page.QuerySelectorAll(".fact .value"), v => v.TextContent == "55%");
    }

    [Fact]
    public async Task A_cached_check_result_is_recomputed_after_the_data_changes()
    {
        using var client = _site.CreateClient();
        const string url = "/check/result?sharer_place=fuzhou&member_place=fuzhou&relationship=other&purpose=hospital&sharer_insurance=employee&sharer_status=normal&balance=some&member_insurance=resident&member_status=normal";
        var before = await Html.GetAsync(client, url);
        Assert.Contains("不能共济", before.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var file = Path.Combine(_site.DataRoot, "seeds", "policy", "national.yaml");
        var lines = File.ReadAllLines(file);
        var last = Array.FindLastIndex(lines, l => l.Contains("value: [spouse, parent, child, sibling, grandparent, grandchild]", StringComparison.Ordinal));
        lines[last] = lines[last].Replace("grandchild]", "grandchild, other]", StringComparison.Ordinal);
        Assert.Equal("        excluded: [other]", lines[last + 1]);
        await File.WriteAllLinesAsync(file, lines.Where((_, i) => i != last + 1));

        var report = await ReimportAsync();

        Assert.True(report.Succeeded, string.Join("\n", report.Problems));
        var after = await Html.GetAsync(client, url);
        Assert.DoesNotContain("不能共济", after.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }
}
