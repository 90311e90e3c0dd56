using FamilyMutualAid.Rules;

namespace FamilyMutualAid.Web.Pages.Check;

/// <summary>
/// Which questions change the answer in a region on a date: a question is skipped when the engine's checks it feeds come
/// out the same whatever the answer (e.g. a region that sets no status requirement is not asked about status).
/// </summary>
public sealed class CheckRelevance
{
    private readonly HashSet<string> _skipped = new(StringComparer.Ordinal);

    public static CheckRelevance All { get; } = new();

    public static CheckRelevance For(PolicySnapshot snapshot, string? regionSlug, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (regionSlug is null || snapshot.FindRegion(regionSlug) is null)
        {
            return All;
        }
        var baseline = new EligibilityCase(regionSlug, date, new Sharer(InsuranceType.Employee, InsuranceStatus.Normal, Money.MaxYuan),
            new Member(Relationship.Spouse, InsuranceType.Resident, InsuranceStatus.Normal, MemberLocation.SameRegion), Purpose.Hospital);
        var relevance = new CheckRelevance();
        relevance.SkipUnlessItMatters(snapshot, CheckQuestions.SharerStatus, [CheckIds.SharerStatus],
            [baseline, baseline with { Sharer = baseline.Sharer with { Status = InsuranceStatus.Suspended } }]);
        relevance.SkipUnlessItMatters(snapshot, CheckQuestions.MemberStatus, [CheckIds.MemberStatus],
            [baseline, baseline with { Member = baseline.Member with { Status = InsuranceStatus.Suspended } }]);
        relevance.SkipUnlessItMatters(snapshot, CheckQuestions.Balance, [CheckIds.SharerBalance, CheckIds.SharerReserve],
            [baseline, baseline with { Sharer = baseline.Sharer with { Balance = 0 } }, baseline with { Sharer = baseline.Sharer with { Balance = 0.01m } }]);
        // The amount only matters against a reserve: without one, 有余额 says all the rules ask.
        relevance.SkipUnlessItMatters(snapshot, CheckQuestions.Amount, [CheckIds.SharerReserve],
            [baseline, baseline with { Sharer = baseline.Sharer with { Balance = 0.01m } }]);
        return relevance;
    }

    public bool Asks(CheckQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return !_skipped.Contains(question.Field);
    }

    /// <summary>Whether the optional amount beside 有余额 can change the answer (it can only where a reserve applies).</summary>
    public bool AsksAmount => !_skipped.Contains(CheckQuestions.Balance) && !_skipped.Contains(CheckQuestions.Amount);

    private void SkipUnlessItMatters(PolicySnapshot snapshot, string field, string[] checkIds, EligibilityCase[] cases)
    {
        var outcomes = cases
            .Select(c => string.Join(";", EligibilityEngine.Evaluate(snapshot, c).Checks
                .Where(k => checkIds.Contains(k.Id))
                .Select(k => $"{k.Id}:{k.Outcome}:{k.Reason}:{k.Certainty}")))
            .Distinct(StringComparer.Ordinal)
            .Count();
        if (outcomes == 1)
        {
            _skipped.Add(field);
        }
    }
}

/// <summary>One value an answer the resident does not know could have, worded for the result.</summary>
public sealed record Possibility(string Label, Func<EligibilityCase, EligibilityCase> Apply);

/// <summary>An answer given as 不清楚 (or one the check could not infer), with what it could be and the checks it feeds.</summary>
public sealed record UnknownAnswer(CheckQuestion Question, IReadOnlyList<Possibility> Possibilities, IReadOnlyList<string> CheckIds)
{
    /// <summary>Why it is not known, as the result says it: the resident chose 不清楚, or the two places do not tell.</summary>
    public string Why { get; init; } = $"“{Question.ShortLabel}”您选了“不清楚”";
}

/// <summary>What the verdict would be for each value of one unknown answer, the others taken at their first value.</summary>
public sealed record AnswerEffect(UnknownAnswer Answer, IReadOnlyList<(Possibility Possibility, EligibilityResult Result)> Outcomes)
{
    public bool Matters { get; } = Outcomes.Select(o => o.Result.Verdict).Distinct().Count() > 1;
}

/// <summary>
/// The answers evaluated: the case (with every unknown answer at its first value), the engine's result for it, and, when
/// some answers are unknown, the verdict over every value they could take: the same verdict if all agree, otherwise
/// needs-check, with the effect of each unknown answer.
/// </summary>
public sealed class CheckEvaluation
{
    public required EligibilityCase Case { get; init; }

    /// <summary>The engine's trace for <see cref="Case"/>, with the verdict and certainty over every possible answer.</summary>
    public required EligibilityResult Result { get; init; }

    public required IReadOnlyList<AnswerEffect> Effects { get; init; }

    /// <summary>The verdict depends on an answer the resident does not know.</summary>
    public bool DependsOnAnswers => Effects.Any(e => e.Matters);

    /// <summary>Where the member is insured seen from the sharer was inferred from the two places.</summary>
    public required bool LocationInferred { get; init; }

    public required InsuredPlace SharerPlace { get; init; }

    public required InsuredPlace? MemberPlace { get; init; }

    /// <summary>The unknown answer that feeds a check, if any (its reason is then the answer's effect).</summary>
    public AnswerEffect? EffectOn(EligibilityCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return Effects.FirstOrDefault(e => e.Answer.CheckIds.Contains(check.Id));
    }

    /// <summary>Evaluates complete answers; null while a question asked in the region is unanswered.</summary>
    public static CheckEvaluation? Evaluate(CheckAnswers answers, CheckPlaces places, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(places);
        var snapshot = places.Snapshot;
        if (answers.SharerPlace(places) is not { } sharerPlace)
        {
            return null;
        }
        var date = answers.AsOf ?? today;
        var relevance = places.Relevance(sharerPlace.RegionSlug, date, today);
        if (answers.FirstUnanswered(relevance) is not null)
        {
            return null;
        }
        var memberPlace = answers.MemberPlace(places);
        var location = memberPlace is null ? null : InsuredPlaces.LocationOf(sharerPlace, memberPlace);
        var unknowns = new List<UnknownAnswer>();
        var c = new EligibilityCase(
            sharerPlace.RegionSlug,
            date,
            new Sharer(
                Known(answers, CheckQuestions.SharerInsurance, InsuranceType.Employee, unknowns, InsuranceChoices((s, v) => s with { Sharer = s.Sharer with { Insurance = v } }, false), CheckIds.SharerInsurance),
                Known(answers, CheckQuestions.SharerStatus, InsuranceStatus.Normal, unknowns, StatusChoices((s, v) => s with { Sharer = s.Sharer with { Status = v } }), CheckIds.SharerStatus),
                BalanceOf(answers, snapshot, sharerPlace.RegionSlug, date, unknowns)),
            new Member(
                Known(answers, CheckQuestions.Relationship, Relationship.Spouse, unknowns, [], CheckIds.Relationship),
                Known(answers, CheckQuestions.MemberInsurance, InsuranceType.Resident, unknowns, InsuranceChoices((s, v) => s with { Member = s.Member with { Insurance = v } }, true), CheckIds.MemberInsurance),
                Known(answers, CheckQuestions.MemberStatus, InsuranceStatus.Normal, unknowns, StatusChoices((s, v) => s with { Member = s.Member with { Status = v } }), CheckIds.MemberStatus),
                location ?? MemberLocation.SameRegion),
            Known(answers, CheckQuestions.Purpose, Purpose.Hospital, unknowns, [], CheckIds.PurposeAllowed));
        if (location is null)
        {
            unknowns.Add(new(CheckQuestions.Find(CheckQuestions.MemberPlace)!, LocationChoices(memberPlace is null), [CheckIds.Location])
            {
                Why = memberPlace is null ? $"“{CheckQuestions.Find(CheckQuestions.MemberPlace)!.ShortLabel}”您选了“不清楚”" : $"您和家人都在{memberPlace.Name}参保，但不知道是不是同一个城市",
            });
        }

        // Every unknown answer at its first value is the case shown; each other combination is evaluated for the verdict.
        var shown = unknowns.Aggregate(c, (s, u) => u.Possibilities[0].Apply(s));
        var results = Combinations(shown, unknowns).Select(k => EligibilityEngine.Evaluate(snapshot, k)).ToList();
        // The first combination is the case shown (every unknown answer at its first value): its result is the trace.
        var trace = results[0];
        var verdicts = results.Select(r => r.Verdict).Distinct().ToList();
        var effects = unknowns.Select(u => new AnswerEffect(u, [.. u.Possibilities.Select(p => (p, EligibilityEngine.Evaluate(snapshot, p.Apply(shown))))])).ToList();
        return new CheckEvaluation
        {
            Case = shown,
            Result = trace with { Verdict = verdicts.Count == 1 ? verdicts[0] : Verdict.NeedsCheck, Certainty = results.Max(r => r.Certainty) },
            Effects = effects,
            LocationInferred = location is not null && memberPlace is not null,
            SharerPlace = sharerPlace,
            MemberPlace = memberPlace,
        };
    }

    private static IEnumerable<EligibilityCase> Combinations(EligibilityCase c, List<UnknownAnswer> unknowns)
    {
        IEnumerable<EligibilityCase> cases = [c];
        foreach (var unknown in unknowns)
        {
            cases = cases.SelectMany(k => unknown.Possibilities.Select(p => p.Apply(k))).ToList();
        }
        return cases;
    }

    /// <summary>The answer as an engine value; a question not asked here takes <paramref name="skipped"/> (it changes nothing).</summary>
    private static TEnum Known<TEnum>(CheckAnswers answers, string field, TEnum skipped, List<UnknownAnswer> unknowns, IReadOnlyList<Possibility> possibilities, string checkId)
        where TEnum : struct, Enum
    {
        var value = answers[field];
        if (value == CheckAnswers.Unknown)
        {
            unknowns.Add(new(CheckQuestions.Find(field)!, possibilities, [checkId]));
            return skipped;
        }
        return value is not null && Content.Codes.TryParse<TEnum>(value, out var parsed) ? parsed : skipped;
    }

    private static Possibility[] InsuranceChoices(Func<EligibilityCase, InsuranceType, EligibilityCase> set, bool member) =>
        member
            ? [new("参加的是城乡居民医保", c => set(c, InsuranceType.Resident)), new("参加的是职工医保", c => set(c, InsuranceType.Employee)), new("没有参加医保", c => set(c, InsuranceType.None))]
            : [new("参加的是职工医保", c => set(c, InsuranceType.Employee)), new("参加的是城乡居民医保", c => set(c, InsuranceType.Resident))];

    private static Possibility[] StatusChoices(Func<EligibilityCase, InsuranceStatus, EligibilityCase> set) =>
        [new("正常参保", c => set(c, InsuranceStatus.Normal)), new("暂停或断缴了", c => set(c, InsuranceStatus.Suspended))];

    private static Possibility[] LocationChoices(bool anywhere)
    {
        static EligibilityCase At(EligibilityCase c, MemberLocation location) => c with { Member = c.Member with { Location = location } };
        Possibility[] nearby =
        [
            new("家人和您在同一个城市参保", c => At(c, MemberLocation.SameRegion)),
            new("家人在同一个省的其他城市参保", c => At(c, MemberLocation.SameProvince)),
        ];
        return anywhere ? [.. nearby, new("家人在外省参保", c => At(c, MemberLocation.OtherProvince))] : nearby;
    }

    /// <summary>The balance for the engine; with 有余额 and no amount, or 不清楚, the values on both sides of the region's reserve.</summary>
    private static decimal BalanceOf(CheckAnswers answers, PolicySnapshot snapshot, string regionSlug, DateOnly date, List<UnknownAnswer> unknowns)
    {
        var answer = answers[CheckQuestions.Balance];
        if (answer == "some" && answers.Amount is { } amount)
        {
            return amount;
        }
        if (answer is not ("some" or CheckAnswers.Unknown))
        {
            return answer == "none" ? 0 : Money.MaxYuan;
        }
        static EligibilityCase With(EligibilityCase c, decimal balance) => c with { Sharer = c.Sharer with { Balance = balance } };
        var reserve = snapshot.Resolve(regionSlug, EligibilityEngine.Keys.ReserveAmount, date)?.Value.Value is NumberValue { Number: > 0 } number ? number.Number : (decimal?)null;
        var some = reserve is { } r && r + 0.01m <= Money.MaxYuan
            ? new Possibility[] { new($"余额超过须保留的 {Plain(r)}", c => With(c, r + 0.01m)), new($"余额不超过 {Plain(r)}", c => With(c, r)) }
            : [new("账户里有余额", c => With(c, Money.MaxYuan))];
        Possibility[] possible = answer == "some" ? some : [.. some, new("账户里没有余额", c => With(c, 0))];
        if (possible.Length == 1)
        {
            return Money.MaxYuan;
        }
        unknowns.Add(new(CheckQuestions.Find(CheckQuestions.Balance)!, possible, [CheckIds.SharerBalance, CheckIds.SharerReserve]));
        return Money.MaxYuan;
    }

    private static string Plain(decimal yuan) => yuan.ToString("#,0.##", System.Globalization.CultureInfo.GetCultureInfo("zh-CN")) + " 元";
}
