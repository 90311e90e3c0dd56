using static FamilyMutualAid.Rules.Tests.TestPolicy;

namespace FamilyMutualAid.Rules.Tests;

public sealed class PolicyValidatorTests
{
    private static PolicyIssue Single(PolicySnapshot snapshot) => Assert.Single(PolicyValidator.Validate(snapshot));

    [Fact]
    public void Valid_data_has_no_issues()
    {
        Assert.Empty(PolicyValidator.Validate(Snapshot()));
    }

    [Fact]
    public void Unknown_parent_is_reported_on_the_region()
    {
        var issue = Single(Snapshot(regions: [National, Alpha, Beta with { ParentSlug = "gamma" }]));

        Assert.Equal(("region:beta", "parent"), (issue.Subject, issue.Field));
        Assert.Contains("unknown parent region 'gamma'", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_region_other_than_national_needs_a_parent()
    {
        var issue = Single(Snapshot(regions: [National, Alpha with { ParentSlug = null }, Beta]));

        Assert.Equal("region:alpha", issue.Subject);
    }

    [Fact]
    public void A_cycle_is_reported_for_every_region_in_it()
    {
        var issues = PolicyValidator.Validate(Snapshot(regions: [National, Alpha with { ParentSlug = "beta" }, Beta]));

        Assert.Equal(["region:alpha", "region:beta"], issues.Select(i => i.Subject).Order());
        Assert.All(issues, i => Assert.Contains("cycle in the region tree", i.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_source_is_reported_on_the_value()
    {
        var parameter = NationalRelatives with { Values = [Value(Guideline2021, List("spouse"), null, "ghost")] };

        var issues = PolicyValidator.Validate(Snapshot(parameters: [parameter]));

        var issue = Assert.Single(issues, i => i.Subject.StartsWith("parameter:", StringComparison.Ordinal));
        Assert.Equal(("parameter:national/relatives@2021-04-22", "sources"), (issue.Subject, issue.Field));
        Assert.Contains("unknown source 'ghost'", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_effective_periods_are_reported()
    {
        var parameter = NationalRelatives with
        {
            Values = [Value(Guideline2021, List("spouse"), until: Extension2024), Value(Extension2024, List("spouse", "parent"))],
        };

        var issue = Single(Snapshot(parameters: [parameter]));

        Assert.Equal("until", issue.Field);
        Assert.Contains("overlaps", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_period_ending_the_day_before_the_next_does_not_overlap()
    {
        var parameter = NationalRelatives with
        {
            Values = [Value(Guideline2021, List("spouse"), until: Extension2024.AddDays(-1)), Value(Extension2024, List("spouse", "parent"))],
        };

        Assert.Empty(PolicyValidator.Validate(Snapshot(parameters: [parameter])));
    }

    [Fact]
    public void A_value_of_the_wrong_type_or_an_unknown_code_is_reported()
    {
        var wrongType = NationalRelatives with { Values = [Value(Guideline2021, new NumberValue(1))] };
        var unknownCode = NationalRelatives with { Values = [Value(Guideline2021, List("cousin"))] };

        Assert.Contains("expected a list value", Single(Snapshot(parameters: [wrongType])).Message, StringComparison.Ordinal);
        Assert.Contains("unknown relationship code 'cousin'", Single(Snapshot(parameters: [unknownCode])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_of_an_unknown_region_is_reported()
    {
        var issue = Single(Snapshot(parameters: [NationalRelatives with { RegionSlug = "zeta" }]));

        Assert.Equal(("parameter:zeta/relatives", "region"), (issue.Subject, issue.Field));
    }

    [Fact]
    public void A_code_cannot_be_both_allowed_and_excluded_and_excluded_codes_must_be_known()
    {
        var relatives = NationalRelatives with { Values = [Value(Guideline2021, List("spouse") with { Excluded = ["spouse", "cousin"] })] };

        var issues = PolicyValidator.Validate(Snapshot(parameters: [relatives]));

        Assert.Equal(["unknown relationship code 'cousin'", "'spouse' is both allowed and excluded"], issues.Where(i => i.Field == "excluded").Select(i => i.Message));
    }

    [Fact]
    public void Only_a_national_or_province_level_list_value_can_await_local_adoption()
    {
        var province = new PolicyParameter("alpha", "relatives", [Value(Guideline2021, List("spouse")) with { LocalAdoption = true }], null);
        var city = new PolicyParameter("beta", "relatives", [Value(Guideline2021, List("spouse")) with { LocalAdoption = true }], null);

        Assert.DoesNotContain(PolicyValidator.Validate(Snapshot(parameters: [NationalRelatives, province])), i => i.Field == "local_adoption");
        var issue = Single(Snapshot(parameters: [NationalRelatives, city]));

        Assert.Equal(("parameter:beta/relatives@2021-04-22", "local_adoption"), (issue.Subject, issue.Field));
    }

    [Fact]
    public void Decision_periods_must_be_in_order_without_overlap()
    {
        var disagreement = new Disagreement("d", "alpha", "话题", null, [new("甲", ["src-a"]), new("乙", ["src-a"])],
            [new(new(2025, 1, 1), new(2025, 12, 31), Resolution.CheckLocally, null, "原因"), new(new(2025, 6, 1), null, Resolution.Follow, 0, "原因")]);

        var issue = Single(Snapshot(disagreements: [disagreement]));

        Assert.Equal("decisions", issue.Field);
    }

    [Fact]
    public void A_followed_claim_must_exist()
    {
        var disagreement = new Disagreement("d", "alpha", "话题", null, [new("甲", ["src-a"]), new("乙", ["src-a"])], [new(null, null, Resolution.Follow, 2, "原因")]);

        var issue = Single(Snapshot(disagreements: [disagreement]));

        Assert.Equal("follow", issue.Field);
    }

    [Fact]
    public void A_page_of_an_unknown_region_or_without_sources_is_reported()
    {
        var page = new ContentPage("zeta", "overview", "标题", "正文", [], new(2026, 1, 1));

        var issues = PolicyValidator.Validate(Snapshot(pages: [page]));

        Assert.Contains(issues, i => i.Field == "region" && i.Message.Contains("zeta", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Field == "sources" && i.Message.Contains("at least one source", StringComparison.Ordinal));
    }

    [Fact]
    public void A_source_that_nothing_cites_is_reported()
    {
        var parameter = NationalRelatives with { Values = [Value(Guideline2021, List("spouse"), null, "src-a")] };
        var snapshot = new PolicySnapshot([National], [SourceA, SourceA with { Id = "src-z" }], [Relatives], [parameter], [], [], TestPolicy.Vocabulary);

        var issue = Single(snapshot);

        Assert.Equal("source:src-z", issue.Subject);
        Assert.Contains("not used", issue.Message, StringComparison.Ordinal);
    }
}
