using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Infrastructure;
using FamilyMutualAid.Web.Places;
using FamilyMutualAid.Web.Policy;
using FamilyMutualAid.Web.Hosting;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Api;

/// <summary>GET /api/places?q=: the places matching a Chinese name, full pinyin or initials (the search's suggestions).</summary>
public static class PlacesApi
{
    public const int MaxSuggestions = 8;

    /// <summary>A matching place: its code (none for 兵团), name, province, the region whose rules it has, and its page.</summary>
    public sealed record PlaceDto(string? Code, string Name, string Province, string Region, string RegionName, bool OwnRules, string Href);

    public static IEndpointRouteBuilder MapPlacesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api").WithTags("places").MapGet("/places", (string? q, int? limit, PlaceDirectory places, PolicySnapshotProvider policy) =>
            PlaceViews.Search(places, policy.Current, q, Math.Clamp(limit ?? MaxSuggestions, 1, PlaceViews.MaxMatches))
                .Select(v => new PlaceDto(v.Place.Code, v.Place.Name, v.Province.Name, v.Region.Slug, v.Region.Name, v.OwnRules, v.Href)))
            .WithMetadata(new PublishedPageAttribute("q", "limit"));
        return app;
    }
}
