using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Tests.Infrastructure;

namespace FamilyMutualAid.Web.Tests.Scenarios;

/// <summary>The 医保钱包 lists and a case's timeline, read from the real seeds (regional-updates.md, section 1).</summary>
public sealed class WalletAndTimelineSeedTests
{
    private static readonly Lazy<PolicySnapshot> Seeds = new(() => PolicyFileReader.Read(Repository.Seeds, Repository.Content).ToSnapshot());

    private static WalletSide Side(string region, string date) => WalletAvailability.On(Seeds.Value, region, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture))!;

    [Theory]
    // Before the first list (2025-02-04) nothing is known of any province.
    [InlineData("henan", "2025-02-03", WalletStatus.Unknown, true)]
    // On the 2025-02-04 list: 河南 whole, 江苏 some areas; absent: not yet (inferred, unconfirmed).
    [InlineData("henan", "2025-02-04", WalletStatus.WholeArea, false)]
    [InlineData("jiangsu", "2025-02-04", WalletStatus.SomeAreas, false)]
    [InlineData("tianjin", "2025-02-04", WalletStatus.NotYet, true)]
    [InlineData("tianjin", "2025-06-29", WalletStatus.NotYet, true)]
    // 2025-06-30: 30 provinces and the bingtuan, whole in 24; 天津 is not among the 24 nor named otherwise.
    [InlineData("tianjin", "2025-06-30", WalletStatus.SomeAreas, true)]
    [InlineData("beijing", "2025-06-30", WalletStatus.WholeArea, false)]
    [InlineData("bingtuan", "2025-06-30", WalletStatus.WholeArea, false)]
    // A weak aggregator adds 上海 on 2025-02-07.
    [InlineData("shanghai", "2025-02-06", WalletStatus.NotYet, true)]
    [InlineData("shanghai", "2025-02-07", WalletStatus.SomeAreas, true)]
    // A city answers with its province.
    [InlineData("shenzhen", "2026-12-01", WalletStatus.Unknown, true)]
    [InlineData("nanjing", "2025-02-04", WalletStatus.SomeAreas, false)]
    public void A_province_s_wallet_status_follows_the_dated_lists(string region, string date, WalletStatus status, bool unconfirmed)
    {
        var side = Side(region, date);

        Assert.Equal((status, unconfirmed), (side.Status, side.Unconfirmed));
        Assert.Equal(RegionLevel.Province, side.Province.Level);
    }

    [Fact]
    public void Guangdong_s_wallet_is_disputed_after_2025_02_07_and_not_before()
    {
        Assert.Null(Side("guangdong", "2025-02-06").OpenDisagreement);
        Assert.Equal("guangdong-wallet", Side("guangdong", "2025-02-07").OpenDisagreement?.Id);
        Assert.Equal(WalletStatus.Unknown, Side("guangdong", "2026-12-01").Status);
    }

    [Fact]
    public void A_sibling_in_hebei_was_refused_then_awaited_adoption_then_was_eligible_from_the_october_list()
    {
        var c = new EligibilityCase("hebei", new(2026, 12, 1), new(InsuranceType.Employee, InsuranceStatus.Normal, 3000),
            new(Relationship.Sibling, InsuranceType.Resident, InsuranceStatus.Normal, MemberLocation.SameRegion), Purpose.Hospital);

        var periods = CaseTimeline.Of(Seeds.Value, c).Select(p => (p.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), p.Verdict, p.Certainty));

        Assert.Equal(
        [
            ("2021-04-22", Verdict.NotEligible, Certainty.Reported),
            ("2024-08-07", Verdict.NeedsCheck, Certainty.Unconfirmed),
            ("2024-10-20", Verdict.Eligible, Certainty.Reported),
        ], periods);
    }

    [Fact]
    public void A_timeline_ends_on_the_case_s_date_and_each_period_is_what_the_engine_says_on_its_first_day()
    {
        var c = new EligibilityCase("shanghai", new(2025, 6, 1), new(InsuranceType.Employee, InsuranceStatus.Normal, 3000),
            new(Relationship.Parent, InsuranceType.Resident, InsuranceStatus.Normal, MemberLocation.OtherProvince), Purpose.Pharmacy);

        var periods = CaseTimeline.Of(Seeds.Value, c);

        Assert.All(periods, p => Assert.True(p.From <= c.AsOf));
        Assert.All(periods, p => Assert.Equal(EligibilityEngine.Evaluate(Seeds.Value, c with { AsOf = p.From }).Verdict, p.Verdict));
        Assert.Equal(EligibilityEngine.Evaluate(Seeds.Value, c).Verdict, periods[^1].Verdict);
        // The 2022 上海 reports kept relatives to those insured in 上海: a confirmed no from then.
        Assert.Contains(periods, p => p.From == new DateOnly(2022, 7, 4) && p.Verdict == Verdict.NotEligible && p.Certainty == Certainty.Confirmed);
        Assert.All(periods.Zip(periods.Skip(1)), pair => Assert.NotEqual((pair.First.Verdict, pair.First.Certainty), (pair.Second.Verdict, pair.Second.Certainty)));
    }
}
