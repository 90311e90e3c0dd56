using Microsoft.EntityFrameworkCore;
using Npgsql;
using FamilyMutualAid.Web.Data;

namespace FamilyMutualAid.Web.Publishing;

/// <summary>
/// On PostgreSQL, a trigger on the DataVersion row sends NOTIFY on <see cref="Channel"/> at every commit that moves
/// it (whoever commits: an instance, the `import` command, a restore); this LISTENs on one connection of its own and
/// tells the <see cref="PublishedDataWatcher"/>, so other instances install new data within a moment. If the
/// connection drops it reconnects; meanwhile the watcher's periodic version check covers the gap.
/// </summary>
public sealed class PostgreSqlDataVersionListener(
    IServiceScopeFactory scopes,
    PublishedDataWatcher watcher,
    ILogger<PostgreSqlDataVersionListener> logger) : BackgroundService
{
    /// <summary>The NOTIFY channel, created by the PostgreSQL migration NotifyDataVersion.</summary>
    public const string Channel = "fma_data_version";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string connectionString;
        await using (var scope = scopes.CreateAsyncScope())
        {
            connectionString = scope.ServiceProvider.GetRequiredService<PolicyDbContext>().Database.GetConnectionString()!;
        }
        // A LISTEN lives as long as its session: no pooling, and keepalives so a dead server is noticed.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 15 };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Notification += (_, _) => watcher.DataChanged();
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                // Anything committed while not listening is picked up by this check.
                watcher.DataChanged();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.IO.IOException)
            {
                logger.LogWarning(e, "Lost the LISTEN connection for published-data changes; reconnecting");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
