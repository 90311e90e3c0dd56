using System.Collections.Concurrent;
using FamilyMutualAid.Rules;

namespace FamilyMutualAid.Web.Policy;

/// <summary>
/// What the pages derive from one published snapshot and do not change between requests (Markdown rendered to HTML,
/// footnotes numbered, labels worded, region lists and trees): built once per snapshot, date and page input on first
/// use, and dropped with the snapshot when newer data is installed (or when the date moves on).
/// </summary>
public sealed class PublishedViews(PolicySnapshot snapshot)
{
    private readonly ConcurrentDictionary<object, Lazy<object>> _timeless = new();
    private Day _day = new(DateOnly.MinValue);

    public PolicySnapshot Snapshot => snapshot;

    /// <summary>
    /// The view of <paramref name="key"/> on <paramref name="date"/>, built by <paramref name="build"/> once. The key must
    /// be a value record of the page's own type holding every input the view depends on, each from a bounded set
    /// (a region that exists, today's date): never free text from a request.
    /// </summary>
    public TView Get<TKey, TView>(DateOnly date, TKey key, Func<PolicySnapshot, TKey, TView> build)
        where TKey : notnull
        where TView : class
    {
        ArgumentNullException.ThrowIfNull(build);
        var day = Volatile.Read(ref _day);
        if (day.Date != date)
        {
            // A new day: yesterday's views are not asked for again, so the set stays one day's worth.
            var fresh = new Day(date);
            day = Interlocked.CompareExchange(ref _day, fresh, day) == day ? fresh : Volatile.Read(ref _day);
            if (day.Date != date)
            {
                return build(snapshot, key);
            }
        }
        return (TView)day.Views.GetOrAdd(key, k => new Lazy<object>(() => build(snapshot, (TKey)k))).Value;
    }

    /// <summary>The <typeparamref name="TView"/> of a region on <paramref name="date"/>, or null when no region has that slug.</summary>
    public TView? ForRegion<TView>(string slug, DateOnly date, Func<PolicySnapshot, Region, DateOnly, TView> build)
        where TView : class
    {
        ArgumentNullException.ThrowIfNull(build);
        return snapshot.FindRegion(slug) is { } region
            ? Get(date, new RegionKey(typeof(TView), region), (published, key) => build(published, key.Region, date))
            : null;
    }

    private sealed record RegionKey(Type View, Region Region);

    /// <summary>A view that does not depend on the date (a list of sources, a region tree), built once per snapshot and key.</summary>
    public TView Get<TKey, TView>(TKey key, Func<PolicySnapshot, TKey, TView> build)
        where TKey : notnull
        where TView : class
    {
        ArgumentNullException.ThrowIfNull(build);
        return (TView)_timeless.GetOrAdd(key, k => new Lazy<object>(() => build(snapshot, (TKey)k))).Value;
    }

    private sealed class Day(DateOnly date)
    {
        public DateOnly Date { get; } = date;

        public ConcurrentDictionary<object, Lazy<object>> Views { get; } = new();
    }
}
