using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FamilyMutualAid.Web.Pages.Check;

/// <summary>One choice offered for a question.</summary>
public sealed record CheckOption(string Value, string Label);

/// <summary>The guided check: one question per page, answers carried in the query string, Post/Redirect/Get.</summary>
/// <remarks>
/// The antiforgery token is checked in <see cref="OnPostAsync"/>, after the form is read within small limits, so that
/// an oversized or unreadable form gets the question again with a message rather than a bare error page.
/// </remarks>
[IgnoreAntiforgeryToken]
[RequestFormLimits(ValueLengthLimit = MaxFormValueLength, KeyLengthLimit = 64, ValueCountLimit = 16)]
public sealed class IndexModel(PolicySnapshotProvider policy, IAntiforgery antiforgery) : PageModel
{
    /// <summary>Far above any answer (codes, slugs, amounts) or the antiforgery token.</summary>
    public const int MaxFormValueLength = 2048;

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

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Load();
        // The question being answered comes with the form, and in the address it posts to for when the form cannot be read.
        var asked = CheckQuestions.Find(Request.Query["step"]) ?? Answers.FirstUnanswered ?? CheckQuestions.All[0];
        var form = await ReadFormAsync(cancellationToken);
        if (form is null)
        {
            return Refuse(asked, null, "填写的内容太长，请重新填写。");
        }
        var value = form["value"].ToString();
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return Refuse(asked, value, "页面停留太久已经过期，请重新提交。");
        }
        if (CheckQuestions.Find(form["step"]) is not { } question)
        {
            return Refuse(asked, null, "请回答这个问题。");
        }
        if (CheckAnswers.Validate(question, value, Snapshot) is { } error)
        {
            return Refuse(question, value, error);
        }
        var answers = Answers.With(question.Field, value);
        return Redirect(answers.Complete ? "/check/result" + answers.ToQuery() : "/check" + answers.ToQuery(answers.FirstUnanswered!.Field));
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

    /// <summary>The question again, with the message beside the field and 400.</summary>
    private PageResult Refuse(CheckQuestion question, string? value, string error)
    {
        Show(question, value);
        Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
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
