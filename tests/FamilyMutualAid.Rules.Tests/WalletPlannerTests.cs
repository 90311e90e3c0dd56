using System.Collections.Immutable;
using static FamilyMutualAid.Rules.WalletPlanner;

namespace FamilyMutualAid.Rules.Tests;

/// <summary>
/// Snapshots with the wallet limits on the test regions national → alpha (province) → beta (city), plus a second
/// province gamma: by default the reported values of 2025-09-18 (3 a day, 2000 each, closed 22:00 to 06:00, unreceived
/// money back at 06:00), unconfirmed as the data has them; alpha and gamma opened the wallet in full on 2025-06-30.
/// </summary>
internal static class WalletPolicy
{
    public static readonly DateOnly Reported = new(2025, 9, 18);
    public static readonly DateOnly Opened = new(2025, 6, 30);
    public static readonly Region Gamma = new("gamma", "丙省", RegionLevel.Province, "national");

    public static ImmutableArray<ParameterDefinition> Definitions { get; } =
    [
        new(Keys.MaxAmount, "医保钱包单笔转账上限", ParameterType.Number, null, "元"),
        new(Keys.DailyCount, "医保钱包每天最多转账次数", ParameterType.Number, null, null),
        new(Keys.Hours, "医保钱包可转账的时间", ParameterType.Text, null, null),
        new(Keys.ClosedFrom, "停止转账的时刻", ParameterType.Text, null, null),
        new(Keys.ClosedUntil, "恢复转账的时刻", ParameterType.Text, null, null),
        new(Keys.ReturnTime, "没有领取的转账次日几点退回", ParameterType.Text, null, null),
        new(WalletAvailability.WholeAreaKey, "全省开通", ParameterType.Flag, null, null),
        new(WalletAvailability.SomeAreasKey, "部分开通", ParameterType.Flag, null, null),
    ];

    public static PolicyParameter Rule(string key, PolicyValue value, DateOnly? from = null, bool unconfirmed = true) =>
        new("national", key, [new(from ?? Reported, null, value, ["src-a"], null, unconfirmed) { Reported = true }], null);

    public static PolicySnapshot Snapshot(
        decimal? max = 2000, decimal? perDay = 3, string? closedFrom = "22:00", string? closedUntil = "06:00", string? returnAt = "06:00",
        IEnumerable<PolicyParameter>? extra = null)
    {
        var parameters = new List<PolicyParameter>
        {
            Rule(Keys.Hours, new TextValue("每天22:00到次日6:00不能转账；对方没有领取的钱，在次日6:00退回。")),
            new("alpha", WalletAvailability.WholeAreaKey, [new(Opened, null, new FlagValue(true), ["src-a"], null, false) { Reported = true }], null),
            new("gamma", WalletAvailability.WholeAreaKey, [new(Opened, null, new FlagValue(true), ["src-a"], null, false) { Reported = true }], null),
        };
        if (max is { } m)
        {
            parameters.Add(Rule(Keys.MaxAmount, new NumberValue(m)));
        }
        if (perDay is { } d)
        {
            parameters.Add(Rule(Keys.DailyCount, new NumberValue(d)));
        }
        foreach (var (key, text) in new[] { (Keys.ClosedFrom, closedFrom), (Keys.ClosedUntil, closedUntil), (Keys.ReturnTime, returnAt) })
        {
            if (text is not null)
            {
                parameters.Add(Rule(key, new TextValue(text)));
            }
        }
        parameters.AddRange(extra ?? []);
        return new([TestPolicy.National, TestPolicy.Alpha, TestPolicy.Beta, Gamma], [TestPolicy.SourceA], Definitions, parameters, [], [], Vocabulary.Empty);
    }

    public static WalletCase Case(decimal amount, DateOnly? date = null, TimeOnly? time = null, decimal? balance = null) =>
        new("beta", "gamma", date ?? new(2026, 12, 1), time ?? new(10, 0), amount, balance);
}

public sealed class WalletPlannerTests
{
    private static readonly DateOnly Day1 = new(2026, 12, 1);

    private static WalletPlan Plan(WalletCase c, PolicySnapshot? snapshot = null) => WalletPlanner.Plan(snapshot ?? WalletPolicy.Snapshot(), c);

    [Fact]
    public void Seven_thousand_yuan_at_ten_in_the_morning_is_three_transfers_of_2000_and_one_of_1000_over_two_days()
    {
        var plan = Plan(WalletPolicy.Case(7000));

        Assert.Equal(WalletPlanOutcome.Planned, plan.Outcome);
        Assert.Equal([2000m, 2000m, 2000m, 1000m], plan.Transfers.Select(t => t.Amount));
        Assert.Equal([1, 1, 1, 2], plan.Transfers.Select(t => t.Slot!.Day));
        Assert.Equal(2, plan.DayCount);
        Assert.Equal(7000m, plan.InWallet);
        var second = plan.Transfers[3].Slot!;
        Assert.Equal((Day1.AddDays(1), new TimeOnly(6, 0), (TimeOnly?)new TimeOnly(22, 0)), (second.Date, second.From, second.Until));
        Assert.Equal(new TimeOnly(10, 0), plan.Transfers[0].Slot!.From);
        Assert.Equal((Day1.AddDays(1), (TimeOnly?)new TimeOnly(6, 0)), (plan.Transfers[0].Slot!.ReturnsOn, plan.Transfers[0].Slot!.ReturnsAt));
    }

    [Fact]
    public void A_cent_over_a_transfer_is_a_second_transfer_of_one_fen()
    {
        var plan = Plan(WalletPolicy.Case(2000.01m));

        Assert.Equal([2000m, 0.01m], plan.Transfers.Select(t => t.Amount));
        Assert.Equal(1, plan.DayCount);
    }

    [Theory]
    [InlineData(22, 0, 2)]
    [InlineData(23, 30, 2)]
    [InlineData(3, 0, 1)]
    [InlineData(5, 59, 1)]
    [InlineData(21, 59, 1)]
    public void A_start_in_the_closed_hours_waits_for_six_oclock(int hour, int minute, int firstDay)
    {
        var plan = Plan(WalletPolicy.Case(500, time: new TimeOnly(hour, minute)));

        var slot = plan.Transfers.Single().Slot!;
        Assert.Equal(Day1.AddDays(firstDay - 1), slot.Date);
        Assert.Equal(hour is >= 6 and < 22 ? new TimeOnly(hour, minute) : new TimeOnly(6, 0), slot.From);
        Assert.Equal(1, slot.Day);
        Assert.Equal(1, plan.DayCount);
    }

    [Fact]
    public void The_plan_never_moves_more_than_the_sharers_balance()
    {
        var plan = Plan(WalletPolicy.Case(9000, balance: 4500.5m));

        Assert.Equal(4500.5m, plan.Planned);
        Assert.True(plan.LimitedByBalance);
        Assert.Equal([2000m, 2000m, 500.5m], plan.Transfers.Select(t => t.Amount));
    }

    [Fact]
    public void An_unknown_balance_plans_the_whole_amount_and_says_the_balance_did_not_limit_it()
    {
        var plan = Plan(WalletPolicy.Case(4000, balance: null));

        Assert.Equal(4000m, plan.InWallet);
        Assert.False(plan.LimitedByBalance);
    }

    [Fact]
    public void A_zero_balance_is_nothing_to_transfer()
    {
        var plan = Plan(WalletPolicy.Case(100, balance: 0));

        Assert.Equal(WalletPlanOutcome.NothingToTransfer, plan.Outcome);
        Assert.Empty(plan.Transfers);
        Assert.Null(plan.DayCount);
    }

    [Fact]
    public void Before_the_limits_were_reported_there_is_no_plan_and_every_limit_is_not_stated()
    {
        var plan = Plan(WalletPolicy.Case(3000, date: WalletPolicy.Reported.AddDays(-1)));

        Assert.Equal(WalletPlanOutcome.NoTransferLimit, plan.Outcome);
        Assert.Empty(plan.Transfers);
        Assert.All(plan.Rules, r => Assert.Equal(WalletRuleState.NotStated, r.State));
        Assert.Null(plan.HoursText);
    }

    [Fact]
    public void Each_rule_carries_its_sources_and_the_datas_unconfirmed_and_reported_flags()
    {
        var plan = Plan(WalletPolicy.Case(3000));

        Assert.All(plan.Rules, r =>
        {
            Assert.Equal(WalletRuleState.Stated, r.State);
            Assert.Equal("src-a", Assert.Single(r.SourceIds));
            Assert.True(r.Unconfirmed);
            Assert.True(r.Reported);
        });
        Assert.Equal(2000m, ((NumberValue)plan.MaxAmount.Rule!.Value.Value).Number);
        Assert.True(plan.HoursApplied);
    }

    [Fact]
    public void Without_a_daily_count_the_amounts_are_planned_but_not_the_days()
    {
        var plan = Plan(WalletPolicy.Case(5000), WalletPolicy.Snapshot(perDay: null));

        Assert.Equal(WalletPlanOutcome.Planned, plan.Outcome);
        Assert.Equal([2000m, 2000m, 1000m], plan.Transfers.Select(t => t.Amount));
        Assert.All(plan.Transfers, t => Assert.Null(t.Slot));
        Assert.Null(plan.DayCount);
        Assert.Equal(WalletRuleState.NotStated, plan.DailyCount.State);
    }

    [Fact]
    public void Without_closed_hours_a_late_start_is_still_that_day_and_no_hours_are_assumed()
    {
        var plan = Plan(WalletPolicy.Case(500, time: new TimeOnly(23, 0)), WalletPolicy.Snapshot(closedFrom: null));

        var slot = plan.Transfers.Single().Slot!;
        Assert.Equal((Day1, new TimeOnly(23, 0), (TimeOnly?)null), (slot.Date, slot.From, slot.Until));
        Assert.False(plan.HoursApplied);
        Assert.Equal(WalletRuleState.NotStated, plan.ClosedFrom.State);
    }

    [Fact]
    public void Without_a_return_time_the_slot_does_not_say_when_unreceived_money_goes_back()
    {
        var slot = Plan(WalletPolicy.Case(500), WalletPolicy.Snapshot(returnAt: null)).Transfers.Single().Slot!;

        Assert.Null(slot.ReturnsOn);
        Assert.Null(slot.ReturnsAt);
    }

    [Theory]
    [InlineData("22点", "06:00")]
    [InlineData("06:00", "06:00")]
    public void Closed_hours_the_planner_cannot_read_are_unreadable_and_not_applied(string from, string until)
    {
        var plan = Plan(WalletPolicy.Case(500, time: new TimeOnly(23, 0)), WalletPolicy.Snapshot(closedFrom: from, closedUntil: until));

        Assert.Equal(WalletRuleState.Unreadable, plan.ClosedFrom.State);
        Assert.False(plan.HoursApplied);
        Assert.Equal(new TimeOnly(23, 0), plan.Transfers.Single().Slot!.From);
    }

    [Fact]
    public void Closed_hours_within_the_day_leave_the_evening_open()
    {
        var plan = Plan(WalletPolicy.Case(7000, time: new TimeOnly(2, 0)), WalletPolicy.Snapshot(closedFrom: "01:00", closedUntil: "05:00"));

        var first = plan.Transfers[0].Slot!;
        Assert.Equal((new TimeOnly(5, 0), (TimeOnly?)null), (first.From, first.Until));
        Assert.Equal((new TimeOnly(0, 0), (TimeOnly?)new TimeOnly(1, 0)), (plan.Transfers[3].Slot!.From, plan.Transfers[3].Slot!.Until));
    }

    [Fact]
    public void A_maximum_that_is_not_a_positive_amount_is_no_plan()
    {
        var plan = Plan(WalletPolicy.Case(500), WalletPolicy.Snapshot(max: 0));

        Assert.Equal(WalletPlanOutcome.NoTransferLimit, plan.Outcome);
        Assert.Equal(WalletRuleState.Unreadable, plan.MaxAmount.State);
    }

    [Fact]
    public void A_maximum_so_small_that_the_plan_would_run_to_thousands_of_days_is_refused()
    {
        var plan = Plan(WalletPolicy.Case(Money.MaxYuan), WalletPolicy.Snapshot(max: 0.01m));

        Assert.Equal(WalletPlanOutcome.TooManyTransfers, plan.Outcome);
        Assert.Empty(plan.Transfers);
    }

    [Fact]
    public void A_new_value_during_the_plan_is_reported_with_its_date()
    {
        var raised = new PolicyParameter("national", Keys.MaxAmount,
            [new(WalletPolicy.Reported, null, new NumberValue(2000), ["src-a"], null, true), new(Day1.AddDays(2), null, new NumberValue(5000), ["src-a"], null, false)], null);
        var snapshot = WalletPolicy.Snapshot(max: null, extra: [raised]);

        var longPlan = Plan(WalletPolicy.Case(20000), snapshot);
        var shortPlan = Plan(WalletPolicy.Case(6000), snapshot);

        Assert.Equal(Day1.AddDays(2), longPlan.RulesChangeOn);
        Assert.All(longPlan.Transfers, t => Assert.Equal(2000m, t.Amount));
        Assert.Null(shortPlan.RulesChangeOn);
    }

    [Fact]
    public void Both_provinces_wallet_status_comes_with_the_plan()
    {
        var plan = Plan(WalletPolicy.Case(500));

        Assert.Equal(("alpha", WalletStatus.WholeArea), (plan.SharerSide!.Province.Slug, plan.SharerSide.Status));
        Assert.Equal(("gamma", WalletStatus.WholeArea), (plan.MemberSide!.Province.Slug, plan.MemberSide.Status));
    }

    [Theory]
    [InlineData("06:00", true)]
    [InlineData("23:59", true)]
    [InlineData("24:00", false)]
    [InlineData("6:00", false)]
    [InlineData("", false)]
    public void Times_in_the_data_are_read_as_HH_mm(string text, bool readable) =>
        Assert.Equal(readable, WalletPlanner.TryParseTime(text, out _));
}

/// <summary>What holds for every amount, start and balance: a seeded loop, so a failure names its case and reproduces.</summary>
public sealed class WalletPlannerProperties
{
    private const int Seed = 20261208;

    public static TheoryData<string, string, int> ClosedHours => new()
    {
        { "22:00", "06:00", 3 },
        { "01:00", "05:00", 3 },
        { "12:00", "13:30", 2 },
        { "23:59", "00:01", 1 },
    };

    [Theory]
    [MemberData(nameof(ClosedHours))]
    public void Transfers_respect_every_limit_and_sum_to_the_amount_or_the_balance(string closedFrom, string closedUntil, int perDay)
    {
        var snapshot = WalletPolicy.Snapshot(perDay: perDay, closedFrom: closedFrom, closedUntil: closedUntil);
        var (from, until) = (TimeOnly.Parse(closedFrom, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(closedUntil, System.Globalization.CultureInfo.InvariantCulture));
        bool Closed(TimeOnly t) => from > until ? t >= from || t < until : t >= from && t < until;
        var random = new Random(Seed);
        for (var i = 0; i < 2000; i++)
        {
            var amount = random.Next(4) switch
            {
                0 => random.Next(1, 100) / 100m,
                1 => random.Next(0, 5) * 2000m + random.Next(-1, 2) / 100m,
                2 => random.NextInt64(0, 5_000_000) / 100m,
                _ => random.NextInt64(0, 1_000_000_000) / 100m,
            };
            amount = Math.Max(0, amount);
            decimal? balance = random.Next(3) switch { 0 => null, 1 => random.NextInt64(0, 2_000_000) / 100m, _ => amount + 1 };
            var start = new TimeOnly(random.Next(24), random.Next(60));
            var c = new WalletCase("beta", "gamma", new DateOnly(2025, 9, 18).AddDays(random.Next(800)), start, amount, balance);
            var because = $"case {i}: {c}";

            var plan = WalletPlanner.Plan(snapshot, c);

            var expected = Math.Min(amount, balance ?? amount);
            Assert.True(plan.InWallet == expected, because);
            Assert.True(plan.Transfers.Length == (int)Math.Ceiling(expected / 2000m), because);
            Assert.All(plan.Transfers, t => Assert.True(t.Amount is > 0 and <= 2000m && decimal.Round(t.Amount, 2) == t.Amount, because));
            Assert.All(plan.Transfers, t => Assert.False(Closed(t.Slot!.From), because));
            Assert.All(plan.Transfers, t => Assert.True(t.Slot!.Until is null || t.Slot.From < t.Slot.Until, because));
            Assert.All(plan.Days, day => Assert.True(day.Count() <= perDay && day.Select(t => t.Slot!.Date).Distinct().Count() == 1, because));
            Assert.True(plan.Transfers.Select(t => (t.Slot!.Date, t.Slot.From)).SequenceEqual(plan.Transfers.Select(t => (t.Slot!.Date, t.Slot.From)).Order()), because);
            if (plan.Transfers.Length > 0)
            {
                var first = plan.Transfers[0].Slot!;
                Assert.True(first.Date > c.StartDate || (first.Date == c.StartDate && first.From >= start), because);
                Assert.True(plan.DayCount == plan.Transfers[^1].Slot!.Date.DayNumber - first.Date.DayNumber + 1, because);
                // Every day full but the last, and no day without a transfer between the first and the last.
                Assert.True(plan.Days.Count() == (int)Math.Ceiling(plan.Transfers.Length / (decimal)perDay), because);
                Assert.True(plan.DayCount == plan.Days.Count(), because);
            }
        }
    }
}
