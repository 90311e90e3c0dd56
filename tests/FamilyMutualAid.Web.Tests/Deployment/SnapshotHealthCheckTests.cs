using FamilyMutualAid.Web.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Deployment;

public sealed class SnapshotHealthCheckTests
{
    [Fact]
    public async Task An_instance_that_has_not_loaded_the_published_data_is_not_ready()
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        var snapshots = new PolicySnapshotProvider(services.GetRequiredService<IServiceScopeFactory>(), new NoCache(), new NoLifetime());

        var result = await new SnapshotHealthCheck(snapshots).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    private sealed class NoLifetime : Microsoft.Extensions.Hosting.IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }

    private sealed class NoCache : IOutputCacheStore
    {
        public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult<byte[]?>(null);

        public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
