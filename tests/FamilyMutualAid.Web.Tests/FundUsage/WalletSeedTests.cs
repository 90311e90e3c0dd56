using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Tests.Infrastructure;

namespace FamilyMutualAid.Web.Tests.FundUsage;

/// <summary>The wallet planner on the real seeds: the limits of the 烟台晚报 report are read as the planner needs them.</summary>
public sealed class WalletSeedTests
{
    private static readonly Lazy<PolicySnapshot> Seeds = new(() => PolicyFileReader.Read(Repository.Seeds, Repository.Content).ToSnapshot());

    [Fact]
    public void From_the_report_of_2025_09_18_every_limit_is_stated_unconfirmed_and_from_yantai_2025()
    {
        var plan = WalletPlanner.Plan(Seeds.Value, new WalletCase("shanghai", "henan", new(2025, 9, 18), new(21, 0), 4000.01m, null));

        Assert.All(plan.Rules, r =>
        {
            Assert.Equal(WalletRuleState.Stated, r.State);
            Assert.True(r.Unconfirmed);
            Assert.Equal("yantai-2025", Assert.Single(r.SourceIds));
        });
        Assert.Equal([2000m, 2000m, 0.01m], plan.Transfers.Select(t => t.Amount));
        Assert.Equal(new TimeOnly(22, 0), plan.Transfers[0].Slot!.Until);
        Assert.Equal(new TimeOnly(6, 0), plan.Transfers[0].Slot!.ReturnsAt);
    }

    [Fact]
    public void The_day_before_the_report_no_limit_is_in_the_data_and_there_is_no_plan()
    {
        var plan = WalletPlanner.Plan(Seeds.Value, new WalletCase("shanghai", "henan", new(2025, 9, 17), new(10, 0), 4000, null));

        Assert.Equal(WalletPlanOutcome.NoTransferLimit, plan.Outcome);
        Assert.All(plan.Rules, r => Assert.Equal(WalletRuleState.NotStated, r.State));
    }
}
