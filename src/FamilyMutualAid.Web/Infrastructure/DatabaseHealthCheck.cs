using FamilyMutualAid.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FamilyMutualAid.Web.Infrastructure;

/// <summary>Healthy when the database answers a query and holds published policy data.</summary>
public sealed class DatabaseHealthCheck(PolicyDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var published = await db.Versions.CountAsync(v => v.Status == VersionStatus.Published, cancellationToken);
            return published > 0
                ? HealthCheckResult.Healthy($"{published} published records")
                : HealthCheckResult.Degraded("the database holds no published policy data");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("the database does not answer", ex);
        }
    }
}
