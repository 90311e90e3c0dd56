using System.Globalization;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Policy;

namespace FamilyMutualAid.Web.Pages.Check;

/// <summary>The two pages of questions: about the two people, then about the money and their insurance.</summary>
public enum CheckStep
{
    People,
    Details,
}

/// <summary>How one question is answered.</summary>
public enum AnswerKind
{
    Place,
    Choice,
    Balance,
}

/// <summary>Whom an answer is about, as the check-your-answers list groups them.</summary>
public enum CheckPerson
{
    Sharer,
    Member,
}

/// <summary>One choice offered for a question.</summary>
public sealed record CheckOption(string Value, string Label);

/// <summary>
/// One question of the check: the query-string field it fills, the page it is on, its wording and its choices in
/// everyday words. Wording only: the answers are judged by the rules engine from the data.
/// </summary>
public sealed record CheckQuestion(string Field, CheckStep Step, AnswerKind Kind, string Question, string? Hint, string ShortLabel)
{
    /// <summary>For a choice: the codes offered, in order, with their everyday wording (<see cref="CheckAnswers.Unknown"/> last where offered).</summary>
    public IReadOnlyList<CheckOption> Choices { get; init; } = [];

    /// <summary>The vocabulary the codes belong to (not <see cref="CheckAnswers.Unknown"/>), checked against the data; none for a combined question, whose choices stand for answers that are.</summary>
    public string? Vocabulary { get; init; }

    /// <summary>Whether a code is one the engine understands.</summary>
    public Func<string, bool> IsEngineCode { get; init; } = _ => true;

    /// <summary>Whom the answer is about.</summary>
    public CheckPerson Person { get; init; }

    /// <summary>The answer's label within its person's group on the check-your-answers list (<see cref="ShortLabel"/> without the person).</summary>
    public string RowLabel { get; init; } = "";

    /// <summary>The choices are worded as the data's vocabulary words its codes (policy words such as 配偶), not here.</summary>
    public bool WordedByVocabulary { get; init; }

    /// <summary>How a choice is worded: its own everyday words, or the vocabulary's label.</summary>
    public string Label(CheckOption option, Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(vocabulary);
        return WordedByVocabulary && Vocabulary is { } group && option.Value != CheckAnswers.Unknown ? vocabulary.Label(group, option.Value) : option.Label;
    }

    public string Label(string? code, Vocabulary vocabulary) =>
        Choices.FirstOrDefault(c => c.Value == code) is { } option ? Label(option, vocabulary) : code ?? "";
}

/// <summary>
/// One question that answers several (<see cref="Fields"/>): each choice stands for one answer to each of them, so the
/// address and the rules engine see the same answers as if they had been asked one by one.
/// </summary>
public sealed record CombinedQuestion(CheckQuestion Question, IReadOnlyList<string> Fields, IReadOnlyDictionary<string, string[]> Answers)
{
    /// <summary>The choice that gives these answers, or null for a combination it does not offer.</summary>
    public string? ChoiceOf(CheckAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return Answers.FirstOrDefault(a => a.Value.SequenceEqual(Fields.Select(f => answers[f]))).Key;
    }
}

/// <summary>The questions, in the order they are asked.</summary>
public static class CheckQuestions
{
    public const string SharerPlace = "sharer_place";
    public const string MemberPlace = "member_place";
    public const string Relationship = "relationship";
    public const string Purpose = "purpose";
    public const string SharerInsurance = "sharer_insurance";
    public const string SharerStatus = "sharer_status";
    public const string Balance = "balance";
    public const string Amount = "amount";
    public const string MemberInsurance = "member_insurance";
    public const string MemberStatus = "member_status";

    private static readonly CheckOption NotSure = new(CheckAnswers.Unknown, CheckAnswers.UnknownLabel);

    public static IReadOnlyList<CheckQuestion> All { get; } =
    [
        new(SharerPlace, CheckStep.People, AnswerKind.Place, "您在哪个城市参保？", null, "您的参保地") { Person = CheckPerson.Sharer, RowLabel = "参保地" },
        new(MemberPlace, CheckStep.People, AnswerKind.Place, "家人在哪个城市参保？", "不知道填“不清楚”。", "家人的参保地") { Person = CheckPerson.Member, RowLabel = "参保地" },
        new(Relationship, CheckStep.People, AnswerKind.Choice, "家人是您的什么人？", null, "家人是您的")
        {
            Person = CheckPerson.Member,
            RowLabel = "是您的",
            Vocabulary = "relationship",
            Choices = [.. new[] { "spouse", "parent", "child", "sibling", "grandparent", "grandchild", "other" }.Select(code => new CheckOption(code, code))],
            WordedByVocabulary = true,
            IsEngineCode = Is<Rules.Relationship>,
        },
        new(Purpose, CheckStep.Details, AnswerKind.Choice, "用来付什么？", null, "用来付")
        {
            Person = CheckPerson.Member,
            RowLabel = "用来付",
            Vocabulary = "purpose",
            Choices = [.. Everyday("purpose", "hospital", "pharmacy", "resident_premium", "long_term_care_premium", "commercial_insurance", "wellness")],
            IsEngineCode = Is<Rules.Purpose>,
        },
        new(SharerInsurance, CheckStep.Details, AnswerKind.Choice, "您参加哪种医保？", null, "您的医保")
        {
            Person = CheckPerson.Sharer,
            RowLabel = "医保",
            Vocabulary = "insurance",
            Choices = [.. Everyday("insurance", "employee", "resident"), NotSure],
            IsEngineCode = Is<InsuranceType>,
        },
        new(SharerStatus, CheckStep.Details, AnswerKind.Choice, "您正常参保吗？", null, "您的参保状态")
        {
            Person = CheckPerson.Sharer,
            RowLabel = "参保状态",
            Vocabulary = "status",
            Choices = [new("normal", "正常"), .. Everyday("status", "suspended"), NotSure],
            IsEngineCode = Is<InsuranceStatus>,
        },
        new(Balance, CheckStep.Details, AnswerKind.Balance, "您的个人账户里有钱吗？", null, "您的账户余额")
        {
            Person = CheckPerson.Sharer,
            RowLabel = "账户余额",
            Choices = [new("some", "有余额"), new("none", "没有"), NotSure],
        },
        new(MemberInsurance, CheckStep.Details, AnswerKind.Choice, "家人参加哪种医保？", null, "家人的医保")
        {
            Person = CheckPerson.Member,
            RowLabel = "医保",
            Vocabulary = "insurance",
            Choices = [.. Everyday("insurance", "employee", "resident", "none"), NotSure],
            IsEngineCode = Is<InsuranceType>,
        },
        new(MemberStatus, CheckStep.Details, AnswerKind.Choice, "家人正常参保吗？", null, "家人的参保状态")
        {
            Person = CheckPerson.Member,
            RowLabel = "参保状态",
            Vocabulary = "status",
            Choices = [new("normal", "正常"), .. Everyday("status", "suspended"), NotSure],
            IsEngineCode = Is<InsuranceStatus>,
        },
    ];

    /// <summary>
    /// 您的医保 and 您的账户余额 as one question, where both are asked: only 职工医保 has a personal account, so whether a
    /// 职工医保 account has money answers both. 城乡居民医保 has no personal account, so no balance.
    /// </summary>
    public static CombinedQuestion Account { get; } = new(
        new("account", CheckStep.Details, AnswerKind.Balance, "您的职工医保个人账户里有钱吗？", null, "您的个人账户")
        {
            Person = CheckPerson.Sharer,
            RowLabel = "个人账户",
            Choices = [new("some", "有余额"), new("none", "没有余额"), new("employee_unknown", "有这个账户，不清楚余额"), new("resident", "我参加的是城乡居民医保"), new(CheckAnswers.Unknown, "不清楚是不是职工医保")],
        },
        [SharerInsurance, Balance],
        new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["some"] = ["employee", "some"],
            ["none"] = ["employee", "none"],
            ["employee_unknown"] = ["employee", CheckAnswers.Unknown],
            ["resident"] = ["resident", "none"],
            [CheckAnswers.Unknown] = [CheckAnswers.Unknown, CheckAnswers.Unknown],
        });

    /// <summary>您的参保状态 and 家人的参保状态 as one question, where both are asked: every pair of known answers is a choice.</summary>
    public static CombinedQuestion Status { get; } = new(
        new("status", CheckStep.Details, AnswerKind.Choice, "两人都正常参保吗？", null, "两人的参保状态")
        {
            Person = CheckPerson.Sharer,
            RowLabel = "两人参保",
            Choices = [new("normal", "都正常"), new("sharer_suspended", "只有我的暂停或断缴了"), new("member_suspended", "只有家人的暂停或断缴了"), new("suspended", "两人都暂停或断缴了"), NotSure],
        },
        [SharerStatus, MemberStatus],
        new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["normal"] = ["normal", "normal"],
            ["sharer_suspended"] = ["suspended", "normal"],
            ["member_suspended"] = ["normal", "suspended"],
            ["suspended"] = ["suspended", "suspended"],
            [CheckAnswers.Unknown] = [CheckAnswers.Unknown, CheckAnswers.Unknown],
        });

    /// <summary>The questions asked as one where all they stand for are asked.</summary>
    public static IReadOnlyList<CombinedQuestion> Combined { get; } = [Account, Status];

    /// <summary>
    /// The questions as the pages ask them: each <see cref="Combined"/> question instead of those it stands for, where
    /// all of them are asked (and, given <paramref name="answers"/>, where their answers are a pair it offers).
    /// </summary>
    public static IReadOnlyList<CheckQuestion> AsAsked(IEnumerable<CheckQuestion> questions, CheckAnswers? answers = null)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var list = questions.ToList();
        foreach (var combined in Combined)
        {
            if (combined.Fields.All(f => list.Any(q => q.Field == f)) && (answers is null || combined.ChoiceOf(answers) is not null))
            {
                // Asked where the last of them was, so what it depends on (家人的医保 before both statuses) comes first.
                list = [.. list.Where(q => q.Field == combined.Fields[^1] || !combined.Fields.Contains(q.Field)).Select(q => q.Field == combined.Fields[^1] ? combined.Question : q)];
            }
        }
        return list;
    }

    /// <summary>The combined question asked as <paramref name="question"/>, if it is one.</summary>
    public static CombinedQuestion? CombinedAs(CheckQuestion question) => Combined.FirstOrDefault(c => c.Question == question);

    public static CheckQuestion? Find(string? field) =>
        All.FirstOrDefault(q => q.Field == field) ?? Combined.FirstOrDefault(c => c.Question.Field == field)?.Question;

    public static IEnumerable<CheckQuestion> On(CheckStep step) => All.Where(q => q.Step == step);

    private static IEnumerable<CheckOption> Everyday(string group, params string[] codes) => codes.Select(code => new CheckOption(code, EverydayWords.For(group, code)));

    private static bool Is<TEnum>(string code)
        where TEnum : struct, Enum => Content.Codes.TryParse<TEnum>(code, out _);
}

/// <summary>The answers so far, carried in the query string (codes and an optional amount only: no names, no ID numbers).</summary>
public sealed class CheckAnswers
{
    /// <summary>The answer 不清楚.</summary>
    public const string Unknown = "unknown";

    /// <summary>How 不清楚 is worded, on a choice and when typed into a place field.</summary>
    public const string UnknownLabel = "不清楚";

    /// <summary>Every query value <see cref="From"/> reads.</summary>
    public static IReadOnlyList<string> QueryKeys { get; } = [.. CheckQuestions.All.Select(q => q.Field).Append(CheckQuestions.Amount).Append("asOf").Distinct()];

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public string? this[string field] => _values.GetValueOrDefault(field);

    public DateOnly? AsOf { get; private set; }

    /// <summary>The balance typed (yuan), only with 有余额.</summary>
    public decimal? Amount => _values.TryGetValue(CheckQuestions.Amount, out var text) && Money.TryParseYuan(text, out var yuan) == AmountProblem.None ? yuan : null;

    /// <summary>Reads the known fields from a query, keeping only values that are valid answers.</summary>
    public static CheckAnswers From(IQueryCollection query, CheckPlaces places)
    {
        ArgumentNullException.ThrowIfNull(query);
        var answers = new CheckAnswers();
        foreach (var question in CheckQuestions.All)
        {
            if (query.TryGetValue(question.Field, out var raw) && Validate(question, raw.ToString(), places) is null)
            {
                answers._values[question.Field] = raw.ToString().Trim();
            }
        }
        if (answers[CheckQuestions.Balance] == "some" && query.TryGetValue(CheckQuestions.Amount, out var amount)
            && Money.TryParseYuan(amount.ToString(), out var yuan) == AmountProblem.None && yuan > 0)
        {
            answers._values[CheckQuestions.Amount] = Plain(yuan);
        }
        if (query.TryGetValue("asOf", out var asOf)
            && DateOnly.TryParseExact(asOf.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date >= Api.ApiValues.EarliestDate && date <= Api.ApiValues.LatestDate)
        {
            answers.AsOf = date;
        }
        return answers;
    }

    /// <summary>Null if <paramref name="value"/> answers the question; otherwise the message shown beside the field.</summary>
    public static string? Validate(CheckQuestion question, string? value, CheckPlaces places)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(places);
        var snapshot = places.Snapshot;
        value = value?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return question.Kind == AnswerKind.Place ? (question.Field == CheckQuestions.MemberPlace ? "请填写城市，不知道就填“不清楚”。" : "请填写城市。") : "请选择一项。";
        }
        return question.Kind switch
        {
            AnswerKind.Place => (value == Unknown && question.Field == CheckQuestions.MemberPlace) || places.Find(value) is not null
                ? null
                : "没有找到这个地方，请换个写法。",
            AnswerKind.Balance => question.Choices.Any(c => c.Value == value) ? null : "请选择一项。",
            _ => question.Choices.Any(c => c.Value == value)
                && (value == Unknown || question.Vocabulary is null || (snapshot.Vocabulary.Has(question.Vocabulary, value) && question.IsEngineCode(value)))
                ? null
                : "请从选项中选择一项。",
        };
    }

    /// <summary>These answers with some replaced (an amount already normalised; null removes the field).</summary>
    public CheckAnswers With(IEnumerable<KeyValuePair<string, string?>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var copy = Copy();
        foreach (var (field, value) in values)
        {
            if (value is null)
            {
                copy._values.Remove(field);
            }
            else
            {
                copy._values[field] = value.Trim();
            }
        }
        return copy;
    }

    /// <summary>Whether every question on <paramref name="step"/> that is asked here has an answer.</summary>
    public bool Answered(CheckStep step, CheckRelevance relevance)
    {
        ArgumentNullException.ThrowIfNull(relevance);
        return CheckQuestions.On(step).All(q => !relevance.Asks(q) || _values.ContainsKey(q.Field));
    }

    /// <summary>The first page with a question still to answer, or null when all are answered.</summary>
    public CheckStep? FirstUnanswered(CheckRelevance relevance) =>
        !Answered(CheckStep.People, relevance) ? CheckStep.People : !Answered(CheckStep.Details, relevance) ? CheckStep.Details : null;

    /// <summary>The policy region whose rules apply: that of the sharer's place.</summary>
    public InsuredPlace? SharerPlace(CheckPlaces places) => places?.Find(this[CheckQuestions.SharerPlace]);

    /// <summary>The member's place, or null for 不清楚.</summary>
    public InsuredPlace? MemberPlace(CheckPlaces places) => places?.Find(this[CheckQuestions.MemberPlace]);

    /// <summary>The query string that carries these answers, e.g. "?sharer_place=shanghai&amp;balance=some".</summary>
    public string ToQuery(params (string Key, string Value)[] extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        var pairs = CheckQuestions.All.SelectMany(q => q.Kind == AnswerKind.Balance ? [q.Field, CheckQuestions.Amount] : new[] { q.Field })
            .Where(_values.ContainsKey)
            .Select(f => new KeyValuePair<string, string?>(f, _values[f])).ToList();
        if (AsOf is { } asOf)
        {
            pairs.Add(new("asOf", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        pairs.AddRange(extra.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)));
        return QueryString.Create(pairs).ToUriComponent();
    }

    /// <summary>An amount as the query carries it: plain yuan ("3,000元" goes on as "3000").</summary>
    public static string Plain(decimal yuan) => yuan.ToString("0.##", CultureInfo.InvariantCulture);

    private CheckAnswers Copy()
    {
        var copy = new CheckAnswers { AsOf = AsOf };
        foreach (var pair in _values)
        {
            copy._values[pair.Key] = pair.Value;
        }
        return copy;
    }
}

/// <summary>A page computed from the answers in its address: cached on them, and private (they may include a balance).</summary>
public sealed class CheckAnswersPageAttribute() : Caching.PublishedPageAttribute(Caching.PageAudience.Private, [.. CheckAnswers.QueryKeys]);
