using Microsoft.AspNetCore.Hosting;

namespace FamilyMutualAid.Web.Tests.Infrastructure.Servers;

/// <summary>
/// The site (Development, like <see cref="SiteFactory"/>) on a PostgreSQL database of its own in the test run's
/// cluster: a copy of the repository's data imported once (a database template), or empty and imported at start.
/// </summary>
public class PostgresSiteFactory : SiteFactory
{
    private string? _connectionString;

    /// <summary>The site's database (created on first use).</summary>
    public string ConnectionString => _connectionString ??= PostgresServer.CreateDatabaseForSite(StartsFromRepositoryData);

    protected override void UseDatabase(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        PostgresServer.Use(builder, ConnectionString);
        if (StartsFromRepositoryData)
        {
            builder.UseSetting("FamilyMutualAid:ImportOnStartup", "false");
        }
    }
}
