using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FamilyMutualAid.Web.Tests.Infrastructure;

/// <summary>
/// Holds every save until <c>count</c> saves are waiting (or a timeout passes), so parallel requests are known to
/// overlap; inert until armed. Saves that are serialised by a lock never meet, and go on after the timeout.
/// </summary>
public sealed class SaveBarrier : SaveChangesInterceptor
{
    private readonly Lock _lock = new();
    private int _expected;
    private int _arrived;
    private TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How many saves met at the barrier before it opened (or timed out).</summary>
    public int Met { get; private set; }

    public void Arm(int count)
    {
        lock (_lock)
        {
            (_expected, _arrived, Met) = (count, 0, 0);
            _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Task all;
        lock (_lock)
        {
            if (_expected == 0)
            {
                return result;
            }
            _arrived++;
            if (_arrived == _expected)
            {
                Met = _arrived;
                _expected = 0;
                _all.TrySetResult();
            }
            all = _all.Task;
        }
        if (await Task.WhenAny(all, Task.Delay(Timeout, CancellationToken.None)) != all)
        {
            lock (_lock)
            {
                Met = Math.Max(Met, _arrived);
                _expected = 0;
                _all.TrySetResult();
            }
        }
        return result;
    }
}

/// <summary>Makes every write to the audit log fail while armed, as a crash or a full disk would at that moment.</summary>
public sealed class FailingAuditWrites : DbCommandInterceptor
{
    public bool Armed { get; set; }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    private void Check(DbCommand command)
    {
        if (Armed && command.CommandText.Contains("INSERT INTO \"AuditLog\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("test: the audit log cannot be written");
        }
    }
}

/// <summary>Cancels a token the moment a transaction commits, like a browser that gives up right after the commit.</summary>
public sealed class CancelOnCommit : DbTransactionInterceptor
{
    private CancellationTokenSource? _armed;

    public CancellationToken Arm(CancellationTokenSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _armed = source;
        return source.Token;
    }

    public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _armed, null) is { } source)
        {
            await source.CancelAsync();
        }
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        Interlocked.Exchange(ref _armed, null)?.Cancel();
    }
}

/// <summary>Makes every save throw the exception it is armed with (none: saves go through), as a full disk or a bug would.</summary>
public sealed class FailingSaves : SaveChangesInterceptor
{
    public Func<Exception>? Armed { get; set; }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        Armed is { } fail ? throw fail() : ValueTask.FromResult(result);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        Armed is { } fail ? throw fail() : result;
}

/// <summary>While armed, no connection to the database opens: SQLite's "unable to open database file", as when it is away.</summary>
public sealed class UnreachableDatabase : DbConnectionInterceptor
{
    public bool Armed { get; set; }

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        Armed ? throw Failure() : result;

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        Armed ? throw Failure() : ValueTask.FromResult(result);

    private static Microsoft.Data.Sqlite.SqliteException Failure() => new("test: unable to open database file", 14);
}
