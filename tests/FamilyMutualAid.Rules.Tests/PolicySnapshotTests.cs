using static FamilyMutualAid.Rules.Tests.TestPolicy;

namespace FamilyMutualAid.Rules.Tests;

public sealed class PolicySnapshotTests
{
    [Fact]
    public void A_value_applies_from_its_first_day_and_not_the_day_before()
    {
        var snapshot = Snapshot();

        Assert.Null(snapshot.Resolve("national", "relatives", Guideline2021.AddDays(-1)));
        Assert.Equal(List("spouse", "parent"), snapshot.Resolve("national", "relatives", Guideline2021)!.Value.Value);
    }

    [Fact]
    public void A_later_value_supersedes_the_earlier_one_from_its_date()
    {
        var snapshot = Snapshot();

        Assert.Equal(List("spouse", "parent"), snapshot.Resolve("national", "relatives", Extension2024.AddDays(-1))!.Value.Value);
        Assert.Equal(List("spouse", "parent", "sibling"), snapshot.Resolve("national", "relatives", Extension2024)!.Value.Value);
        Assert.Equal(Extension2024, snapshot.FindParameter("national", "relatives")!.SuccessorOf(NationalRelatives.Values[0])!.From);
    }

    [Fact]
    public void A_value_with_an_end_date_stops_applying_after_it()
    {
        var cap = new PolicyParameter("alpha", "cap", [Value(new(2025, 1, 1), new NumberValue(0.6m), until: new(2025, 12, 31))], null);
        var snapshot = Snapshot(parameters: [NationalRelatives, cap]);

        Assert.NotNull(snapshot.Resolve("alpha", "cap", new(2025, 12, 31)));
        Assert.Null(snapshot.Resolve("alpha", "cap", new(2026, 1, 1)));
    }

    [Fact]
    public void A_city_without_its_own_rule_inherits_the_national_rule_and_says_so()
    {
        var effective = Snapshot().Resolve("beta", "relatives", new(2026, 1, 1))!;

        Assert.True(effective.Inherited);
        Assert.Equal("national", effective.Owner.Slug);
    }

    [Fact]
    public void A_province_rule_overrides_the_national_one_for_its_cities()
    {
        var local = new PolicyParameter("alpha", "relatives", [Value(new(2022, 1, 1), List("spouse"))], null);
        var snapshot = Snapshot(parameters: [NationalRelatives, local]);

        var forAlpha = snapshot.Resolve("alpha", "relatives", new(2026, 1, 1))!;
        var forBeta = snapshot.Resolve("beta", "relatives", new(2026, 1, 1))!;

        Assert.False(forAlpha.Inherited);
        Assert.Equal(List("spouse"), forAlpha.Value.Value);
        Assert.True(forBeta.Inherited);
        Assert.Equal("alpha", forBeta.Owner.Slug);
    }

    [Fact]
    public void Before_a_local_rule_starts_the_parent_rule_applies()
    {
        var local = new PolicyParameter("alpha", "relatives", [Value(new(2022, 1, 1), List("spouse"))], null);
        var snapshot = Snapshot(parameters: [NationalRelatives, local]);

        var effective = snapshot.Resolve("alpha", "relatives", new(2021, 12, 31))!;

        Assert.True(effective.Inherited);
        Assert.Equal(List("spouse", "parent"), effective.Value.Value);
    }

    [Fact]
    public void Lineage_lists_the_region_then_its_ancestors()
    {
        Assert.Equal(["beta", "alpha", "national"], Snapshot().LineageOf("beta").Select(r => r.Slug));
    }

    [Fact]
    public void Lineage_stops_at_a_cycle_instead_of_looping()
    {
        var snapshot = Snapshot(regions: [National, Alpha with { ParentSlug = "beta" }, Beta]);

        Assert.Equal(["beta", "alpha"], snapshot.LineageOf("beta").Select(r => r.Slug));
    }

    [Fact]
    public void Unknown_region_or_parameter_resolves_to_nothing()
    {
        Assert.Null(Snapshot().Resolve("nowhere", "relatives", new(2026, 1, 1)));
        Assert.Null(Snapshot().Resolve("alpha", "nothing", new(2026, 1, 1)));
    }

    [Fact]
    public void Disagreements_of_ancestors_apply_to_a_region()
    {
        var disagreement = new Disagreement("d", "alpha", "话题", null, [new("甲", ["src-a"]), new("乙", ["src-a"])], [new(null, null, Resolution.CheckLocally, null, "原因")]);
        var snapshot = Snapshot(disagreements: [disagreement]);

        Assert.Single(snapshot.DisagreementsFor("beta"));
        Assert.Empty(snapshot.DisagreementsFor("national"));
    }

    [Fact]
    public void Vocabulary_terms_come_in_the_order_the_data_lists_them()
    {
        var vocabulary = TestPolicy.Vocabulary with { Order = System.Collections.Immutable.ImmutableDictionary<string, System.Collections.Immutable.ImmutableArray<string>>.Empty.Add("relationship", ["spouse", "sibling", "parent"]) };

        Assert.Equal(["spouse", "sibling", "parent"], vocabulary.Terms("relationship").Select(t => t.Code));
        Assert.Equal("兄弟姐妹", vocabulary.Terms("relationship").ElementAt(1).Label);
        Assert.Empty(vocabulary.Terms("nothing"));
    }
}
