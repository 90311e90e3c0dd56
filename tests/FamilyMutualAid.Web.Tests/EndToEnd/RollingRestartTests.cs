using System.Net;
using System.Text;
using FamilyMutualAid.Web.Tests.Infrastructure.Servers;

namespace FamilyMutualAid.Web.Tests.EndToEnd;

/// <summary>
/// A rolling restart behind the repository's nginx file loses no request: each instance in turn is stopped the way
/// systemd stops it (the host's graceful stop: no new connections, requests in flight finish within ShutdownSeconds)
/// and started again, while clients keep reading pages and posting to the pure APIs through the proxy.
/// </summary>
public sealed class RollingRestartTests : IAsyncLifetime
{
    private const string EligibilityRequest =
        """{"region":"shanghai","asOf":"2026-12-01","sharer":{"insurance":"employee","status":"normal","balance":1000},"member":{"relationship":"parent","insurance":"resident","status":"normal","location":"other_province"},"purpose":"pharmacy"}""";

    private readonly TwoInstanceDeployment _deployment = new();

    public Task InitializeAsync() => _deployment.InitializeAsync();

    public Task DisposeAsync() => _deployment.DisposeAsync();

    [ServerFact]
    public async Task Restarting_each_instance_in_turn_under_load_fails_no_request()
    {
        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        var answered = 0;
        var phase = "before";
        async Task ClientAsync(int id)
        {
            using var client = _deployment.Proxy.CreateClient();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    using var response = i % 2 == 0
                        ? await client.GetAsync(id % 2 == 0 ? "/regions/shanghai" : "/sources")
                        : await client.PostAsync("/api/eligibility", new StringContent(EligibilityRequest, Encoding.UTF8, "application/json"));
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        lock (failures)
                        {
                            failures.Add($"{phase} {response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.PathAndQuery}: {(int)response.StatusCode}");
                        }
                    }
                    Interlocked.Increment(ref answered);
                }
                catch (HttpRequestException ex)
                {
                    lock (failures)
                    {
                        failures.Add(ex.Message);
                    }
                }
            }
        }
        var clients = Enumerable.Range(0, 4).Select(ClientAsync).ToList();
        await WaitForAsync(() => answered >= 40);

        phase = "restarting A";
        await _deployment.RestartOneAsync(first: true);
        phase = "after A";
        var afterFirst = answered;
        await WaitForAsync(() => answered >= afterFirst + 40);
        phase = "restarting B";
        await _deployment.RestartOneAsync(first: false);
        phase = "after B";
        var afterSecond = answered;
        await WaitForAsync(() => answered >= afterSecond + 40);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.True(failures.Count == 0, $"{failures.Count} of {answered + failures.Count} failed: {string.Join("; ", failures.GroupBy(f => f).Select(g => $"{g.Key} ×{g.Count()}"))}");
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
