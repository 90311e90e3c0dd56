using System.Data.Common;
using System.Net;
using FamilyMutualAid.Web.Infrastructure;
using FamilyMutualAid.Web.Tests.Infrastructure.Servers;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyMutualAid.Web.Tests.EndToEnd;

/// <summary>
/// The deployment of deploy/ (two instances behind nginx) on a PostgreSQL cluster of its own, which the tests stop
/// and start again as an operator or a crash would; publishers publish directly (no review), so one post publishes.
/// </summary>
public sealed class DatabaseOutageDeployment : IAsyncLifetime
{
    public const string AdminEmail = "admin@example.org";
    public const string AdminPassword = "correct horse battery staple";

    public PostgresServer Server { get; private set; } = null!;

    /// <summary>Stops the server just before the publishing transaction writes its audit entry, once armed.</summary>
    public StopServerBeforeAuditWrite StopUnderPublish { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public Instance A { get; private set; } = null!;

    public Instance B { get; private set; } = null!;

    public NginxProxy Proxy { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await PostgresServer.StartOwnAsync();
        StopUnderPublish = new(Server);
        ConnectionString = await Server.CreateDatabaseAsync();
        var started = await Task.WhenAll(
            Task.Run(() => Start(ExternalProcess.FreePort())),
            Task.Run(() => Start(ExternalProcess.FreePort())));
        (A, B) = (started[0], started[1]);
        Proxy = await NginxProxy.StartAsync([A.Port, B.Port]);
        await using var scope = A.Services.CreateAsyncScope();
        var (code, message) = await CreateAdminCommand.CreateAsync(scope.ServiceProvider, AdminEmail, AdminPassword, CancellationToken.None);
        Assert.True(code == 0, message);
    }

    /// <summary>Starts PostgreSQL again if a test left it stopped, and waits until both instances say they are ready.</summary>
    public async Task EnsureUpAsync()
    {
        StopUnderPublish.Disarm();
        if (!Server.IsRunning)
        {
            await Server.StartAgainAsync();
        }
        await WaitUntilReadyAsync(A, TimeSpan.FromSeconds(60));
        await WaitUntilReadyAsync(B, TimeSpan.FromSeconds(60));
    }

    /// <summary>Asks the instance's /healthz/ready until it answers 200; returns how long that took.</summary>
    public static async Task<TimeSpan> WaitUntilReadyAsync(Instance instance, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(instance);
        using var client = instance.Direct(new CookieJar());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var last = HttpStatusCode.OK;
        while (clock.Elapsed < limit)
        {
            using var response = await client.GetAsync("/healthz/ready");
            if ((last = response.StatusCode) == HttpStatusCode.OK)
            {
                return clock.Elapsed;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"Instance on port {instance.Port} still answers {(int)last} on /healthz/ready after {limit.TotalSeconds} s");
        return clock.Elapsed;
    }

    public async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Server.DisposeAsync();
    }

    /// <summary>One more instance on the same database, started now and asked nothing yet; the caller disposes it.</summary>
    public Instance StartAnother() => Start(ExternalProcess.FreePort());

    private Instance Start(int port) => new Instance(ConnectionString, port) { DirectPublishing = true, Interceptors = [StopUnderPublish] }.Start();
}

/// <summary>
/// Once armed, stops the PostgreSQL server just before the first command that writes to the audit log is sent: inside
/// a publishing transaction that has already bumped the data version and changed the record's versions.
/// </summary>
public sealed class StopServerBeforeAuditWrite(PostgresServer server) : DbCommandInterceptor
{
    private int _armed;

    public void Arm()
    {
        Fired = false;
        Volatile.Write(ref _armed, 1);
    }

    public void Disarm() => Volatile.Write(ref _armed, 0);

    /// <summary>Whether the server was stopped by this hook since it was last armed.</summary>
    public bool Fired { get; private set; }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await StopIfDueAsync(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await StopIfDueAsync(command);
        return result;
    }

    private async Task StopIfDueAsync(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.CommandText.Contains("INSERT INTO \"AuditLog\"", StringComparison.Ordinal) && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            await server.StopAsync();
            Fired = true;
        }
    }
}
