using System.Net;
using System.Net.Sockets;
using System.Text;
using FamilyMutualAid.Web.Tests.Infrastructure.Servers;

namespace FamilyMutualAid.Web.Tests.EndToEnd;

/// <summary>
/// One instance behind the repository's nginx file, next to an upstream that dies with every request in flight (as an
/// instance does under kill -9): the pure POST APIs are sent again to the live instance, and other host names are refused.
/// </summary>
public sealed class ProxyHardeningDeployment : IAsyncLifetime
{
    public Instance Live { get; private set; } = null!;

    public DyingUpstream Dying { get; } = new();

    public NginxProxy Proxy { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        Live = new Instance(connectionString, ExternalProcess.FreePort()).Start();
        Proxy = await NginxProxy.StartAsync([Dying.Port, Live.Port]);
    }

    public async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Live.DisposeAsync();
        Dying.Dispose();
    }
}

/// <summary>Accepts a connection, reads the request and drops the connection without an answer.</summary>
public sealed class DyingUpstream : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private int _dropped;

    public DyingUpstream()
    {
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Dropped => Volatile.Read(ref _dropped);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using (socket)
                {
                    var buffer = new byte[64 * 1024];
                    var seen = new StringBuilder();
                    while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        var read = await socket.ReceiveAsync(buffer, SocketFlags.None);
                        if (read == 0)
                        {
                            return;
                        }
                        seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }
                    Interlocked.Increment(ref _dropped);
                    socket.LingerState = new LingerOption(true, 0);
                }
            });
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}

public sealed class ProxyHardeningTests(ProxyHardeningDeployment deployment) : IClassFixture<ProxyHardeningDeployment>
{
    [ServerTheory]
    [InlineData("/api/eligibility")]
    [InlineData("/api/fund-usage")]
    public async Task A_pure_post_api_lost_with_a_dying_instance_is_answered_by_the_other_never_502(string api)
    {
        using var client = deployment.Proxy.CreateClient();
        var statuses = new List<HttpStatusCode>();
        var droppedBefore = deployment.Dying.Dropped;
        for (var i = 0; i < 6; i++)
        {
            using var content = new StringContent("{}", Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(api, content);
            statuses.Add(response.StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.BadGateway, statuses);
        Assert.All(statuses, s => Assert.True((int)s < 500, string.Join(",", statuses)));
        // The round robin sent at least one of them to the dying upstream first (unless nginx still counts it as failed).
        Assert.True(deployment.Dying.Dropped > droppedBefore || droppedBefore > 0, $"dropped {deployment.Dying.Dropped}");
    }

    [ServerTheory]
    [InlineData("evil.example")]
    [InlineData("127.0.0.1")]
    public async Task Nginx_refuses_a_request_for_another_host_name(string host)
    {
        using var client = deployment.Proxy.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/staff");
        request.Headers.Host = host;

        var answer = await Record.ExceptionAsync(async () =>
        {
            using var response = await client.SendAsync(request);
            Assert.Fail($"{(int)response.StatusCode} {response.Headers.Location}");
        });

        Assert.IsType<HttpRequestException>(answer);
    }

    [ServerFact]
    public async Task Nginx_serves_the_sites_own_host_name()
    {
        using var client = deployment.Proxy.CreateClient();

        using var response = await client.GetAsync("/check");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
