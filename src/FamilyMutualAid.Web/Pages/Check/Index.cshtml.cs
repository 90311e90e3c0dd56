using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FamilyMutualAid.Web.Pages.Check;

/// <summary>One choice offered for a question.</summary>
public sealed record CheckOption(string Value, string Label);

/// <summary>The guided check: one question per page, answers carried in the query string, Post/Redirect/Get.</summary>
public sealed class IndexModel(PolicySnapshotProvider policy) : PageModel
{
    public CheckAnswers Answers { get; private set; } = new();

    public CheckQuestion Question { get; private set; } = CheckQuestions.All[0];

    public int StepNumber => CheckQuestions.All.ToList().IndexOf(Question) + 1;

    public IReadOnlyList<CheckOption> Options { get; private set; } = [];

    public string? Value { get; private set; }

    public string? Error { get; private set; }

    public CheckQuestion? Previous => StepNumber > 1 ? CheckQuestions.All[StepNumber - 2] : null;

    public PolicySnapshot Snapshot { get; private set; } = PolicySnapshot.Empty;

    public IActionResult OnGet(string? step)
    {
        Load();
        var question = CheckQuestions.Find(step) ?? Answers.FirstUnanswered;
        if (question is null)
        {
            return Redirect("/check/result" + Answers.ToQuery());
        }
        Show(question, Answers[question.Field]);
        return Page();
    }

    public IActionResult OnPost(string? step, string? value)
    {
        Load();
        if (CheckQuestions.Find(step) is not { } question)
        {
            return Redirect("/check" + Answers.ToQuery());
        }
        Error = CheckAnswers.Validate(question, value, Snapshot);
        if (Error is not null)
        {
            Show(question, value);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var answers = Answers.With(question.Field, value!);
        return Redirect(answers.Complete ? "/check/result" + answers.ToQuery() : "/check" + answers.ToQuery(answers.FirstUnanswered!.Field));
    }

    private void Load()
    {
        Snapshot = policy.Current;
        Answers = CheckAnswers.From(Request.Query, Snapshot);
    }

    private void Show(CheckQuestion question, string? value)
    {
        Question = question;
        Value = value;
        Options = question.Kind switch
        {
            AnswerKind.Region => [.. Snapshot.Regions.Where(r => r.Level != RegionLevel.National).Select(r => new CheckOption(r.Slug, r.Name))],
            AnswerKind.Choice => [.. Snapshot.Vocabulary.Terms(question.Vocabulary!).Where(t => question.IsEngineCode(t.Code)).Select(t => new CheckOption(t.Code, t.Label))],
            _ => [],
        };
    }

    /// <summary>The label of an answer already given, for the summary list.</summary>
    public string AnswerLabel(CheckQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var value = Answers[question.Field] ?? "";
        return question.Kind switch
        {
            AnswerKind.Region => Snapshot.FindRegion(value)?.Name ?? value,
            AnswerKind.Choice => Snapshot.Vocabulary.Label(question.Vocabulary!, value),
            _ => value + " 元",
        };
    }
}
