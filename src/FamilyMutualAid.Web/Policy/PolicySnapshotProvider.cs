using System.Collections.Immutable;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace FamilyMutualAid.Web.Policy;

/// <summary>Holds the published policy data in memory; refreshed after an import or a publish.</summary>
public sealed class PolicySnapshotProvider(IServiceScopeFactory scopes, IOutputCacheStore outputCache)
{
    /// <summary>The output-cache policy and tag of pages computed from the published data.</summary>
    public const string CachePolicy = "policy-pages";
    public const string CacheTag = "policy";

    private volatile PolicySnapshot _current = PolicySnapshot.Empty;

    public PolicySnapshot Current => _current;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PolicyDbContext>();
        _current = await LoadAsync(db, cancellationToken);
        await outputCache.EvictByTagAsync(CacheTag, cancellationToken);
    }

    public static async Task<PolicySnapshot> LoadAsync(PolicyDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var published = await db.Versions.AsNoTracking()
            .Where(v => v.Status == VersionStatus.Published)
            .OrderBy(v => v.RecordId)
            .Select(v => new { v.Record!.Kind, v.Payload })
            .ToListAsync(cancellationToken);
        IEnumerable<T> Of<T>(string kind) => published.Where(p => p.Kind == kind).Select(p => Payloads.Deserialize<T>(p.Payload));
        var groups = Of<VocabularyGroup>(RecordKinds.Vocabulary).ToList();
        var vocabulary = new Vocabulary(
            groups.ToImmutableDictionary(g => g.Group, g => g.Labels.ToImmutableDictionary(StringComparer.Ordinal), StringComparer.Ordinal),
            groups.ToImmutableDictionary(g => g.Group, g => g.Order, StringComparer.Ordinal));
        return new PolicySnapshot(
            Of<Region>(RecordKinds.Region),
            Of<Source>(RecordKinds.Source),
            Of<ParameterDefinition>(RecordKinds.Definition),
            Of<PolicyParameter>(RecordKinds.Parameter),
            Of<Disagreement>(RecordKinds.Disagreement),
            Of<ContentPage>(RecordKinds.Content),
            vocabulary);
    }
}
