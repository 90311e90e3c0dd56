using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FamilyMutualAid.Web.Tests.Infrastructure;

namespace FamilyMutualAid.Web.Tests.Api;

[Collection(SiteGroup.Name)]
public sealed class EligibilityApiTests(SiteFactory site)
{
    private readonly HttpClient _client = site.CreateClient();

    private static JsonObject ValidCase() => JsonNode.Parse("""
        {
          "region": "shanghai", "asOf": "2026-11-01",
          "sharer": { "insurance": "employee", "status": "normal", "balance": 3000 },
          "member": { "relationship": "spouse", "insurance": "resident", "status": "normal", "location": "same_region" },
          "purpose": "hospital"
        }
        """)!.AsObject();

    private async Task<(HttpStatusCode Status, string MediaType, JsonElement Body)> PostAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/api/eligibility", content);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", document.RootElement.Clone());
    }

    private async Task AssertBadFieldAsync(string body, string field, string message)
    {
        var (status, mediaType, problem) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for {field}: {problem}");
        Assert.Contains(message, messages[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_says_how_sure_it_is_and_for_a_region_without_local_data_points_to_local_differences()
    {
        var hebei = ValidCase();
        hebei["region"] = "hebei";
        var (_, _, confirmed) = await PostAsync(hebei.ToJsonString());
        hebei["member"]!["location"] = "other_province";
        hebei["asOf"] = "2025-06-01";
        var (_, _, conflicting) = await PostAsync(hebei.ToJsonString());
        var (_, _, shanghai) = await PostAsync(ValidCase().ToJsonString());

        // The national rules rest on reposts naming their original: a reported yes, worded as a yes.
        Assert.Equal(("eligible", "reported", "可以共济"), (confirmed.GetProperty("verdict").GetString(), confirmed.GetProperty("certainty").GetString(), confirmed.GetProperty("headline").GetString()));
        Assert.Contains(confirmed.GetProperty("nextSteps").EnumerateArray(), s => s.GetProperty("text").GetString()!.StartsWith("没有找到河北省自己的通知或说明", StringComparison.Ordinal));
        Assert.Equal(("needs_check", "conflicting"), (conflicting.GetProperty("verdict").GetString(), conflicting.GetProperty("certainty").GetString()));
        Assert.Contains("资料说法不一", conflicting.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.Equal("conflicting", conflicting.GetProperty("checks").EnumerateArray().Last().GetProperty("certainty").GetString());
        Assert.DoesNotContain(shanghai.GetProperty("nextSteps").EnumerateArray(), s => s.GetProperty("text").GetString()!.StartsWith("没有找到", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_relative_s_place_in_another_province_lets_the_wallet_settle_where_both_provinces_opened_it_in_full()
    {
        var mother = ValidCase();
        mother["member"]!["relationship"] = "parent";
        mother["member"]!["location"] = "other_province";
        var withoutPlace = (await PostAsync(mother.ToJsonString())).Body;
        mother["member"]!["place"] = "henan";
        var withPlace = (await PostAsync(mother.ToJsonString())).Body;

        var location = withPlace.GetProperty("checks").EnumerateArray().Single(k => k.GetProperty("id").GetString() == "location");
        Assert.Equal("pass", location.GetProperty("outcome").GetString());
        Assert.Contains("医保钱包", location.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains(location.GetProperty("sources").EnumerateArray(), s => s.GetProperty("id").GetString() == "nat-2025-07-09");
        Assert.NotEqual("pass", withoutPlace.GetProperty("checks").EnumerateArray().Single(k => k.GetProperty("id").GetString() == "location").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_yes_resting_on_an_unconfirmed_rule_says_so_in_its_headline()
    {
        var premium = ValidCase();
        premium["region"] = "hebei";
        premium["asOf"] = "2025-06-01";
        premium["purpose"] = "resident_premium";

        var (_, _, result) = await PostAsync(premium.ToJsonString());

        Assert.Equal(("eligible", "unconfirmed"), (result.GetProperty("verdict").GetString(), result.GetProperty("certainty").GetString()));
        Assert.StartsWith("可以共济（以下", result.GetProperty("headline").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spouse_in_the_same_region_for_hospital_costs_is_eligible_with_a_sourced_trace()
    {
        var (status, _, result) = await PostAsync(ValidCase().ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("eligible", result.GetProperty("verdict").GetString());
        Assert.Equal("shanghai", result.GetProperty("region").GetString());
        Assert.Equal("2026-11-01", result.GetProperty("asOf").GetString());
        var checks = result.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal("region_known", checks[0].GetProperty("id").GetString());
        var relationship = checks.Single(c => c.GetProperty("id").GetString() == "relationship");
        Assert.Equal("pass", relationship.GetProperty("outcome").GetString());
        Assert.Contains("配偶", relationship.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(relationship.GetProperty("sources").EnumerateArray());
        Assert.NotEqual(JsonValueKind.Null, relationship.GetProperty("effectiveFrom").ValueKind);
        Assert.Contains(result.GetProperty("nextSteps").EnumerateArray(), s => s.GetProperty("url").GetString() == "/regions/shanghai/binding");
    }

    [Fact]
    public async Task A_resident_insured_sharer_is_not_eligible_and_the_failing_check_says_why()
    {
        var body = ValidCase();
        body["sharer"]!["insurance"] = "resident";

        var (_, _, result) = await PostAsync(body.ToJsonString());

        Assert.Equal("not_eligible", result.GetProperty("verdict").GetString());
        var failed = result.GetProperty("checks").EnumerateArray().Where(c => c.GetProperty("outcome").GetString() == "fail").Select(c => c.GetProperty("id").GetString());
        Assert.Equal(["sharer_insurance"], failed);
    }

    [Fact]
    public async Task AsOf_is_optional_and_defaults_to_today()
    {
        var body = ValidCase();
        body.Remove("asOf");

        var (status, _, result) = await PostAsync(body.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(DateOnly.TryParse(result.GetProperty("asOf").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("")]
    public async Task Malformed_json_names_the_body(string body)
    {
        await AssertBadFieldAsync(body, "body", "not valid JSON");
    }

    [Fact]
    public async Task A_json_array_instead_of_an_object_names_the_body()
    {
        await AssertBadFieldAsync("[1,2]", "body", "must be a JSON object");
    }

    [Theory]
    [InlineData("region", "region")]
    [InlineData("sharer", "sharer")]
    [InlineData("member", "member")]
    [InlineData("purpose", "purpose")]
    public async Task A_missing_field_is_named(string remove, string field)
    {
        var body = ValidCase();
        body.Remove(remove);

        await AssertBadFieldAsync(body.ToJsonString(), field, "is required");
    }

    [Theory]
    [InlineData("sharer", "status", "sharer.status")]
    [InlineData("sharer", "balance", "sharer.balance")]
    [InlineData("member", "location", "member.location")]
    public async Task A_missing_nested_field_is_named_with_its_path(string parent, string remove, string field)
    {
        var body = ValidCase();
        body[parent]!.AsObject().Remove(remove);

        await AssertBadFieldAsync(body.ToJsonString(), field, "is required");
    }

    [Fact]
    public async Task Every_bad_field_is_named_at_once()
    {
        var (_, _, problem) = await PostAsync("""{"region":"x","sharer":{"insurance":"boss","status":"normal","balance":1},"member":[],"purpose":"spa"}""");

        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order();
        Assert.Equal(["member", "purpose", "region", "sharer.insurance"], fields);
    }

    [Theory]
    [InlineData("region", "\"atlantis\"", "region", "unknown region 'atlantis'")]
    [InlineData("purpose", "\"spa\"", "purpose", "must be one of hospital, pharmacy")]
    [InlineData("purpose", "3", "purpose", "must be one of")]
    [InlineData("asOf", "\"2026-02-30\"", "asOf", "must be a date")]
    [InlineData("asOf", "\"1850-01-01\"", "asOf", "must be between")]
    [InlineData("asOf", "20260101", "asOf", "must be a date string")]
    public async Task A_bad_top_level_value_is_named(string field, string json, string errorField, string message)
    {
        var body = ValidCase();
        body[field] = JsonNode.Parse(json);

        await AssertBadFieldAsync(body.ToJsonString(), errorField, message);
    }

    [Theory]
    [InlineData("sharer", "insurance", "\"boss\"", "must be one of employee, resident, none")]
    [InlineData("sharer", "status", "\"paused\"", "must be one of normal, suspended")]
    [InlineData("member", "relationship", "\"cousin\"", "must be one of spouse, parent")]
    [InlineData("member", "location", "\"abroad\"", "must be one of same_region")]
    [InlineData("member", "place", "\"atlantis\"", "unknown region 'atlantis'")]
    [InlineData("sharer", "balance", "-0.01", "must not be negative")]
    [InlineData("sharer", "balance", "1e12", "must be at most")]
    [InlineData("sharer", "balance", "10.001", "two decimal places")]
    [InlineData("sharer", "balance", "1e-30", "two decimal places")]
    [InlineData("sharer", "balance", "1e400", "must be at most")]
    [InlineData("sharer", "balance", "\"3000\"", "must be a number")]
    public async Task A_bad_nested_value_is_named_with_its_path(string parent, string field, string json, string message)
    {
        var body = ValidCase();
        body[parent]![field] = JsonNode.Parse(json);

        await AssertBadFieldAsync(body.ToJsonString(), $"{parent}.{field}", message);
    }

    [Fact]
    public async Task A_zero_balance_is_accepted_and_judged_by_the_engine()
    {
        var body = ValidCase();
        body["sharer"]!["balance"] = 0;

        var (status, _, result) = await PostAsync(body.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(result.GetProperty("checks").EnumerateArray(),
            c => c.GetProperty("id").GetString() == "sharer_balance" && c.GetProperty("outcome").GetString() != "pass");
    }
}
