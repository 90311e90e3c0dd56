using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Policy;

namespace FamilyMutualAid.Web.Publishing;

/// <summary>
/// Holds the published policy data in memory, with the data version it was loaded at; refreshed after every commit
/// that changes the published data. A refresh installs only a snapshot newer than the one it holds, so loads that
/// finish out of order never take the site back to older data.
/// </summary>
public sealed class PolicySnapshotProvider(IServiceScopeFactory scopes, IOutputCacheStore outputCache, IHostApplicationLifetime lifetime)
{
    /// <summary>The output-cache tag of pages computed from the published data.</summary>
    public const string CacheTag = "policy";

    private Installed _installed = new(PolicySnapshot.Empty, -1, new PublishedViews(PolicySnapshot.Empty));

    public PolicySnapshot Current => Volatile.Read(ref _installed).Snapshot;

    /// <summary>The page views derived from <see cref="Current"/> (its <see cref="PublishedViews.Snapshot"/>), replaced with it.</summary>
    public PublishedViews Views => Volatile.Read(ref _installed).Views;

    /// <summary>The data version <see cref="Current"/> was loaded at (at least that new); -1 before the first load.</summary>
    public long Version => Volatile.Read(ref _installed).Version;

    /// <summary>Whether the published data has been read from the database at least once.</summary>
    public bool IsLoaded => Version >= 0;

    /// <summary>
    /// Loads the published data and installs it if newer than what is held, then evicts the cached pages. Runs on the
    /// application's stopping token, never a request's: a request that ends after its commit must still leave the new
    /// data installed.
    /// </summary>
    public async Task RefreshAsync()
    {
        var stopping = lifetime.ApplicationStopping;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PolicyDbContext>();
        // The version first: the data read after it holds every commit up to that version, perhaps more.
        var version = await db.DataVersionAsync(stopping);
        var snapshot = await LoadAsync(db, stopping);
        if (Install(snapshot, version))
        {
            await outputCache.EvictByTagAsync(CacheTag, stopping);
        }
    }

    /// <summary>Installs <paramref name="snapshot"/>, loaded at <paramref name="version"/>, only if that is newer than what is held.</summary>
    internal bool Install(PolicySnapshot snapshot, long version)
    {
        var loaded = new Installed(snapshot, version, new PublishedViews(snapshot));
        while (true)
        {
            var held = Volatile.Read(ref _installed);
            if (version <= held.Version)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _installed, loaded, held) == held)
            {
                return true;
            }
        }
    }

    public static async Task<PolicySnapshot> LoadAsync(PolicyDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var published = await db.Versions.AsNoTracking()
            .Where(v => v.Status == VersionStatus.Published)
            .OrderBy(v => v.RecordId)
            .Select(v => new { v.Record!.Kind, v.Payload })
            .ToListAsync(cancellationToken);
        var set = new ImportSet();
        foreach (var version in published)
        {
            version.Kind.Load(set, version.Payload);
        }
        return set.ToSnapshot();
    }

    /// <summary>A snapshot, the version it was loaded at and the views derived from it, swapped as one.</summary>
    private sealed record Installed(PolicySnapshot Snapshot, long Version, PublishedViews Views);
}
