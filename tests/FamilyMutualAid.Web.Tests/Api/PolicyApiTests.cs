using System.Net;
using System.Text.Json;
using FamilyMutualAid.Web.Tests.Infrastructure;

namespace FamilyMutualAid.Web.Tests.Api;

[Collection(SiteGroup.Name)]
public sealed class PolicyApiTests(SiteFactory site)
{
    private readonly HttpClient _client = site.CreateClient();

    private async Task<JsonElement> GetJsonAsync(string url, HttpStatusCode expected, string mediaType = "application/json")
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task Regions_lists_every_region_with_its_parent()
    {
        var regions = await GetJsonAsync("/api/regions", HttpStatusCode.OK);

        var fuzhou = regions.EnumerateArray().Single(r => r.GetProperty("slug").GetString() == "fuzhou");
        Assert.Equal("福州市", fuzhou.GetProperty("name").GetString());
        Assert.Equal("city", fuzhou.GetProperty("level").GetString());
        Assert.Equal("fujian", fuzhou.GetProperty("parent").GetString());
    }

    [Fact]
    public async Task Policy_returns_the_values_in_force_on_the_date_with_sources_and_inheritance()
    {
        var before = await GetJsonAsync("/api/regions/hebei/policy?asOf=2024-08-06", HttpStatusCode.OK);
        var after = await GetJsonAsync("/api/regions/hebei/policy?asOf=2024-08-07", HttpStatusCode.OK);

        static JsonElement Relatives(JsonElement policy) =>
            policy.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "relatives");
        Assert.DoesNotContain("sibling", Relatives(before).GetProperty("value").EnumerateArray().Select(v => v.GetString()));
        Assert.Contains("sibling", Relatives(after).GetProperty("value").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("national", Relatives(after).GetProperty("inheritedFrom").GetString());
        Assert.Equal("2024-08-07", Relatives(after).GetProperty("effectiveFrom").GetString());
        Assert.NotEmpty(Relatives(after).GetProperty("sources").EnumerateArray());
    }

    [Fact]
    public async Task Policy_includes_disagreements_with_their_resolution()
    {
        var policy = await GetJsonAsync("/api/regions/shanghai/policy", HttpStatusCode.OK);

        var pharmacy = policy.GetProperty("disagreements").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "shanghai-pharmacy");
        Assert.Equal("check_locally", pharmacy.GetProperty("resolution").GetString());
        Assert.Equal(2, pharmacy.GetProperty("claims").GetArrayLength());
    }

    [Theory]
    [InlineData("2026-13-01", "must be a date")]
    [InlineData("yesterday", "must be a date")]
    [InlineData("1899-01-01", "must be between")]
    [InlineData("2200-01-01", "must be between")]
    public async Task A_bad_date_answers_400_problem_naming_asOf(string asOf, string message)
    {
        var problem = await GetJsonAsync($"/api/regions/shanghai/policy?asOf={asOf}", HttpStatusCode.BadRequest, "application/problem+json");

        Assert.Contains(message, problem.GetProperty("errors").GetProperty("asOf")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_region_answers_404_problem()
    {
        var problem = await GetJsonAsync("/api/regions/atlantis/policy", HttpStatusCode.NotFound, "application/problem+json");

        Assert.Contains("atlantis", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_api_address_answers_problem_json_not_the_html_404()
    {
        await GetJsonAsync("/api/nothing-here", HttpStatusCode.NotFound, "application/problem+json");
    }
}
