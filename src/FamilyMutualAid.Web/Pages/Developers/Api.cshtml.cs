using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Api;
using FamilyMutualAid.Web.Infrastructure;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Hosting;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Developers;

/// <summary>One request field and the values it accepts.</summary>
public sealed record ApiField(string Name, string Meaning, string Accepts);

/// <summary>Documents the JSON API; the accepted codes and the sample answer come from the running code and data.</summary>
[PublishedPage]
public sealed class ApiModel(PolicySnapshotProvider policy, TimeProvider clock) : PageModel
{
    private static readonly JsonSerializerOptions Pretty = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public const string SampleRequest = """
        {
          "region": "shanghai",
          "asOf": "2026-11-01",
          "sharer": { "insurance": "employee", "status": "normal", "balance": 3000 },
          "member": { "relationship": "spouse", "insurance": "resident", "status": "normal", "location": "same_region" },
          "purpose": "hospital"
        }
        """;

    public IReadOnlyList<ApiField> Fields { get; } =
    [
        new("region", "共济人参保地区的代码", "GET /api/regions 列出的 slug"),
        new("asOf", "按哪一天的规则判断（可省略，默认今天）", $"YYYY-MM-DD，{ApiValues.EarliestDate:yyyy-MM-dd} 至 {ApiValues.LatestDate:yyyy-MM-dd}"),
        new("sharer.insurance / member.insurance", "医保类型", string.Join(" | ", Codes.All<InsuranceType>())),
        new("sharer.status / member.status", "参保状态", string.Join(" | ", Codes.All<InsuranceStatus>())),
        new("sharer.balance", "个人账户余额（元）", $"0 至 {Money.MaxYuan:0} 的数字，须为整分（最多两位小数）"),
        new("member.relationship", "家人与共济人的关系", string.Join(" | ", Codes.All<Relationship>())),
        new("member.location", "家人参保地", string.Join(" | ", Codes.All<MemberLocation>())),
        new("purpose", "用途", string.Join(" | ", Codes.All<Purpose>())),
    ];

    public string SampleResponse { get; private set; } = "";

    public void OnGet()
    {
        var today = PolicyText.Today(clock);
        SampleResponse = policy.Views.Get(today, new SampleKey(), (snapshot, _) => Sample(snapshot, today));
    }

    private static string Sample(PolicySnapshot snapshot, DateOnly today)
    {
        var errors = new FieldErrors();
        using var document = JsonDocument.Parse(SampleRequest);
        var c = EligibilityApi.Read(document.RootElement, snapshot, today, errors);
        return c is null
            ? "（示例地区的数据暂未载入）"
            : JsonSerializer.Serialize(EligibilityApi.ToDto(snapshot, c, EligibilityEngine.Evaluate(snapshot, c)), Pretty);
    }

    private sealed record SampleKey;
}
