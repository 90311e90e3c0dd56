using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Infrastructure;

/// <summary>
/// `/healthz/live`: the process answers (no checks; restart it when this fails). `/healthz/ready`: the database answers
/// and the published data is loaded (send it traffic). `/healthz`: every check, as before.
/// </summary>
public static class HealthChecks
{
    public const string ReadyTag = "ready";

    public static WebApplication MapHealthChecks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(ReverseProxy.HealthPath);
        app.MapHealthChecks(ReverseProxy.HealthPath + "/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(ReverseProxy.HealthPath + "/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }
}

/// <summary>Healthy once this instance holds the published data in memory.</summary>
public sealed class SnapshotHealthCheck(PolicySnapshotProvider snapshots) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(snapshots.IsLoaded
            ? HealthCheckResult.Healthy($"{snapshots.Current.Regions.Length} regions loaded")
            : HealthCheckResult.Unhealthy("the published data is not loaded yet"));
}
