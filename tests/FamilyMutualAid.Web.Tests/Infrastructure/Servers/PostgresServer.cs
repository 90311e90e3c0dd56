using FamilyMutualAid.Web.Hosting;
using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Infrastructure.Servers;

/// <summary>
/// A throw-away PostgreSQL cluster for the whole test run: initdb into a temp folder, started with Debian's pg_ctl on a
/// free loopback port (trust authentication, fsync off: it holds nothing worth keeping), stopped when the run ends.
/// Each test class takes a database of its own (<see cref="CreateDatabaseAsync()"/>). A test that stops the server
/// starts a cluster of its own (<see cref="StartOwnAsync"/>), so the other tests' cluster stays up.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string User = "fma";
    private static readonly Lazy<Task<PostgresServer>> Started = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Lazy<Task<string>> _repositoryData;

    private readonly string _bin;
    private readonly string _root;
    private readonly bool _shared;

    private PostgresServer(string bin, string root, int port, bool shared)
    {
        _bin = bin;
        _root = root;
        Port = port;
        _shared = shared;
        _repositoryData = new(CreateRepositoryDataAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public int Port { get; }

    /// <summary>Whether the server is running (it has a postmaster.pid) rather than stopped by a test.</summary>
    public bool IsRunning => File.Exists(Path.Combine(_root, "data", "postmaster.pid"));

    public static Task<PostgresServer> SharedAsync() => Started.Value;

    /// <summary>A cluster for one test class alone, which it may stop and start again; disposing it removes it.</summary>
    public static Task<PostgresServer> StartOwnAsync() => StartAsync(shared: false);

    /// <summary>Debian's server programs: /usr/lib/postgresql/&lt;newest version&gt;/bin.</summary>
    public static string BinDirectory()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Where(d => File.Exists(Path.Combine(d, "bin", "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).ToList()
            : [];
        return versions.Count > 0
            ? Path.Combine(versions[0], "bin")
            : throw ExternalProcess.Missing("/usr/lib/postgresql/<version>/bin/initdb", "postgresql");
    }

    public string Program(string name) => Path.Combine(_bin, name);

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Database = database, IncludeErrorDetail = true }.ConnectionString;

    /// <summary>A database for a test site: a copy of the repository's data, or empty (the site imports at start).</summary>
    public static string CreateDatabaseForSite(bool withRepositoryData) => Task.Run(async () =>
    {
        var server = await SharedAsync();
        return withRepositoryData ? await server.CreateDatabaseFromRepositoryDataAsync() : await server.CreateDatabaseAsync();
    }).GetAwaiter().GetResult();

    /// <summary>Points a site at a PostgreSQL database.</summary>
    public static void Use(IWebHostBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("FamilyMutualAid:DatabaseProvider", nameof(DatabaseProvider.PostgreSql));
        builder.UseSetting("ConnectionStrings:" + PolicyDatabase.ConnectionStringName, connectionString);
    }

    public static PostgreSqlPolicyDbContext Open(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgreSqlPolicyDbContext>().UseNpgsql(connectionString).Options);

    /// <summary>A new empty database; returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync() => CreateDatabaseAsync(template: null);

    /// <summary>A new database holding the repository's seeds and content as imported (a copy of one imported once per run).</summary>
    public async Task<string> CreateDatabaseFromRepositoryDataAsync() => await CreateDatabaseAsync(await _repositoryData.Value);

    private async Task<string> CreateDatabaseAsync(string? template)
    {
        var name = "fma_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}" + (template is null ? "" : $" TEMPLATE {template}"), connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private async Task<string> CreateRepositoryDataAsync()
    {
        var connectionString = await CreateDatabaseAsync();
        await using (var db = Open(connectionString))
        {
            await db.Database.MigrateAsync();
            var report = await new PolicyImporter(db, TestClock.New(), NullLogger<PolicyImporter>.Instance)
                .ImportAsync(Repository.Seeds, Repository.Content, dryRun: false, CancellationToken.None);
            if (!report.Succeeded)
            {
                throw new InvalidOperationException("The repository's files do not import: " + string.Join("; ", report.Problems));
            }
        }
        // A template must have no open connections when it is copied.
        await using (var idle = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(idle);
        }
        return new NpgsqlConnectionStringBuilder(connectionString).Database!;
    }

    private static Task<PostgresServer> StartAsync() => StartAsync(shared: true);

    private static async Task<PostgresServer> StartAsync(bool shared)
    {
        var bin = BinDirectory();
        if (shared)
        {
            RemoveStoppedClusters();
        }
        // Not under the shared clusters' name: a stopped cluster of a fault test is not left over from an earlier run.
        var root = await ExternalProcess.CreateServerDirectoryAsync(shared ? "fma-pg" : "fma-pgown");
        var port = ExternalProcess.FreePort();
        await ExternalProcess.RunAsync(Path.Combine(bin, "initdb"),
            ["-D", Path.Combine(root, "data"), "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], asServiceUser: true);
        var server = new PostgresServer(bin, root, port, shared);
        await server.StartAgainAsync();
        if (shared)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        }
        return server;
    }

    /// <summary>Starts the stopped server again on the same port and data, and returns once it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        try
        {
            await ExternalProcess.RunAsync(Program("pg_ctl"),
            [
                "start", "-w", "-t", "60", "-D", Path.Combine(_root, "data"), "-l", Path.Combine(_root, "server.log"),
                "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -c unix_socket_directories={_root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
            ], asServiceUser: true, timeout: TimeSpan.FromSeconds(90));
        }
        catch (InvalidOperationException e)
        {
            var log = Path.Combine(_root, "server.log");
            throw new InvalidOperationException(e.Message + (File.Exists(log) ? "\n" + await File.ReadAllTextAsync(log) : ""), e);
        }
    }

    /// <summary>Stops the server as `systemctl stop postgresql` does (fast: open sessions are ended, their transactions rolled back).</summary>
    public Task StopAsync() =>
        _shared
            ? throw new InvalidOperationException("The shared cluster serves every test; stop a cluster of your own (StartOwnAsync)")
            : ExternalProcess.RunAsync(Program("pg_ctl"), ["stop", "-w", "-t", "60", "-m", "fast", "-D", Path.Combine(_root, "data")], asServiceUser: true, timeout: TimeSpan.FromSeconds(90));

    public ValueTask DisposeAsync()
    {
        if (!_shared)
        {
            Stop();
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Clusters of earlier runs that are stopped (no postmaster.pid) but still on disk: the test host may be ended
    /// before its exit handler has deleted the folder. A running cluster (another run in progress) is left alone.
    /// </summary>
    private static void RemoveStoppedClusters()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), "fma-pg-*"))
        {
            var stopped = !File.Exists(Path.Combine(folder, "data", "postmaster.pid"))
                && Directory.GetLastWriteTimeUtc(folder) < DateTime.UtcNow.AddMinutes(-2);
            if (stopped)
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }

    private void Stop()
    {
        try
        {
            // A server this run has stopped already (a fault test) has no postmaster.pid, and nothing to stop.
            if (IsRunning)
            {
                ExternalProcess.RunAsync(Program("pg_ctl"), ["stop", "-m", "immediate", "-D", Path.Combine(_root, "data")], asServiceUser: true)
                    .GetAwaiter().GetResult();
            }
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
