using System.Collections.Immutable;

namespace FamilyMutualAid.Rules;

/// <summary>A Markdown page about one region (overview, binding guide, FAQ…).</summary>
public sealed record ContentPage(
    string RegionSlug,
    string Kind,
    string Title,
    string Markdown,
    ImmutableArray<string> SourceIds,
    DateOnly LastVerified);
