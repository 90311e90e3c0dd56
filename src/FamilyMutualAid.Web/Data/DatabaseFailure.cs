using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FamilyMutualAid.Web.Data;

/// <summary>Tells a failure of the database (a write refused, the server away) from a bug, and whether trying later may help.</summary>
public static class DatabaseFailure
{
    /// <summary>How long to tell a client to wait before trying again when the database is away.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>Whether the exception, or one it wraps, comes from the database.</summary>
    public static bool IsDatabase(Exception exception) =>
        Chain(exception).Any(e => e is DbException or DbUpdateException or TimeoutException) || IsUnavailable(exception);

    /// <summary>
    /// Whether the database cannot be reached or written for now: SQLite busy, locked, read-only, I/O error, disk full
    /// or file unopenable; PostgreSQL unreachable, shutting down or out of resources; a timeout.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => Chain(exception).Any(e => e switch
    {
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) is 5 or 6 or 8 or 10 or 13 or 14 or 26,
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException or TimeoutException or System.Net.Sockets.SocketException => true,
        _ => false,
    });

    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            yield return exception;
            if (exception is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}
