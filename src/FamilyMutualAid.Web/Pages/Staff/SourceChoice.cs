using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Policy;
using Microsoft.EntityFrameworkCore;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>A source as staff pick it in a form: by its Chinese title, with its date and how far it can be trusted.</summary>
public sealed record SourceChoice(string Id, string Title, string Meta, bool IsNew)
{
    /// <summary>
    /// Every source staff may cite: the published ones, then new ones that exist only as drafts (they are published
    /// with the first record citing them).
    /// </summary>
    public static async Task<IReadOnlyList<SourceChoice>> ListAsync(PolicyDbContext db, PolicySnapshot current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(current);
        var published = current.Sources.Select(s => Of(s, isNew: false)).ToList();
        var drafts = await db.Records.AsNoTracking().Include(r => r.Versions)
            .Where(r => r.Kind == RecordKind.Source)
            .ToListAsync(cancellationToken);
        var known = published.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var fresh = drafts.Where(r => !known.Contains(r.Key) && RecordEditor.Published(r) is null && RecordEditor.Draft(r) is { DraftText: null })
            .Select(r => Of(Payloads.Deserialize<Source>(RecordEditor.Draft(r)!.Payload), isNew: true))
            .OrderBy(s => s.Id, StringComparer.Ordinal);
        return [.. published, .. fresh];
    }

    private static SourceChoice Of(Source source, bool isNew) =>
        new(source.Id, source.Title, $"{PolicyText.Attribution(source)} · {PolicyText.Tier(source.Tier)}{(isNew ? " · 新来源，尚未发布" : "")}", isNew);
}
