namespace FamilyMutualAid.Rules;

/// <summary>How high a region sits in the administrative tree.</summary>
public enum RegionLevel
{
    National,
    Province,
    City,
}

/// <summary>A place with its own (or inherited) family mutual aid rules.</summary>
public sealed record Region(string Slug, string Name, RegionLevel Level, string? ParentSlug);
