using Microsoft.Extensions.Options;

namespace FamilyMutualAid.Web.Publishing;

/// <summary>
/// Publishes scheduled submissions when their time comes (定时发布): every
/// <see cref="StaffOptions.ScheduledPublishCheckSeconds"/> on the site's clock, each instance runs one pass; the
/// workflow's claim makes each publish happen once however many instances run it.
/// </summary>
public sealed class ScheduledPublisher(IServiceScopeFactory scopes, TimeProvider clock, IOptions<StaffOptions> options, ILogger<ScheduledPublisher> logger) : BackgroundService
{
    /// <summary>One pass: publishes (or returns to review) every scheduled submission that is due; returns how many this pass published.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<int> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            due = await scope.ServiceProvider.GetRequiredService<ReviewWorkflow>().DueAsync(cancellationToken);
        }
        var published = 0;
        foreach (var id in due)
        {
            // A scope each: one submission's refused publish leaves nothing behind for the next.
            await using var scope = scopes.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<ReviewWorkflow>().PublishScheduledAsync(id, cancellationToken);
            if (outcome == ScheduledOutcome.Published)
            {
                published++;
            }
            logger.LogInformation("Scheduled submission {Submission}: {Outcome}", id, outcome);
        }
        return published;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.ScheduledPublishCheckSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                // The database is away (restart, failover): what is due stays scheduled and is tried at the next tick.
                logger.LogWarning(e, "Could not publish the scheduled submissions");
            }
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
