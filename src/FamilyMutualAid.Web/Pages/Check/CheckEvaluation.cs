using System.Collections.Frozen;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Policy;

namespace FamilyMutualAid.Web.Pages.Check;

/// <summary>
/// Which questions the pages ask in a region on a date: a status or balance question is left out where the region's
/// rules make its answer change nothing (<see cref="QuestionRelevance"/>, e.g. no status requirement, no status question).
/// </summary>
public sealed class CheckRelevance
{
    // The questions a region's rules can make idle, with the case field each answers; every other question is asked.
    private static readonly Dictionary<string, CaseField> Skippable = new(StringComparer.Ordinal)
    {
        [CheckQuestions.SharerStatus] = CaseField.SharerStatus,
        [CheckQuestions.MemberStatus] = CaseField.MemberStatus,
        [CheckQuestions.Balance] = CaseField.SharerBalance,
    };

    // Only the questions the check may leave out are probed (a few engine runs instead of one per value of every field).
    private static readonly FrozenSet<CaseField> SkippableFields = Skippable.Values.ToFrozenSet();

    private readonly QuestionRelevance _rules;

    private CheckRelevance(QuestionRelevance rules) => _rules = rules;

    public static CheckRelevance All { get; } = new(QuestionRelevance.All);

    public static CheckRelevance For(PolicySnapshot snapshot, string? regionSlug, DateOnly date) =>
        QuestionRelevance.For(snapshot, regionSlug, date, SkippableFields) is var rules && ReferenceEquals(rules, QuestionRelevance.All) ? All : new(rules);

    public bool Asks(CheckQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return !Skippable.TryGetValue(question.Field, out var field) || _rules.Matters(field);
    }

    /// <summary>Whether the optional amount beside 有余额 can change the answer (it can only where a reserve applies).</summary>
    public bool AsksAmount => _rules.AmountMatters;
}

/// <summary>An answer the resident does not know (<see cref="FieldEffect"/>) in words: its question, why it is not known, and each value it could take.</summary>
public sealed record AnswerEffect(CheckQuestion Question, string Why, FieldEffect Effect, IReadOnlyList<string> Labels)
{
    public bool Matters => Effect.Matters;

    /// <summary>Each value the answer could take, worded for the result, with the verdict it gives.</summary>
    public IReadOnlyList<(string Label, EligibilityResult Result)> Outcomes { get; } = [.. Labels.Zip(Effect.Outcomes, (label, o) => (label, o.Result))];
}

/// <summary>
/// The answers evaluated (<see cref="CaseExpansion"/>): the case (with every unknown answer at its first value), the
/// engine's result for it with the verdict over every value the unknown answers could take, and each unknown answer's
/// effect in words.
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
        return Effects.FirstOrDefault(e => CaseFields.ChecksOf(e.Effect.Field).Contains(check.Id));
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
        var reserve = CaseFields.ReserveOn(snapshot, sharerPlace.RegionSlug, date);
        var unknowns = new List<UnknownField>();
        var known = new EligibilityCase(
            sharerPlace.RegionSlug,
            date,
            new Sharer(
                Known(answers, CheckQuestions.SharerInsurance, InsuranceType.Employee, unknowns, UnknownField.SharerInsurance(InsuranceType.Employee, InsuranceType.Resident)),
                Known(answers, CheckQuestions.SharerStatus, InsuranceStatus.Normal, unknowns, UnknownField.SharerStatus(InsuranceStatus.Normal, InsuranceStatus.Suspended)),
                BalanceOf(answers, reserve, unknowns)),
            new Member(
                Known(answers, CheckQuestions.Relationship, Relationship.Spouse, unknowns, null),
                Known(answers, CheckQuestions.MemberInsurance, InsuranceType.Resident, unknowns, UnknownField.MemberInsurance(InsuranceType.Resident, InsuranceType.Employee, InsuranceType.None)),
                Known(answers, CheckQuestions.MemberStatus, InsuranceStatus.Normal, unknowns, UnknownField.MemberStatus(InsuranceStatus.Normal, InsuranceStatus.Suspended)),
                location ?? MemberLocation.SameRegion)
            {
                RegionSlug = memberPlace?.RegionSlug,
            },
            Known(answers, CheckQuestions.Purpose, Purpose.Hospital, unknowns, null));
        if (location is null)
        {
            unknowns.Add(UnknownField.Location([.. InsuredPlaces.PossibleLocations(sharerPlace, memberPlace)]));
        }

        var expansion = CaseExpansion.Evaluate(snapshot, known, unknowns);
        return new CheckEvaluation
        {
            Case = expansion.Case,
            Result = expansion.Result,
            Effects = [.. expansion.Effects.Select(e => Worded(e, reserve, memberPlace))],
            LocationInferred = location is not null && memberPlace is not null,
            SharerPlace = sharerPlace,
            MemberPlace = memberPlace,
        };
    }

    /// <summary>The answer as an engine value; a question not asked here takes <paramref name="skipped"/> (it changes nothing).</summary>
    private static TEnum Known<TEnum>(CheckAnswers answers, string field, TEnum skipped, List<UnknownField> unknowns, UnknownField? possible)
        where TEnum : struct, Enum
    {
        var value = answers[field];
        if (value == CheckAnswers.Unknown)
        {
            // Only the questions with a possible set offer 不清楚.
            unknowns.Add(possible ?? throw new InvalidOperationException($"{field} does not offer 不清楚"));
            return skipped;
        }
        return value is not null && Content.Codes.TryParse<TEnum>(value, out var parsed) ? parsed : skipped;
    }

    /// <summary>The balance for the engine; with 有余额 and no amount, or 不清楚, the ranges the region's rules tell apart.</summary>
    private static decimal BalanceOf(CheckAnswers answers, decimal? reserve, List<UnknownField> unknowns)
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
        var possible = CaseFields.BalanceRanges(reserve, mayBeZero: answer == CheckAnswers.Unknown);
        if (possible.Length > 1)
        {
            unknowns.Add(UnknownField.SharerBalance([.. possible]));
        }
        return Money.MaxYuan;
    }

    private static AnswerEffect Worded(FieldEffect effect, decimal? reserve, InsuredPlace? memberPlace)
    {
        var question = CheckQuestions.Find(QuestionOf(effect.Field))!;
        var why = effect.Field == CaseField.Location && memberPlace is not null
            ? $"您和家人都在{memberPlace.Name}参保，但不知道是不是同一个城市"
            : $"“{question.ShortLabel}”您选了“{CheckAnswers.UnknownLabel}”";
        return new(question, why, effect, [.. effect.Unknown.Values.Select(v => Label(v, reserve))]);
    }

    private static string QuestionOf(CaseField field) => field switch
    {
        CaseField.SharerInsurance => CheckQuestions.SharerInsurance,
        CaseField.SharerStatus => CheckQuestions.SharerStatus,
        CaseField.SharerBalance => CheckQuestions.Balance,
        CaseField.Relationship => CheckQuestions.Relationship,
        CaseField.MemberInsurance => CheckQuestions.MemberInsurance,
        CaseField.MemberStatus => CheckQuestions.MemberStatus,
        CaseField.Location => CheckQuestions.MemberPlace,
        _ => CheckQuestions.Purpose,
    };

    /// <summary>One value an unknown answer could take, as the result words it (如果…).</summary>
    private static string Label(Enum value, decimal? reserve) => value switch
    {
        InsuranceType.None => EverydayWords.For("insurance", "none"),
        InsuranceType insurance => "参加的是" + EverydayWords.For("insurance", VocabularyCodes.Of(insurance)),
        InsuranceStatus.Normal => "正常参保",
        InsuranceStatus.Suspended => EverydayWords.For("status", VocabularyCodes.Of(InsuranceStatus.Suspended)),
        BalanceRange.AboveReserve => $"余额超过须保留的 {Plain(reserve!.Value)}",
        BalanceRange.UpToReserve => $"余额不超过 {Plain(reserve!.Value)}",
        BalanceRange.Positive => "账户里有余额",
        BalanceRange.Zero => "账户里没有余额",
        MemberLocation.SameRegion => "家人和您在同一个城市参保",
        MemberLocation.SameProvince => "家人在同一个省的其他城市参保",
        MemberLocation.OtherProvince => "家人在外省参保",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "the check does not offer 不清楚 for it"),
    };

    private static string Plain(decimal yuan) => yuan.ToString("#,0.##", System.Globalization.CultureInfo.GetCultureInfo("zh-CN")) + " 元";
}
