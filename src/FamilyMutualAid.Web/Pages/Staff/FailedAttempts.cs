using FamilyMutualAid.Web.Publishing;
using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>
/// Counts wrong passwords per key and refuses the key for a while after too many. Sign-in keys on the pair (account,
/// client address), so a stranger's failures lock out the stranger, never the owner signing in from elsewhere; the
/// password change keys on the account. Kept in each instance's memory: a restart forgets, two instances count apart.
/// </summary>
public sealed class FailedAttempts(IOptions<StaffOptions> options, TimeProvider clock)
{
    private const int MostKeys = 100_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public static string SignInKey(string email, string? clientAddress) =>
        "sign-in\n" + email.Trim().ToUpperInvariant() + "\n" + (clientAddress ?? "unknown");

    public static string PasswordChangeKey(string userId) => "password-change\n" + userId;

    public TimeSpan LockoutTime => TimeSpan.FromMinutes(options.Value.LockoutMinutes);

    public bool IsLocked(string key) =>
        _entries.TryGetValue(key, out var entry) && entry.LockedUntil > clock.GetUtcNow();

    /// <summary>Counts a failure; true when this one locks the key.</summary>
    public bool Fail(string key)
    {
        var now = clock.GetUtcNow();
        if (_entries.Count >= MostKeys)
        {
            Prune(now);
        }
        var entry = _entries.AddOrUpdate(key,
            _ => new Entry(1, now, DateTimeOffset.MinValue),
            (_, old) =>
            {
                // Failures older than the lockout time are forgotten; a lock that ran out starts a fresh count.
                var count = now - old.LastFailure > LockoutTime || (old.LockedUntil != DateTimeOffset.MinValue && old.LockedUntil <= now) ? 1 : old.Count + 1;
                return new Entry(count, now, DateTimeOffset.MinValue);
            });
        if (entry.Count < options.Value.LockoutFailures)
        {
            return false;
        }
        _entries[key] = entry with { LockedUntil = now + LockoutTime };
        return true;
    }

    public void Succeed(string key) => _entries.TryRemove(key, out _);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.LockedUntil <= now && now - entry.LastFailure > LockoutTime)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private sealed record Entry(int Count, DateTimeOffset LastFailure, DateTimeOffset LockedUntil);
}
