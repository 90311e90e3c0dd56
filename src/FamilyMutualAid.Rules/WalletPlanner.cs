using System.Collections.Immutable;
using System.Globalization;

namespace FamilyMutualAid.Rules;

/// <summary>
/// One wallet transfer plan to make: move <see cref="Amount"/> yuan from the sharer's personal account to a near
/// relative's 医保钱包, starting on <see cref="StartDate"/> at <see cref="StartTime"/> (北京时间). The sharer's balance
/// is null when the resident does not know it. Amounts in yuan, whole fen (the API and pages let in only what
/// <see cref="Money"/> accepts).
/// </summary>
public sealed record WalletCase(
    string SharerRegionSlug,
    string MemberRegionSlug,
    DateOnly StartDate,
    TimeOnly StartTime,
    decimal Amount,
    decimal? SharerBalance);

/// <summary>Whether the data gives a limit the planner can apply.</summary>
public enum WalletRuleState
{
    /// <summary>A value is in force on the date and the planner applied it.</summary>
    Stated,

    /// <summary>No value is in force on the date: the data says nothing (资料没有说明), nothing is assumed.</summary>
    NotStated,

    /// <summary>A value is in force but is not what the planner can apply (not a positive amount, count or HH:mm time).</summary>
    Unreadable,
}

/// <summary>One rule a plan rests on: the parameter, the value in force on the start date (if any) and whether it was applied.</summary>
public sealed record WalletRule(string Key, WalletRuleState State, EffectiveValue? Rule)
{
    public ImmutableArray<string> SourceIds => Rule?.Value.SourceIds ?? [];

    /// <summary>The value rests on a weak or single source (the data's own flag).</summary>
    public bool Unconfirmed => Rule is { Value.Unconfirmed: true };

    /// <summary>The value's date is only the date a source reported it (it may have begun earlier).</summary>
    public bool Reported => Rule is { Value.Reported: true };
}

/// <summary>
/// When one transfer can be made: on plan day <see cref="Day"/> (1 is the start date's first open day), on
/// <see cref="Date"/>, from <see cref="From"/> until <see cref="Until"/> (null: to the end of the day, or no closed
/// hours are in the data); money the relative has not received by <see cref="ReturnsOn"/> at <see cref="ReturnsAt"/>
/// goes back to the sharer (null when the data does not say).
/// </summary>
public sealed record WalletSlot(int Day, DateOnly Date, TimeOnly From, TimeOnly? Until, DateOnly? ReturnsOn, TimeOnly? ReturnsAt);

/// <summary>One transfer: its number (from 1), its amount in yuan, and when it can be made (null when the data gives no daily count to plan days by).</summary>
public sealed record WalletTransfer(int Number, decimal Amount, WalletSlot? Slot);

/// <summary>What became of the plan.</summary>
public enum WalletPlanOutcome
{
    /// <summary>Every transfer has an amount (and, when a daily count is in the data, a day and time).</summary>
    Planned,

    /// <summary>Nothing to move: the amount, or the sharer's balance, is zero.</summary>
    NothingToTransfer,

    /// <summary>No per-transfer maximum is in the data on the date: the number of transfers cannot be planned.</summary>
    NoTransferLimit,

    /// <summary>The maximum in the data is so small that the plan would need more than <see cref="WalletPlanner.MaxTransfers"/> transfers.</summary>
    TooManyTransfers,
}

/// <summary>
/// A wallet transfer plan: the transfers with their days and times, how many transfers and days, what the relative
/// then has in the wallet, every rule it rests on, and both provinces' wallet status on the start date.
/// </summary>
/// <param name="Planned">What the plan moves: the amount asked, or the sharer's balance when that is smaller.</param>
/// <param name="DayCount">Calendar days from the first transfer's date to the last one's; null when days cannot be planned.</param>
/// <param name="RulesChangeOn">A date within the plan on which one of its rules has a new value in the data (the plan uses the start date's rules throughout).</param>
public sealed record WalletPlan(
    WalletCase Case,
    WalletPlanOutcome Outcome,
    decimal Planned,
    bool LimitedByBalance,
    ImmutableArray<WalletTransfer> Transfers,
    int? DayCount,
    WalletRule MaxAmount,
    WalletRule DailyCount,
    WalletRule ClosedFrom,
    WalletRule ClosedUntil,
    WalletRule ReturnTime,
    EffectiveValue? HoursText,
    WalletSide? SharerSide,
    WalletSide? MemberSide,
    DateOnly? RulesChangeOn)
{
    /// <summary>What the relative has in the wallet once every transfer is received: the sum of the transfers.</summary>
    public decimal InWallet => Transfers.Sum(t => t.Amount);

    public int TransferCount => Transfers.Length;

    /// <summary>Both closed-hour bounds are in the data and were applied.</summary>
    public bool HoursApplied => ClosedFrom.State == WalletRuleState.Stated && ClosedUntil.State == WalletRuleState.Stated;

    /// <summary>Every rule the plan applied or looked for, in the order a page shows them.</summary>
    public IEnumerable<WalletRule> Rules => [MaxAmount, DailyCount, ClosedFrom, ClosedUntil, ReturnTime];

    /// <summary>The transfers of each day, in order (empty when days cannot be planned).</summary>
    public IEnumerable<IGrouping<int, WalletTransfer>> Days => Transfers.Where(t => t.Slot is not null).GroupBy(t => t.Slot!.Day);
}

/// <summary>
/// Plans transfers to a near relative's 医保钱包 by the limits in the data on the start date: the most per transfer
/// (wallet_transfer_max_amount), the most transfers a day (wallet_transfer_daily_count), the hours in which no
/// transfer can be made (wallet_transfer_closed_from to wallet_transfer_closed_until) and when unreceived money goes
/// back (wallet_transfer_return_time, the next day). Pure: no I/O, no clock.
/// </summary>
/// <remarks>
/// <para>Interpretations, since the one source gives the limits but not their arithmetic:</para>
/// <list type="bullet">
/// <item>Fewest transfers: each is the maximum but the last, which is the rest; never more than the sharer's balance.</item>
/// <item>A day is a calendar day in 北京时间: the count starts again at midnight; a transfer is planned at the first
/// open moment of its day (from the start time on the first day), and all of a day's transfers may follow one another.</item>
/// <item>Closed hours run from closed_from until closed_until, across midnight when closed_from is later.</item>
/// <item>A limit the data does not give is not assumed: no maximum, no plan; no daily count, amounts without days;
/// no closed hours, days without hours.</item>
/// <item>The limits are national and read for the sharer's region (the transfer leaves the sharer's account) on the
/// start date; a new value during the plan is reported in <see cref="WalletPlan.RulesChangeOn"/>, not applied.</item>
/// </list>
/// </remarks>
public static class WalletPlanner
{
    /// <summary>The policy parameters the planner reads.</summary>
    public static class Keys
    {
        public const string MaxAmount = "wallet_transfer_max_amount";
        public const string DailyCount = "wallet_transfer_daily_count";
        public const string Hours = "wallet_transfer_hours";
        public const string ClosedFrom = "wallet_transfer_closed_from";
        public const string ClosedUntil = "wallet_transfer_closed_until";
        public const string ReturnTime = "wallet_transfer_return_time";
    }

    /// <summary>The most transfers a plan lists: 5,000 move <see cref="Money.MaxYuan"/> at 2,000 each; more means a slip in the data.</summary>
    public const int MaxTransfers = 10_000;

    private static readonly string[] PlannedKeys = [Keys.MaxAmount, Keys.DailyCount, Keys.ClosedFrom, Keys.ClosedUntil, Keys.ReturnTime];

    public static WalletPlan Plan(PolicySnapshot snapshot, WalletCase c)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(c);
        var (region, date) = (c.SharerRegionSlug, c.StartDate);
        var amount = Math.Max(0, c.Amount);
        var planned = c.SharerBalance is { } balance ? Math.Min(amount, Math.Max(0, balance)) : amount;

        var (maxRule, max) = Amount(snapshot.Resolve(region, Keys.MaxAmount, date), Keys.MaxAmount);
        var (countRule, count) = Count(snapshot.Resolve(region, Keys.DailyCount, date));
        var (fromRule, closedFrom) = Time(snapshot.Resolve(region, Keys.ClosedFrom, date), Keys.ClosedFrom);
        var (untilRule, closedUntil) = Time(snapshot.Resolve(region, Keys.ClosedUntil, date), Keys.ClosedUntil);
        var (returnRule, returnAt) = Time(snapshot.Resolve(region, Keys.ReturnTime, date), Keys.ReturnTime);
        // Closed hours need both ends; equal ends say nothing about which part of the day is closed.
        var closed = closedFrom is { } f && closedUntil is { } u && f != u ? (From: f, Until: u) : ((TimeOnly From, TimeOnly Until)?)null;
        if (closedFrom is not null && closedUntil is not null && closed is null)
        {
            (fromRule, untilRule) = (fromRule with { State = WalletRuleState.Unreadable }, untilRule with { State = WalletRuleState.Unreadable });
        }

        var outcome = planned == 0 ? WalletPlanOutcome.NothingToTransfer
            : max is not { } most ? WalletPlanOutcome.NoTransferLimit
            : Math.Ceiling(planned / most) > MaxTransfers ? WalletPlanOutcome.TooManyTransfers
            : WalletPlanOutcome.Planned;
        var transfers = outcome == WalletPlanOutcome.Planned
            ? Schedule(Amounts(planned, max!.Value), count, c.StartDate, c.StartTime, closed, returnAt)
            : [];
        int? days = transfers.Length > 0 && transfers[^1].Slot is { } last ? last.Date.DayNumber - transfers[0].Slot!.Date.DayNumber + 1 : null;
        var lastDate = transfers.Length > 0 && transfers[^1].Slot is { } end ? end.Date : c.StartDate;

        return new(
            c,
            outcome,
            planned,
            planned < amount,
            transfers,
            days,
            maxRule,
            countRule,
            fromRule,
            untilRule,
            returnRule,
            snapshot.Resolve(region, Keys.Hours, date),
            WalletAvailability.On(snapshot, c.SharerRegionSlug, date),
            WalletAvailability.On(snapshot, c.MemberRegionSlug, date),
            FirstChange(snapshot, region, c.StartDate, lastDate));
    }

    /// <summary>Fewest transfers: the maximum each, the rest last; exact in fen.</summary>
    private static List<decimal> Amounts(decimal planned, decimal max)
    {
        var amounts = new List<decimal>((int)Math.Ceiling(planned / max));
        for (var left = planned; left > 0; left -= Math.Min(left, max))
        {
            amounts.Add(Math.Min(left, max));
        }
        return amounts;
    }

    private static ImmutableArray<WalletTransfer> Schedule(List<decimal> amounts, int? perDay, DateOnly startDate, TimeOnly startTime, (TimeOnly From, TimeOnly Until)? closed, TimeOnly? returnAt)
    {
        var transfers = ImmutableArray.CreateBuilder<WalletTransfer>(amounts.Count);
        if (perDay is not { } limit)
        {
            transfers.AddRange(amounts.Select((a, i) => new WalletTransfer(i + 1, a, null)));
            return transfers.MoveToImmutable();
        }
        var (date, earliest, day, index) = (startDate, startTime, 0, 0);
        while (index < amounts.Count)
        {
            if (OpenAt(earliest, closed) is { } open)
            {
                day++;
                var slot = new WalletSlot(day, date, open.From, open.Until, returnAt is null ? null : date.AddDays(1), returnAt);
                for (var k = 0; k < limit && index < amounts.Count; k++, index++)
                {
                    transfers.Add(new WalletTransfer(index + 1, amounts[index], slot));
                }
            }
            (date, earliest) = (date.AddDays(1), TimeOnly.MinValue);
        }
        return transfers.MoveToImmutable();
    }

    /// <summary>The first open moment of the day at or after <paramref name="earliest"/> and the end of its open stretch (null: the day's end), or null when the rest of the day is closed.</summary>
    private static (TimeOnly From, TimeOnly? Until)? OpenAt(TimeOnly earliest, (TimeOnly From, TimeOnly Until)? closed)
    {
        if (closed is not { } hours)
        {
            return (earliest, null);
        }
        if (hours.From > hours.Until)
        {
            // Closed across midnight, e.g. 22:00 until 06:00: open from Until to From.
            return earliest >= hours.From ? null : (earliest < hours.Until ? hours.Until : earliest, hours.From);
        }
        // Closed within the day, e.g. 01:00 until 05:00.
        return earliest < hours.From ? (earliest, hours.From) : (earliest < hours.Until ? hours.Until : earliest, null);
    }

    /// <summary>The first date after the start, up to the plan's last day, on which one of the plan's rules has a new value.</summary>
    private static DateOnly? FirstChange(PolicySnapshot snapshot, string region, DateOnly start, DateOnly last)
    {
        DateOnly? first = null;
        foreach (var key in PlannedKeys)
        {
            if (snapshot.FirstStatedAfter(region, key, null, start) is { } change && change <= last && (first is null || change < first))
            {
                first = change;
            }
        }
        return first;
    }

    private static (WalletRule, decimal?) Amount(EffectiveValue? rule, string key) => rule switch
    {
        null => (new(key, WalletRuleState.NotStated, null), null),
        { Value.Value: NumberValue { Number: > 0 } n } when decimal.Round(n.Number, 2) == n.Number => (new(key, WalletRuleState.Stated, rule), n.Number),
        _ => (new(key, WalletRuleState.Unreadable, rule), null),
    };

    private static (WalletRule, int?) Count(EffectiveValue? rule) => rule switch
    {
        null => (new(Keys.DailyCount, WalletRuleState.NotStated, null), null),
        { Value.Value: NumberValue { Number: >= 1 and <= 1000 } n } when decimal.Truncate(n.Number) == n.Number => (new(Keys.DailyCount, WalletRuleState.Stated, rule), (int)n.Number),
        _ => (new(Keys.DailyCount, WalletRuleState.Unreadable, rule), null),
    };

    private static (WalletRule, TimeOnly?) Time(EffectiveValue? rule, string key) => rule switch
    {
        null => (new(key, WalletRuleState.NotStated, null), null),
        { Value.Value: TextValue t } when TryParseTime(t.Text, out var time) => (new(key, WalletRuleState.Stated, rule), time),
        _ => (new(key, WalletRuleState.Unreadable, rule), null),
    };

    /// <summary>Reads a time of day written HH:mm (00:00 to 23:59), as the wallet hours are kept in the data.</summary>
    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
