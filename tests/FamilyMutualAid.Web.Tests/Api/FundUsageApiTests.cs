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

    /// <summary>A bill with a wallet case: a relative insured in 郑州 (place code), transfers from 21:30 on 2026-11-01.</summary>
    private static JsonObject WalletBill() => JsonNode.Parse("""
        { "region": "shanghai", "asOf": "2026-11-01", "venue": "hospital", "selfPay": 5000.5, "memberOwnBalance": 0, "sharerBalance": 9000, "sharedThisYear": 0,
          "wallet": { "memberPlace": "410100", "start": "2026-11-01T21:30" } }
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

    [Fact]
    public async Task A_relative_in_zhengzhou_gets_the_transfers_with_days_windows_and_the_till()
    {
        var (status, _, result) = await PostAsync(WalletBill().ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        var wallet = result.GetProperty("wallet");
        Assert.Equal("planned", wallet.GetProperty("outcome").GetString());
        Assert.Equal("henan", wallet.GetProperty("memberRegion").GetString());
        var transfers = wallet.GetProperty("transfers").EnumerateArray().ToList();
        Assert.Equal([2000m, 2000m, 1000.5m], transfers.Select(t => t.GetProperty("amount").GetDecimal()));
        Assert.All(transfers, t => Assert.Equal(("2026-11-01", "21:30", "22:00", "2026-11-02", "06:00"),
            (t.GetProperty("date").GetString(), t.GetProperty("from").GetString(), t.GetProperty("until").GetString(), t.GetProperty("returnsOn").GetString(), t.GetProperty("returnsAt").GetString())));
        Assert.Equal(1, wallet.GetProperty("dayCount").GetInt32());
        Assert.Equal(3, wallet.GetProperty("transferCount").GetInt32());
        Assert.Equal(5000.5m, wallet.GetProperty("inWallet").GetDecimal());
        Assert.Equal(5000.5m, wallet.GetProperty("fromWalletAtTill").GetDecimal());
        Assert.Equal(0m, wallet.GetProperty("restAtTill").GetDecimal());
        Assert.Equal(["whole_area", "whole_area"], wallet.GetProperty("sides").EnumerateArray().Select(s => s.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Each_rule_names_its_parameter_value_source_and_certainty()
    {
        var (_, _, result) = await PostAsync(WalletBill().ToJsonString());

        var rules = result.GetProperty("wallet").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["wallet_transfer_max_amount", "wallet_transfer_daily_count", "wallet_transfer_closed_from", "wallet_transfer_closed_until", "wallet_transfer_return_time"],
            rules.Select(r => r.GetProperty("parameter").GetString()));
        Assert.All(rules, r =>
        {
            Assert.Equal("stated", r.GetProperty("state").GetString());
            Assert.True(r.GetProperty("unconfirmed").GetBoolean());
            Assert.True(r.GetProperty("reported").GetBoolean());
            Assert.Equal("yantai-2025", r.GetProperty("sources")[0].GetProperty("id").GetString());
        });
        Assert.Equal("22:00", rules[2].GetProperty("value").GetString());
    }

    [Fact]
    public async Task The_plan_never_moves_more_than_the_sharers_balance_and_the_rest_is_left_at_the_till()
    {
        var bill = WalletBill();
        bill["sharerBalance"] = 2500;
        bill["wallet"]!["amount"] = 9000;

        var (_, _, result) = await PostAsync(bill.ToJsonString());

        var wallet = result.GetProperty("wallet");
        Assert.Equal(9000m, wallet.GetProperty("requested").GetDecimal());
        Assert.Equal(2500m, wallet.GetProperty("planned").GetDecimal());
        Assert.True(wallet.GetProperty("limitedByBalance").GetBoolean());
        Assert.Equal(2500.5m, wallet.GetProperty("restAtTill").GetDecimal());
    }

    [Fact]
    public async Task Before_the_limits_were_reported_the_answer_is_no_plan_and_every_rule_not_stated()
    {
        var bill = WalletBill();
        bill["wallet"]!["start"] = "2025-09-17T10:00";

        var (_, _, result) = await PostAsync(bill.ToJsonString());

        var wallet = result.GetProperty("wallet");
        Assert.Equal("no_transfer_limit", wallet.GetProperty("outcome").GetString());
        Assert.Empty(wallet.GetProperty("transfers").EnumerateArray());
        Assert.All(wallet.GetProperty("rules").EnumerateArray(), r => Assert.Equal("not_stated", r.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Without_a_wallet_the_answer_has_none()
    {
        var bill = WalletBill();
        bill.Remove("wallet");

        var (status, _, result) = await PostAsync(bill.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(result.TryGetProperty("wallet", out _));
    }

    [Theory]
    [InlineData("wallet.memberPlace", "\"999999\"", "unknown place")]
    [InlineData("wallet.memberPlace", "null", "is required")]
    [InlineData("wallet.start", "\"2026-11-01 21:30\"", "YYYY-MM-DDTHH:mm")]
    [InlineData("wallet.start", "\"2026-11-01T24:00\"", "YYYY-MM-DDTHH:mm")]
    [InlineData("wallet.start", "1", "must be a time string")]
    [InlineData("wallet.amount", "0.001", "two decimal places")]
    [InlineData("wallet.amount", "-5", "must not be negative")]
    public async Task Bad_wallet_fields_answer_400_problem_naming_the_field(string field, string json, string message)
    {
        var bill = WalletBill();
        bill["wallet"]![field.Split('.')[1]] = JsonNode.Parse(json);

        var (status, mediaType, problem) = await PostAsync(bill.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Contains(message, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wallet_that_is_not_an_object_is_named()
    {
        var bill = WalletBill();
        bill["wallet"] = 5;

        var (status, _, problem) = await PostAsync(bill.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("must be an object", problem.GetProperty("errors").GetProperty("wallet")[0].GetString());
    }
}
