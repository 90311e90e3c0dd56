using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Check;

/// <summary>
/// The two pages of questions (/check/people, /check/details): answers carried in the query string, Post/Redirect/Get,
/// only the questions that change the answer in the sharer's region.
/// </summary>
/// <remarks>
/// The antiforgery token is checked in <see cref="OnPostAsync"/>, after the form is read within small limits, so that
/// an oversized or unreadable form gets the page again with a message rather than a bare error page.
/// </remarks>
[IgnoreAntiforgeryToken]
[RequestFormLimits(ValueLengthLimit = MaxFormValueLength, KeyLengthLimit = 64, ValueCountLimit = 24)]
public sealed class QuestionsModel(PolicySnapshotProvider policy, PlaceDirectory places, IAntiforgery antiforgery, TimeProvider clock) : PageModel
{
    /// <summary>Far above any answer (codes, slugs, amounts) or the antiforgery token.</summary>
    public const int MaxFormValueLength = 2048;

    /// <summary>The query flag that sends a changed answer back to the check-your-answers page.</summary>
    public const string ReturnToAnswers = "return";

    public CheckStep Step { get; private set; }

    public CheckAnswers Answers { get; private set; } = new();

    public IReadOnlyList<CheckQuestion> Questions { get; private set; } = [];

    /// <summary>Which questions (and whether the optional amount) change the answer in the sharer's region.</summary>
    public CheckRelevance Asked { get; private set; } = CheckRelevance.All;

    /// <summary>What the form shows: the answers so far, or what was posted when it is shown again.</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>The message beside each field that needs changing, in page order.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public CheckPlaces Places { get; private set; } = null!;

    /// <summary>For a place typed that matches several: the places to choose from.</summary>
    public Dictionary<string, IReadOnlyList<CheckOption>> Matches { get; } = new(StringComparer.Ordinal);

    public bool Returning => Request.Query[ReturnToAnswers] == "answers";

    /// <summary>Every place, for the list the browser suggests from as one types.</summary>

    /// <summary>The suffix of the radio group that picks one of several matching places.</summary>
    public const string PickSuffix = "_pick";

    public string StepPath => StepPathOf(Step);

    public static string StepPathOf(CheckStep step) => step == CheckStep.People ? "/check/people" : "/check/details";

    public IActionResult OnGet(string step)
    {
        Load(step);
        if (Step == CheckStep.Details && !Answers.Answered(CheckStep.People, CheckRelevance.All))
        {
            return Redirect("/check/people" + Answers.ToQuery());
        }
        foreach (var question in Questions)
        {
            if ((CheckQuestions.CombinedAs(question) is { } combined ? combined.ChoiceOf(Answers) : Answers[question.Field]) is { } value)
            {
                Values[question.Field] = question.Kind == AnswerKind.Place && value != CheckAnswers.Unknown ? Places.Find(value)?.Name ?? value : value;
            }
        }
        if (Answers.Amount is { } amount && Asked.AsksAmount)
        {
            Values[CheckQuestions.Amount] = CheckAnswers.Plain(amount);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string step, CancellationToken cancellationToken)
    {
        Load(step);
        var form = await ReadFormAsync(cancellationToken);
        if (form is null)
        {
            return Refuse(Questions[0].Field, "填写的内容太长，请重新填写。");
        }
        foreach (var key in Questions.SelectMany(q => new[] { q.Field, q.Field + PickSuffix }).Append(CheckQuestions.Amount))
        {
            if (form.TryGetValue(key, out var posted))
            {
                Values[key] = posted.ToString();
            }
        }
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return Refuse(Questions[0].Field, "页面停留太久已经过期，请重新提交。");
        }
        var changes = new List<KeyValuePair<string, string?>>();
        foreach (var question in Questions)
        {
            var value = Values.GetValueOrDefault(question.Field);
            if (question.Kind == AnswerKind.Balance)
            {
                value = BalanceAnswer(value, changes);
            }
            else if (question.Kind == AnswerKind.Place && PlaceAnswer(question, value) is var (key, problem))
            {
                if (problem is not null)
                {
                    Errors[question.Field] = problem;
                    continue;
                }
                value = key;
            }
            if (CheckAnswers.Validate(question, value, Places) is { } error)
            {
                Errors[question.Field] = error;
                continue;
            }
            if (CheckQuestions.CombinedAs(question) is { } combined)
            {
                var given = combined.Answers[value!.Trim()];
                changes.AddRange(combined.Fields.Select((field, i) => new KeyValuePair<string, string?>(field, given[i])));
                continue;
            }
            changes.Add(new(question.Field, value!.Trim()));
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var answers = Answers.With(changes);
        var relevance = Relevance(answers);
        if (!relevance.AsksAmount)
        {
            // A place changed to one without a reserve: the amount no longer says anything, so it is not carried on.
            answers = answers.With([new(CheckQuestions.Amount, null)]);
        }
        var next = Step == CheckStep.People && !(Returning && answers.Answered(CheckStep.Details, relevance))
            ? StepPathOf(CheckStep.Details)
            : "/check/answers";
        return Redirect(next + answers.ToQuery());
    }

    /// <summary>有余额 / 没有 / 不清楚, with the optional amount read forgivingly; an amount alone says which.</summary>
    private string? BalanceAnswer(string? choice, List<KeyValuePair<string, string?>> changes)
    {
        var typed = Values.GetValueOrDefault(CheckQuestions.Amount);
        if (string.IsNullOrWhiteSpace(typed) || !Asked.AsksAmount)
        {
            changes.Add(new(CheckQuestions.Amount, null));
            return choice;
        }
        var normalized = AmountText.Normalize(typed);
        if (AmountText.Problem(normalized, out var yuan) is { } problem)
        {
            Errors[CheckQuestions.Amount] = problem.Replace("没有就填 0。", "也可以不填。", StringComparison.Ordinal);
            return choice;
        }
        choice = string.IsNullOrWhiteSpace(choice) ? (yuan > 0 ? "some" : "none") : choice.Trim();
        if (choice == "some" && yuan == 0)
        {
            Errors[CheckQuestions.Amount] = "您选了“有余额”，金额请填大于 0 的数，或者不填。";
            return choice;
        }
        changes.Add(new(CheckQuestions.Amount, choice == "some" ? CheckAnswers.Plain(yuan) : null));
        return choice;
    }

    /// <summary>
    /// The key of the place typed (or picked from several matches), or why not: a place not found, or several found
    /// (offered to pick from). 不清楚 stays as it is where it is an answer.
    /// </summary>
    private (string? Key, string? Problem) PlaceAnswer(CheckQuestion question, string? typed)
    {
        if (Values.GetValueOrDefault(question.Field + PickSuffix) is { } picked && Places.Find(picked) is { } chosen)
        {
            Values[question.Field] = chosen.Name;
            return (chosen.Key, null);
        }
        var text = typed?.Trim() ?? "";
        if (text.Length == 0 || (question.Field == CheckQuestions.MemberPlace && text is CheckAnswers.Unknown or CheckAnswers.UnknownLabel))
        {
            return (text.Length == 0 ? null : CheckAnswers.Unknown, null);
        }
        var matches = Places.Match(text);
        switch (matches.Count)
        {
            case 1:
                return (matches[0].Value, null);
            case 0:
                return (null, "没有找到这个地方，请换个写法，例如：苏州、suzhou 或 sz。");
            default:
                Matches[question.Field] = matches;
                return (null, "找到几个地方，请选一个。");
        }
    }

    /// <summary>The posted form within <see cref="MaxFormValueLength"/>, or null when it is longer or not a form at all.</summary>
    private async Task<IFormCollection?> ReadFormAsync(CancellationToken cancellationToken)
    {
        if (!Request.HasFormContentType)
        {
            return null;
        }
        try
        {
            return await Request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The page again, with the message beside the first field and 400.</summary>
    private PageResult Refuse(string field, string error)
    {
        Errors[field] = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private void Load(string step)
    {
        Step = step == "details" ? CheckStep.Details : CheckStep.People;
        Places = new CheckPlaces(policy.Views, places);
        Answers = CheckAnswers.From(Request.Query, Places);
        Asked = Step == CheckStep.People ? CheckRelevance.All : Relevance(Answers);
        Questions = CheckQuestions.AsAsked(CheckQuestions.On(Step).Where(Asked.Asks));
    }

    private CheckRelevance Relevance(CheckAnswers answers)
    {
        var today = PolicyText.Today(clock);
        return Places.Relevance(answers.SharerPlace(Places)?.RegionSlug, answers.AsOf ?? today, today);
    }

    /// <summary>The id of the control a field's error links to: the select or input, or a group's first choice.</summary>
    public static string ControlId(CheckQuestion question) => question.Kind switch
    {
        AnswerKind.Place => $"f-{question.Field}",
        _ => $"f-{question.Field}-0",
    };
}
