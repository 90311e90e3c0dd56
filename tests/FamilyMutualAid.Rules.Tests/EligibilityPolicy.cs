using System.Collections.Immutable;
using static FamilyMutualAid.Rules.EligibilityEngine;

namespace FamilyMutualAid.Rules.Tests;

/// <summary>
/// Builds small snapshots with every parameter the eligibility engine reads, on the test regions
/// national → alpha (province) → beta (city), and cases that pass every check unless a test changes them.
/// </summary>
internal static class EligibilityPolicy
{
    public static readonly DateOnly Start = new(2021, 4, 22);
    public static readonly DateOnly Extension = new(2024, 8, 7);
    public static readonly DateOnly ProvinceWide = new(2024, 11, 27);
    public static readonly DateOnly Today = new(2026, 6, 1);

    public static ImmutableArray<ParameterDefinition> Definitions { get; } =
    [
        new(Keys.SharerInsurance, "共济人须参加的医保", ParameterType.List, "insurance", null),
        new(Keys.SharerNormalStatusRequired, "共济人须正常参保", ParameterType.Flag, null, null),
        new(Keys.SharerPositiveBalanceRequired, "共济人个人账户须有余额", ParameterType.Flag, null, null),
        new(Keys.ReserveAmount, "个人账户须保留的最低余额", ParameterType.Number, null, "元"),
        new(Keys.MemberInsurance, "家人可参加的医保", ParameterType.List, "insurance", null),
        new(Keys.MemberNormalStatusRequired, "家人须正常参保", ParameterType.Flag, null, null),
        new(Keys.Relatives, "亲属范围", ParameterType.List, "relationship", null),
        new(Keys.AllowedUses, "可以支付的费用", ParameterType.List, "purpose", null),
        new(Keys.ExcludedUses, "不能支付的费用", ParameterType.List, "purpose", null),
        new(Keys.SharingScope, "家人可在哪里参保", ParameterType.List, "location", null),
        new("annual_fee", "每年费用", ParameterType.Number, null, "元"),
    ];

    public static DatedValue From(DateOnly from, PolicyValue value, bool unconfirmed = false, DateOnly? until = null) =>
        new(from, until, value, ["src-a"], null, unconfirmed);

    public static ListValue Codes(params string[] codes) => new([.. codes]);

    /// <summary>A list rule that allows some codes and explicitly excludes others.</summary>
    public static ListValue Codes(string[] allowed, params string[] excluded) => new([.. allowed]) { Excluded = [.. excluded] };

    public static FlagValue Yes { get; } = new(true);

    public static FlagValue No { get; } = new(false);

    public static PolicyParameter Rule(string region, string key, params DatedValue[] values) => new(region, key, [.. values], null);

    public static ImmutableArray<PolicyParameter> NationalRules { get; } =
    [
        Rule("national", Keys.SharerInsurance, From(Start, Codes(["employee"], "resident", "none"))),
        Rule("national", Keys.SharerNormalStatusRequired, From(Start, Yes)),
        Rule("national", Keys.SharerPositiveBalanceRequired, From(Start, Yes)),
        Rule("national", Keys.MemberInsurance, From(Start, Codes(["employee", "resident"], "none"))),
        Rule("national", Keys.MemberNormalStatusRequired, From(Start, Yes)),
        Rule("national", Keys.Relatives,
            From(Start, Codes(["spouse", "parent", "child"], "sibling", "grandparent", "grandchild", "other")),
            From(Extension, Codes(["spouse", "parent", "child", "sibling", "grandparent", "grandchild"], "other"))),
        Rule("national", Keys.AllowedUses, From(Start, Codes(["hospital", "pharmacy"], "wellness"))),
        Rule("national", Keys.ExcludedUses, From(Start, Codes("wellness"))),
        Rule("national", Keys.SharingScope,
            From(Start, Codes("same_region")),
            From(ProvinceWide, Codes("same_region", "same_province"))),
    ];

    /// <summary>The national rules, with <paramref name="rules"/> added or replacing the national rule of the same region and key.</summary>
    public static PolicySnapshot Snapshot(IEnumerable<PolicyParameter>? rules = null, IEnumerable<Disagreement>? disagreements = null)
    {
        var given = rules?.ToList() ?? [];
        var parameters = NationalRules.Where(n => !given.Any(g => g.RegionSlug == n.RegionSlug && g.Key == n.Key)).Concat(given);
        return new([TestPolicy.National, TestPolicy.Alpha, TestPolicy.Beta], [TestPolicy.SourceA, SourceB], Definitions, parameters, disagreements ?? [], [], Vocabulary.Empty);
    }

    public static Source SourceB { get; } = new("src-b", "来源乙", null, "测试", new(2025, 1, 1), null, SourceTier.ConsumerPage, null);

    public static Disagreement Dispute(string id, string region, string? parameter, Resolution resolution, params string[] codes) =>
        new(id, region, "话题", parameter, [new("甲说", ["src-a"]), new("乙说", ["src-b"])], [new(null, null, resolution, resolution == Resolution.Follow ? 0 : null, "原因")])
        {
            Codes = [.. codes],
        };

    /// <summary>A case that passes every check under the national rules today, with any part changed.</summary>
    public static EligibilityCase Case(
        string region = "alpha",
        DateOnly? asOf = null,
        InsuranceType sharerInsurance = InsuranceType.Employee,
        InsuranceStatus sharerStatus = InsuranceStatus.Normal,
        decimal balance = 3000,
        Relationship relationship = Relationship.Spouse,
        InsuranceType memberInsurance = InsuranceType.Resident,
        InsuranceStatus memberStatus = InsuranceStatus.Normal,
        MemberLocation location = MemberLocation.SameRegion,
        Purpose purpose = Purpose.Hospital) =>
        new(region, asOf ?? Today, new(sharerInsurance, sharerStatus, balance), new(relationship, memberInsurance, memberStatus, location), purpose);

    public static EligibilityCheck Check(this EligibilityResult result, string id) => Assert.Single(result.Checks, c => c.Id == id);

    public static IEnumerable<string> Failing(this EligibilityResult result) =>
        result.Checks.Where(c => c.Outcome == CheckOutcome.Fail).Select(c => c.Id);

    public static IEnumerable<string> Unknown(this EligibilityResult result) =>
        result.Checks.Where(c => c.Outcome == CheckOutcome.Unknown).Select(c => c.Disagreement is { } d && c.Id == CheckIds.Disagreement ? $"{c.Id}:{d.Id}" : c.Id);
}
