using FamilyMutualAid.Web.Caching;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Sources;

/// <summary>A link from a source to a page of this site: a guide, or the binding channel the source names.</summary>
public sealed record SourceLink(string Text, string Href);

/// <summary>A source, the official channels it names, and the facts and pages that rest on it.</summary>
public sealed record SourceUse(Source Source, string? RegionName, IReadOnlyList<SourceLink> Channels, IReadOnlyList<string> Facts, IReadOnlyList<SourceLink> Pages);

[PublishedPage]
public sealed class IndexModel(PolicySnapshotProvider policy) : PageModel
{
    public IReadOnlyList<SourceUse> Uses { get; private set; } = [];

    public void OnGet() => Uses = policy.Views.Get(new Key(), (snapshot, _) => UsesOf(snapshot));

    private static IReadOnlyList<SourceUse> UsesOf(PolicySnapshot snapshot) =>
        [.. snapshot.Sources.Select(source =>
        {
            var citing = snapshot.Pages.Where(p => p.SourceIds.Contains(source.Id)).ToList();
            return new SourceUse(
                source,
                source.Region is { } about ? snapshot.FindRegion(about)?.Name ?? about : null,
                [.. citing.Where(p => p.Kind == ContentPage.ChannelKind && Names(source, p)).Select(p => Link(snapshot, p))],
                [.. snapshot.Parameters.SelectMany(p => p.Values
                        .Where(v => v.SourceIds.Contains(source.Id))
                        .Select(v => $"{snapshot.FindRegion(p.RegionSlug)?.Name ?? p.RegionSlug}：{snapshot.FindDefinition(p.Key)?.Label ?? p.Key}（{PolicyText.Since(v.From, v.Reported)}）"))
                    .Concat(snapshot.Disagreements
                        .Where(d => d.Claims.Any(c => c.SourceIds.Contains(source.Id)))
                        .Select(d => $"{snapshot.FindRegion(d.RegionSlug)?.Name ?? d.RegionSlug}：{d.Topic}"))],
                [.. citing.Select(p => Link(snapshot, p))]);
        })];

    private sealed record Key;

    /// <summary>
    /// Whether the source names the channel a page describes: its title or note mentions the channel's name (the
    /// page title up to any bracket, e.g. 随申办 of 随申办（App、微信或支付宝小程序）).
    /// </summary>
    private static bool Names(Source source, ContentPage channel)
    {
        var name = channel.Title.Split('（', '(')[0].Trim();
        return name.Length > 0 &&
            (source.Title.Contains(name, StringComparison.Ordinal) || (source.Note?.Contains(name, StringComparison.Ordinal) ?? false));
    }

    private static SourceLink Link(PolicySnapshot snapshot, ContentPage page)
    {
        var region = snapshot.FindRegion(page.RegionSlug)?.Name ?? page.RegionSlug;
        return page.Kind switch
        {
            ContentPage.ChannelKind => new($"{page.Title}（{region}）", $"/regions/{page.RegionSlug}/binding#channel-{page.Channel}"),
            "overview" => new(page.Title, $"/regions/{page.RegionSlug}"),
            _ => new(page.Title, $"/regions/{page.RegionSlug}/{page.Kind}"),
        };
    }
}
