using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FamilyMutualAid.Web.Tests.Infrastructure;

namespace FamilyMutualAid.Web.Tests.Api;

[Collection(SiteGroup.Name)]
public sealed class FundUsageApiTests(SiteFactory site)
{
    private readonly HttpClient _client = site.CreateClient();

    private static JsonObject Bill(string region = "beijing") => JsonNode.Parse($$"""
        { "region": "{{region}}", "venue": "hospital", "selfPay": 800, "memberOwnBalance": 100, "sharerBalance": 1000, "sharedThisYear": 0 }
        """)!.AsObject();

    private async Task<(HttpStatusCode Status, string MediaType, JsonElement Body)> PostAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/api/fund-usage", content);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", document.RootElement.Clone());
    }

    [Fact]
    public async Task Beijing_bill_is_split_under_the_unconfirmed_60_percent_cap_with_a_warning()
    {
        var (status, _, result) = await PostAsync(Bill().ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(100m, result.GetProperty("fromMemberAccount").GetDecimal());
        Assert.Equal(600m, result.GetProperty("fromSharedAccount").GetDecimal());
        Assert.Equal(100m, result.GetProperty("cash").GetDecimal());
        var cap = result.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "annual_cap");
        Assert.Contains("60%", cap.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.True(cap.GetProperty("unconfirmed").GetBoolean());
        Assert.NotEmpty(cap.GetProperty("sources").EnumerateArray());
        var warning = result.GetProperty("warnings").EnumerateArray().Single(w => w.GetProperty("kind").GetString() == "unconfirmed_rule");
        Assert.Contains("shared_account", warning.GetProperty("affects").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task The_three_figures_always_add_up_to_the_bill_to_the_fen()
    {
        var bill = Bill("shanghai");
        bill["selfPay"] = 1234.57m;
        bill["sharerBalance"] = 1234.57m;
        bill["memberOwnBalance"] = 0.01m;

        var (_, _, result) = await PostAsync(bill.ToJsonString());

        var sum = result.GetProperty("fromMemberAccount").GetDecimal() + result.GetProperty("fromSharedAccount").GetDecimal() + result.GetProperty("cash").GetDecimal();
        Assert.Equal(1234.57m, sum);
        Assert.Equal(864.20m, result.GetProperty("fromSharedAccount").GetDecimal());
    }

    [Theory]
    [InlineData("selfPay", "-1", "must not be negative")]
    [InlineData("selfPay", "\"abc\"", "must be a number")]
    [InlineData("sharerBalance", "99999999999", "must be at most")]
    [InlineData("memberOwnBalance", "0.001", "two decimal places")]
    [InlineData("selfPay", "1e-30", "two decimal places")]
    [InlineData("selfPay", "0.0000000000000000000000000000001", "two decimal places")]
    [InlineData("selfPay", "12.3451e1", "two decimal places")]
    [InlineData("sharerBalance", "1e400", "must be at most")]
    [InlineData("sharerBalance", "1E+999999999999999", "must be at most")]
    [InlineData("memberOwnBalance", "-1e-30", "must not be negative")]
    [InlineData("sharedThisYear", "null", "is required")]
    [InlineData("venue", "\"clinic\"", "must be one of hospital, pharmacy")]
    [InlineData("region", "\"atlantis\"", "unknown region")]
    [InlineData("asOf", "\"2026-02-30\"", "must be a date")]
    public async Task Bad_input_answers_400_problem_naming_the_field(string field, string json, string message)
    {
        var bill = Bill();
        bill[field] = JsonNode.Parse(json);

        var (status, mediaType, problem) = await PostAsync(bill.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Contains(message, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_names_the_body()
    {
        var (status, _, problem) = await PostAsync("{\"selfPay\": ");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _));
    }

    [Theory]
    [InlineData("1e3")]
    [InlineData("1000.000")]
    [InlineData("0.1E4")]
    [InlineData("100000E-2")]
    public async Task A_whole_number_of_fen_is_accepted_however_it_is_written(string json)
    {
        var bill = Bill();
        bill["selfPay"] = JsonNode.Parse(json);

        var (status, _, result) = await PostAsync(bill.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1000m, result.GetProperty("selfPay").GetDecimal());
    }

    [Fact]
    public async Task A_bill_of_zero_is_all_zero()
    {
        var bill = Bill();
        bill["selfPay"] = 0;

        var (_, _, result) = await PostAsync(bill.ToJsonString());

        Assert.Equal("0", result.GetProperty("cash").GetDecimal().ToString(CultureInfo.InvariantCulture));
        Assert.Equal(0m, result.GetProperty("fromSharedAccount").GetDecimal());
    }
}
