using static FamilyMutualAid.Rules.Tests.TestPolicy;

namespace FamilyMutualAid.Rules.Tests;

public sealed class LocalCoverageTests
{
    private static readonly Source NationalList = new("nat-list", "国家医保局分省名单", null, "中新网", new(2024, 10, 29), null, SourceTier.Repost, null);
    private static readonly Source AlphaNotice = new("alpha-notice", "甲省医保局通知", null, "甲省医保局", new(2024, 12, 1), null, SourceTier.Official, null) { Region = "alpha" };
    private static readonly Source BetaGuide = new("beta-guide", "乙市办事指南", null, "乙市医保局", new(2025, 1, 1), null, SourceTier.Official, null) { Region = "beta" };
    private static readonly Source[] AllSources = [SourceA, NationalList, AlphaNotice, BetaGuide];

    private static PolicyParameter Own(string region, params string[] sources) =>
        new(region, "relatives", [Value(new(2024, 10, 20), List("spouse", "parent", "sibling"), null, sources)], null);

    [Fact]
    public void A_region_with_nothing_of_its_own_has_no_coverage()
    {
        var snapshot = Snapshot(sources: AllSources);

        Assert.Equal(LocalCoverage.None, snapshot.CoverageOf("alpha"));
        Assert.Equal(LocalCoverage.None, snapshot.CoverageOf("beta"));
    }

    [Fact]
    public void Own_values_resting_only_on_the_national_lists_are_national_sources_only()
    {
        var snapshot = Snapshot(parameters: [NationalRelatives, Own("alpha", "nat-list")], sources: AllSources);

        Assert.Equal(LocalCoverage.NationalSourcesOnly, snapshot.CoverageOf("alpha"));
        // The city inherits the province's value but has nothing of its own.
        Assert.Equal(LocalCoverage.None, snapshot.CoverageOf("beta"));
    }

    [Fact]
    public void One_own_value_citing_a_local_notice_makes_local_sources()
    {
        var cap = new PolicyParameter("alpha", "cap", [Value(new(2025, 1, 1), new NumberValue(0.6m), null, "alpha-notice", "src-a")], null);
        var snapshot = Snapshot(parameters: [NationalRelatives, Own("alpha", "nat-list"), cap], sources: AllSources);

        Assert.Equal(LocalCoverage.LocalSources, snapshot.CoverageOf("alpha"));
    }

    [Fact]
    public void An_own_page_citing_a_local_guide_makes_local_sources_even_without_own_values()
    {
        var channel = new ContentPage("alpha", ContentPage.ChannelKind, "甲省医保App", "正文", ["alpha-notice"], new(2026, 11, 1)) { Channel = "app", Mode = ChannelMode.Online };
        var overview = new ContentPage("beta", "overview", "乙市概况", "正文", ["nat-list"], new(2026, 11, 1));
        var snapshot = Snapshot(pages: [channel, overview], sources: AllSources);

        Assert.Equal(LocalCoverage.LocalSources, snapshot.CoverageOf("alpha"));
        Assert.Equal(LocalCoverage.NationalSourcesOnly, snapshot.CoverageOf("beta"));
    }

    [Fact]
    public void A_source_about_a_city_is_local_to_its_province_and_a_province_notice_to_its_cities_but_not_to_the_nation()
    {
        var snapshot = Snapshot(sources: AllSources);

        Assert.True(snapshot.IsLocalSource(BetaGuide, "beta"));
        Assert.True(snapshot.IsLocalSource(BetaGuide, "alpha"));
        Assert.True(snapshot.IsLocalSource(AlphaNotice, "beta"));
        Assert.False(snapshot.IsLocalSource(AlphaNotice, "national"));
        Assert.False(snapshot.IsLocalSource(NationalList, "alpha"));
    }

    [Fact]
    public void A_source_about_another_province_is_not_local()
    {
        var gamma = new Region("gamma", "丙省", RegionLevel.Province, "national");
        var snapshot = Snapshot(regions: [National, Alpha, Beta, gamma], parameters: [NationalRelatives, Own("gamma", "alpha-notice")], sources: AllSources);

        Assert.False(snapshot.IsLocalSource(AlphaNotice, "gamma"));
        Assert.Equal(LocalCoverage.NationalSourcesOnly, snapshot.CoverageOf("gamma"));
    }

    [Fact]
    public void Every_code_of_a_list_is_resolved_by_the_nearest_region_stating_it()
    {
        var own = new PolicyParameter("alpha", "relatives", [Value(new(2024, 1, 1), List("parent"))], null);
        var snapshot = Snapshot(parameters: [NationalRelatives, own]);

        var codes = snapshot.ResolveCodes("beta", "relatives", new(2025, 1, 1));

        Assert.Equal(["parent", "sibling", "spouse"], codes.Select(c => c.Code).Order(StringComparer.Ordinal));
        Assert.Equal("national", codes.Single(c => c.Code == "spouse").Ruling.Rule!.Owner.Slug);
        Assert.Equal("alpha", codes.Single(c => c.Code == "parent").Ruling.Rule!.Owner.Slug);
        Assert.All(codes, c => Assert.Equal(CodeState.Allowed, c.Ruling.State));
        Assert.Empty(snapshot.ResolveCodes("beta", "cap", new(2025, 1, 1)));
    }
}
