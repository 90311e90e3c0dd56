using System.Collections.Immutable;

namespace FamilyMutualAid.Rules;

/// <summary>Whether a binding channel is used online (app, mini-program) or in person (counter, terminal).</summary>
public enum ChannelMode
{
    Online,
    Offline,
}

/// <summary>A Markdown page about one region (overview, binding guide, FAQ…), or one binding channel (kind "channel").</summary>
public sealed record ContentPage(
    string RegionSlug,
    string Kind,
    string Title,
    string Markdown,
    ImmutableArray<string> SourceIds,
    DateOnly LastVerified)
{
    public const string ChannelKind = "channel";

    /// <summary>For a binding channel: its id within the region, e.g. "suishenban".</summary>
    public string? Channel { get; init; }

    /// <summary>For a binding channel: online or in person.</summary>
    public ChannelMode? Mode { get; init; }

    /// <summary>Unique within a region: the kind, or "channel/{id}" for a channel.</summary>
    public string Key => Channel is null ? Kind : $"{Kind}/{Channel}";

    /// <summary>Not verified for more than a year before <paramref name="today"/>: may be out of date.</summary>
    public bool MayBeStale(DateOnly today) => LastVerified < today.AddYears(-1);
}
