using Microsoft.EntityFrameworkCore;
using FamilyMutualAid.Web.Hosting;

namespace FamilyMutualAid.Web.Data;

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

    /// <summary>
    /// Holds a database-wide lock until disposed, so that instances starting at once run the startup import one at a
    /// time. PostgreSQL: a session advisory lock (released with the session if the process dies). SQLite: none needed,
    /// its write transactions (BEGIN IMMEDIATE) already admit one writer at a time and read after taking the lock.
    /// </summary>
    public static async Task<IAsyncDisposable> LockForStartupAsync(this PolicyDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsNpgsql())
        {
            return NoLock.Instance;
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({StartupLockKey})", cancellationToken);
        return new AdvisoryLock(db);
    }

    /// <summary>The advisory lock's key: "FMA" + 1.</summary>
    private const long StartupLockKey = 0x464D4101;

    private sealed class AdvisoryLock(PolicyDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({StartupLockKey})");
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
