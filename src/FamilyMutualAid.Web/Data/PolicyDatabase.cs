using FamilyMutualAid.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FamilyMutualAid.Web.Data;

/// <summary>The database engines the site runs on (`FamilyMutualAid:DatabaseProvider`).</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded file (the default): one instance, nothing to install.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server shared by several instances.</summary>
    PostgreSql,
}

/// <summary>
/// Registers <see cref="PolicyDbContext"/> on the configured provider; the only place that knows which one it is.
/// The connection string is `ConnectionStrings:FamilyMutualAid`; SQLite defaults to the file in the data directory.
/// </summary>
public static class PolicyDatabase
{
    public const string ConnectionStringName = "FamilyMutualAid";

    public static WebApplicationBuilder AddPolicyDatabase(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(FamilyMutualAidOptions.SectionName).Get<FamilyMutualAidOptions>() ?? new FamilyMutualAidOptions();
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        switch (options.DatabaseProvider)
        {
            case DatabaseProvider.Sqlite:
                connectionString ??= options.ConnectionString(builder.Environment.ContentRootPath);
                builder.Services.AddDbContext<PolicyDbContext>(db => db.UseSqlite(connectionString));
                break;
            case DatabaseProvider.PostgreSql:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        $"ConnectionStrings:{ConnectionStringName} (environment: ConnectionStrings__{ConnectionStringName}) is required when FamilyMutualAid:DatabaseProvider is PostgreSql.");
                }
                builder.Services.AddDbContext<PolicyDbContext, PostgreSqlPolicyDbContext>(db => db.UseNpgsql(connectionString));
                break;
            default:
                throw new InvalidOperationException($"FamilyMutualAid:DatabaseProvider '{options.DatabaseProvider}' is not one of Sqlite, PostgreSql.");
        }
        return builder;
    }
}
