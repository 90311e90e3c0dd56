using FamilyMutualAid.Web.Caching;
using System.ComponentModel;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Places;
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
        app.MapGroup("/api").WithTags("places").MapGet("/places", (
                [Description("名称（汉字）、拼音或拼音首字母，例如 suzhou")] string? q,
                [Description("最多返回几个，1 到 30，默认 8")] int? limit,
                PlaceDirectory places, PolicySnapshotProvider policy) =>
            PlaceViews.Search(places, policy.Current, q, Math.Clamp(limit ?? MaxSuggestions, 1, PlaceViews.MaxMatches))
                .Select(v => new PlaceDto(v.Place.Code, v.Place.Name, v.Province.Name, v.Region.Slug, v.Region.Name, v.OwnRules, v.Href)))
            .WithSummary("按名称、拼音或首字母找地方")
            .WithDescription("返回名称包含 q（汉字），或拼音、拼音首字母以 q 开头的省、市、区县：code（GB/T 2260 代码，兵团没有）、name、province、适用其规则的地区 region 和 regionName、ownRules（是否有单独的资料）、href（本站页面）。")
            .WithMetadata(new PublishedPageAttribute("q", "limit"));
        return app;
    }
}
