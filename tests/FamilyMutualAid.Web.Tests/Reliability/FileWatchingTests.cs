using FamilyMutualAid.Web.Infrastructure;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace FamilyMutualAid.Web.Tests.Reliability;

/// <summary>
/// Every process of a user shares 128 inotify instances; a site that watches its files takes some of them, so many
/// test sites (or CLI runs beside a site) exhaust them and requests fail. The site watches nothing it does not need.
/// </summary>
public sealed class FileWatchingTests
{
    [Fact]
    public async Task A_running_site_serving_pages_and_static_files_holds_no_inotify_instance()
    {
        Assert.True(OperatingSystem.IsLinux(), "inotify is a Linux facility");
        await using var site = new SiteFactory();
        var client = site.CreateClient();
        foreach (var url in new[] { "/", "/regions/shanghai", "/staff/login", "/css/site.css", "/check" })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.IsSuccessStatusCode, url + " answered " + (int)response.StatusCode);
        }

        Assert.Equal(0, FileWatchers.InotifyInstances());
    }
}

public sealed class CommandLineFileWatchingTests
{
    [Fact]
    public async Task A_host_built_as_the_command_line_verbs_build_it_holds_no_inotify_instance()
    {
        // The verbs (import, export, create-admin) build the site's host with these arguments; see Program.cs.
        var builder = WebApplication.CreateBuilder(FileWatching.OffArguments);
        builder.AddFamilyMutualAid();
        await using var app = builder.Build();
        _ = app.Configuration["FamilyMutualAid:DataDirectory"];

        Assert.Equal(0, FileWatchers.InotifyInstances());
    }
}
