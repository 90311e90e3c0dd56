using System.Net;
using System.Text.Json;
using FamilyMutualAid.Web.Tests.Infrastructure;

namespace FamilyMutualAid.Web.Tests.Api;

/// <summary>The API's published contract: /openapi/v1.json, and the developer page generated from it.</summary>
[Collection(SiteGroup.Name)]
public sealed class OpenApiTests(SiteFactory site)
{
    private readonly HttpClient _client = site.CreateClient();

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private static async Task<JsonElement> DocumentAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    // A nullable property is "oneOf": [{ "type": "null" }, { "$ref": … }].
    private static JsonElement Resolve(JsonElement root, JsonElement schema) =>
        schema.TryGetProperty("oneOf", out var choices)
            ? Resolve(root, choices.EnumerateArray().Single(c => !c.TryGetProperty("type", out var t) || t.GetString() != "null"))
            : schema.TryGetProperty("$ref", out var reference)
                ? root.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
                : schema;

    private static JsonElement RequestSchema(JsonElement root, string path)
    {
        var body = root.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("requestBody");
        return Resolve(root, body.GetProperty("content").GetProperty("application/json").GetProperty("schema"));
    }

    [Fact]
    public async Task The_openapi_document_lists_both_post_endpoints_with_their_request_schemas_and_examples()
    {
        var root = await DocumentAsync(_client);

        var eligibility = RequestSchema(root, "/api/eligibility");
        Assert.Equal(["asOf", "member", "purpose", "region", "sharer"], eligibility.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["member", "purpose", "region", "sharer"], eligibility.GetProperty("required").EnumerateArray().Select(n => n.GetString()).Order());
        var member = Resolve(root, eligibility.GetProperty("properties").GetProperty("member"));
        Assert.Contains("other_province", Resolve(root, member.GetProperty("properties").GetProperty("location")).GetProperty("enum").EnumerateArray().Select(c => c.GetString()));
        var sharer = Resolve(root, eligibility.GetProperty("properties").GetProperty("sharer"));
        Assert.Equal("number", Resolve(root, sharer.GetProperty("properties").GetProperty("balance")).GetProperty("type").ToString());

        var bill = RequestSchema(root, "/api/fund-usage");
        Assert.Equal(["asOf", "memberOwnBalance", "region", "selfPay", "sharedThisYear", "sharerBalance", "venue", "wallet"], bill.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        Assert.DoesNotContain("wallet", bill.GetProperty("required").EnumerateArray().Select(n => n.GetString()));
        var wallet = Resolve(root, bill.GetProperty("properties").GetProperty("wallet"));
        Assert.Equal(["amount", "memberPlace", "start"], wallet.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["memberPlace"], wallet.GetProperty("required").EnumerateArray().Select(n => n.GetString()));
        Assert.All(wallet.GetProperty("properties").EnumerateObject(), p => Assert.Contains("description", p.Value.GetRawText(), StringComparison.Ordinal));
        var answer = root.GetProperty("components").GetProperty("schemas").GetProperty("WalletPlanDto").GetProperty("properties");
        Assert.True(answer.TryGetProperty("transfers", out _) && answer.TryGetProperty("rules", out _) && answer.TryGetProperty("fromWalletAtTill", out _));
        var example = root.GetProperty("paths").GetProperty("/api/fund-usage").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("beijing", example.GetProperty("region").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("paths").GetProperty("/api/eligibility").GetProperty("post").GetProperty("summary").GetString()));
    }

    [Fact]
    public async Task The_request_example_in_the_document_is_itself_answered()
    {
        var root = await DocumentAsync(_client);
        foreach (var path in new[] { "/api/eligibility", "/api/fund-usage" })
        {
            var example = root.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
            using var content = new StringContent(example.GetRawText(), System.Text.Encoding.UTF8, "application/json");

            using var response = await _client.PostAsync(path, content);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_api_page_lists_every_endpoint_of_the_openapi_document()
    {
        var root = await DocumentAsync(_client);
        var page = await Html.GetAsync(_client, "/api-docs");

        var shown = page.QuerySelectorAll(".api-endpoint pre:first-of-type code").Select(c => c.TextContent.Split('\n')[0].Trim()).ToList();
        var described = root.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)).Select(o => $"{o.Name.ToUpperInvariant()} {p.Name}"))
            .ToList();
        Assert.Equal(described.Order(), shown.Order());
        Assert.Contains("POST /api/eligibility", described);
        Assert.Contains(page.QuerySelectorAll("h2"), h => h.TextContent == root.GetProperty("paths").GetProperty("/api/fund-usage").GetProperty("post").GetProperty("summary").GetString());
    }

    [Fact]
    public async Task The_openapi_document_is_published_in_production_too()
    {
        using var production = new ProductionSiteFactory();
        using var client = production.ThroughProxy();

        var root = await DocumentAsync(client);

        Assert.True(root.GetProperty("paths").TryGetProperty("/api/eligibility", out _));
    }
}
