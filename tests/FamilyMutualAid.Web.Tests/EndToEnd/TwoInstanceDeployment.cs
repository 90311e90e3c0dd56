using FamilyMutualAid.Web.Infrastructure;
using FamilyMutualAid.Web.Tests.Infrastructure.Servers;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyMutualAid.Web.Tests.EndToEnd;

/// <summary>
/// The deployment of deploy/: two instances (A, B) on one PostgreSQL database behind nginx with TLS, shared by the
/// tests of one class. Both instances start at once on an empty database, as after a first deploy.
/// </summary>
public sealed class TwoInstanceDeployment : IAsyncLifetime
{
    public const string AdminEmail = "admin@example.org";
    public const string AdminPassword = "correct horse battery staple";

    public string ConnectionString { get; private set; } = "";

    public Instance A { get; private set; } = null!;

    public Instance B { get; private set; } = null!;

    public NginxProxy Proxy { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        (A, B) = await StartBothAsync(ExternalProcess.FreePort(), ExternalProcess.FreePort());
        Proxy = await NginxProxy.StartAsync([A.Port, B.Port]);
        await using var scope = A.Services.CreateAsyncScope();
        var (code, message) = await CreateAdminCommand.CreateAsync(scope.ServiceProvider, AdminEmail, AdminPassword, CancellationToken.None);
        Assert.True(code == 0, message);
    }

    /// <summary>Stops both instances and starts them again on the same ports (a deploy).</summary>
    public async Task RestartAsync()
    {
        var (a, b) = (A.Port, B.Port);
        await A.DisposeAsync();
        await B.DisposeAsync();
        (A, B) = await StartBothAsync(a, b);
    }

    /// <summary>Stops one instance gracefully (as systemd's SIGTERM does) and starts it again on its port: one step of a rolling restart.</summary>
    public async Task RestartOneAsync(bool first)
    {
        var stopping = first ? A : B;
        var port = stopping.Port;
        await stopping.DisposeAsync();
        var started = await Task.Run(() => new Instance(ConnectionString, port).Start());
        (A, B) = first ? (started, B) : (A, started);
    }

    public async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await A.DisposeAsync();
        await B.DisposeAsync();
    }

    private async Task<(Instance, Instance)> StartBothAsync(int a, int b)
    {
        var started = await Task.WhenAll(
            Task.Run(() => new Instance(ConnectionString, a).Start()),
            Task.Run(() => new Instance(ConnectionString, b).Start()));
        return (started[0], started[1]);
    }
}
