using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FamilyMutualAid.Web.Pages.Sources;

/// <summary>A source and the facts and pages that rest on it.</summary>
public sealed record SourceUse(Source Source, IReadOnlyList<string> Facts, IReadOnlyList<ContentPage> Pages);

public sealed class IndexModel(PolicySnapshotProvider policy) : PageModel
{
    public IReadOnlyList<SourceUse> Uses { get; private set; } = [];

    public void OnGet()
    {
        var snapshot = policy.Current;
        Uses = [.. snapshot.Sources.Select(source => new SourceUse(
            source,
            [.. snapshot.Parameters.SelectMany(p => p.Values
                    .Where(v => v.SourceIds.Contains(source.Id))
                    .Select(v => $"{snapshot.FindRegion(p.RegionSlug)?.Name ?? p.RegionSlug}：{snapshot.FindDefinition(p.Key)?.Label ?? p.Key}（自{PolicyText.Date(v.From)}）"))
                .Concat(snapshot.Disagreements
                    .Where(d => d.Claims.Any(c => c.SourceIds.Contains(source.Id)))
                    .Select(d => $"{snapshot.FindRegion(d.RegionSlug)?.Name ?? d.RegionSlug}：{d.Topic}"))],
            [.. snapshot.Pages.Where(p => p.SourceIds.Contains(source.Id))]))];
    }
}
