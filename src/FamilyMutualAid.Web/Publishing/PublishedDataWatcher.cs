using System.Threading.Channels;
using FamilyMutualAid.Web.Data;
using Microsoft.Extensions.Options;
using FamilyMutualAid.Web.Hosting;

namespace FamilyMutualAid.Web.Publishing;

/// <summary>
/// Keeps this instance's snapshot and output cache in step with commits made elsewhere (another instance, the `import`
/// command): it compares the database's data version with the one it holds every
/// <see cref="FamilyMutualAidOptions.DataVersionCheckSeconds"/>, and at once when told of a commit
/// (<see cref="DataChanged"/>: PostgreSQL's NOTIFY), then installs the newer data.
/// </summary>
public sealed class PublishedDataWatcher(
    PolicySnapshotProvider snapshots,
    IServiceScopeFactory scopes,
    IOptions<FamilyMutualAidOptions> options,
    ILogger<PublishedDataWatcher> logger) : BackgroundService
{
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Another process committed a change of the published data: check now rather than at the next tick.</summary>
    public void DataChanged() => _changed.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real elapsed time, not the site's clock: this is a polling interval, not a date.
        var interval = TimeSpan.FromSeconds(options.Value.DataVersionCheckSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            using (var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                tick.CancelAfter(interval);
                try
                {
                    await _changed.Reader.ReadAsync(tick.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                }
            }
            if (!stoppingToken.IsCancellationRequested)
            {
                await CheckAsync(stoppingToken);
            }
        }
    }

    private async Task CheckAsync(CancellationToken stoppingToken)
    {
        try
        {
            long committed;
            await using (var scope = scopes.CreateAsyncScope())
            {
                committed = await scope.ServiceProvider.GetRequiredService<PolicyDbContext>().DataVersionAsync(stoppingToken);
            }
            if (committed > snapshots.Version)
            {
                await snapshots.RefreshAsync();
                logger.LogInformation("Installed the published data of version {Version} committed elsewhere", snapshots.Version);
            }
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            // The database is away (restart, failover): keep serving what is held and try again at the next tick.
            logger.LogWarning(e, "Could not check the published data's version");
        }
    }
}
