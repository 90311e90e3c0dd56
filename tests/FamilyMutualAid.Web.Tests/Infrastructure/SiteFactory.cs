using FamilyMutualAid.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FamilyMutualAid.Web.Tests.Infrastructure;

/// <summary>Hosts the real site with a fresh SQLite file in a temp folder, importing the repository's seeds and content.</summary>
public class SiteFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "fma-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("FamilyMutualAid:DataDirectory", DataDirectory);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting(FileWatching.SettingKey, "false");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DataDirectory))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
