using System.Globalization;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Policy;

namespace FamilyMutualAid.Web.Pages.Check;

/// <summary>How one question of the guided check is asked and answered.</summary>
public enum AnswerKind
{
    Region,
    Choice,
    Amount,
}

/// <summary>One question of the guided check: the query-string field it fills, its wording and its hint.</summary>
public sealed record CheckQuestion(string Field, AnswerKind Kind, string? Vocabulary, string Question, string Hint, string ShortLabel)
{
    /// <summary>For a choice: whether a code is one the engine understands (the vocabulary may label more).</summary>
    public Func<string, bool> IsEngineCode { get; init; } = _ => true;
}

/// <summary>The questions, in the order they are asked. Wording only: the answers are judged by the rules engine from the data.</summary>
public static class CheckQuestions
{
    public static IReadOnlyList<CheckQuestion> All { get; } =
    [
        new("region", AnswerKind.Region, null, "出钱的一方（共济人）在哪里参保？", "各地的家庭共济规则不同，我们按参保地的规则判断。", "共济人参保地"),
        new("sharer_insurance", AnswerKind.Choice, "insurance", "出钱的一方参加的是哪种医保？", "只有部分医保类型有个人账户，能不能出钱和这一点有关。", "共济人的医保") { IsEngineCode = Is<InsuranceType> },
        new("sharer_status", AnswerKind.Choice, "status", "出钱的一方现在的参保状态是？", "有的规定要求双方都处于正常参保状态。", "共济人的参保状态") { IsEngineCode = Is<InsuranceStatus> },
        new("balance", AnswerKind.Amount, null, "出钱的一方个人账户现在大约有多少余额（元）？", "账户里没有钱就无法支付；有些地区还要求保留一部分余额。只用于这次判断，不会保存。", "个人账户余额"),
        new("relationship", AnswerKind.Choice, "relationship", "用钱的家人是出钱一方的什么人？", "可以共济的亲属范围各地不同，也随时间扩大过。", "家人关系") { IsEngineCode = Is<Relationship> },
        new("member_insurance", AnswerKind.Choice, "insurance", "这位家人参加的是哪种医保？", "被共济的家人一般也须参加基本医保。", "家人的医保") { IsEngineCode = Is<InsuranceType> },
        new("member_status", AnswerKind.Choice, "status", "这位家人现在的参保状态是？", "有的规定要求双方都处于正常参保状态。", "家人的参保状态") { IsEngineCode = Is<InsuranceStatus> },
        new("location", AnswerKind.Choice, "location", "这位家人在哪里参保？", "同一统筹地区、省内其他地区和外省，各地开放的时间不同。", "家人参保地") { IsEngineCode = Is<MemberLocation> },
        new("purpose", AnswerKind.Choice, "purpose", "这笔钱想用来付什么？", "共济资金只能付规定的费用，有些用途明确不能付。", "用途") { IsEngineCode = Is<Purpose> },
    ];

    public static CheckQuestion? Find(string? field) => All.FirstOrDefault(q => q.Field == field);

    private static bool Is<TEnum>(string code)
        where TEnum : struct, Enum => Import.Codes.TryParse<TEnum>(code, out _);
}

/// <summary>The answers so far, carried in the query string (codes only: no names, no ID numbers).</summary>
public sealed class CheckAnswers
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public string? this[string field] => _values.GetValueOrDefault(field);

    public DateOnly? AsOf { get; private set; }

    /// <summary>Reads the known fields from a query, keeping only values that are valid answers.</summary>
    public static CheckAnswers From(IQueryCollection query, PolicySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(query);
        var answers = new CheckAnswers();
        foreach (var question in CheckQuestions.All)
        {
            if (query.TryGetValue(question.Field, out var raw) && Validate(question, raw.ToString(), snapshot) is null)
            {
                answers._values[question.Field] = raw.ToString().Trim();
            }
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
    public static string? Validate(CheckQuestion question, string? value, PolicySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(snapshot);
        value = value?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return question.Kind == AnswerKind.Amount ? AmountText.Problem(value, out _) : "请选择一项。";
        }
        return question.Kind switch
        {
            AnswerKind.Region => snapshot.FindRegion(value) is null ? "请从列表中选择一个地区。" : null,
            AnswerKind.Choice => snapshot.Vocabulary.Has(question.Vocabulary!, value) && question.IsEngineCode(value) ? null : "请从选项中选择一项。",
            _ => AmountText.Problem(value, out _),
        };
    }

    /// <summary>These answers and one more; an amount is carried as plain yuan ("1e3" goes on as "1000").</summary>
    public CheckAnswers With(string field, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var copy = Copy();
        copy._values[field] = CheckQuestions.Find(field)?.Kind == AnswerKind.Amount && Money.TryParseYuan(value, out var yuan) == AmountProblem.None
            ? yuan.ToString("0.##", CultureInfo.InvariantCulture)
            : value.Trim();
        return copy;
    }

    public CheckQuestion? FirstUnanswered => CheckQuestions.All.FirstOrDefault(q => !_values.ContainsKey(q.Field));

    public bool Complete => FirstUnanswered is null;

    public decimal Balance => Money.TryParseYuan(_values["balance"], out var yuan) == AmountProblem.None ? yuan : throw new InvalidOperationException("balance is not a valid answer");

    /// <summary>The case for the engine; only when <see cref="Complete"/>.</summary>
    public EligibilityCase ToCase(DateOnly today) => new(
        _values["region"],
        AsOf ?? today,
        new Sharer(Parse<InsuranceType>("sharer_insurance"), Parse<InsuranceStatus>("sharer_status"), Balance),
        new Member(Parse<Relationship>("relationship"), Parse<InsuranceType>("member_insurance"), Parse<InsuranceStatus>("member_status"), Parse<MemberLocation>("location")),
        Parse<Purpose>("purpose"));

    private TEnum Parse<TEnum>(string field)
        where TEnum : struct, Enum =>
        Import.Codes.TryParse<TEnum>(_values[field], out var value) ? value : throw new InvalidOperationException($"{field} is not a valid answer");

    /// <summary>The query string that carries these answers, e.g. "?region=shanghai&amp;balance=3000".</summary>
    public string ToQuery(string? step = null)
    {
        var pairs = CheckQuestions.All.Where(q => _values.ContainsKey(q.Field))
            .Select(q => new KeyValuePair<string, string?>(q.Field, _values[q.Field])).ToList();
        if (AsOf is { } asOf)
        {
            pairs.Add(new("asOf", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        if (step is not null)
        {
            pairs.Add(new("step", step));
        }
        return QueryString.Create(pairs).ToUriComponent();
    }

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
