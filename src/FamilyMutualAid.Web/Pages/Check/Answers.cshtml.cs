using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Check;

/// <summary>Check your answers: every answer with a 修改 link, then the result.</summary>
[CheckAnswersPage]
public sealed class AnswersModel(PolicySnapshotProvider policy, Rules.PlaceDirectory places, TimeProvider clock) : PageModel
{
    public CheckAnswers Answers { get; private set; } = new();

    public IReadOnlyList<CheckQuestion> Asked { get; private set; } = [];

    /// <summary>The answers asked, by whom they are about: the relative's start with who they are and end with what the money is for.</summary>
    public IReadOnlyList<(CheckPerson Person, IReadOnlyList<CheckQuestion> Questions)> Groups { get; private set; } = [];

    private static readonly string[] MemberOrder =
        [CheckQuestions.Relationship, CheckQuestions.MemberPlace, CheckQuestions.MemberInsurance, CheckQuestions.MemberStatus, CheckQuestions.Purpose];

    public CheckPlaces Places { get; private set; } = null!;

    public IActionResult OnGet()
    {
        Places = new CheckPlaces(policy.Views, places);
        Answers = CheckAnswers.From(Request.Query, Places);
        var today = PolicyText.Today(clock);
        var relevance = Places.Relevance(Answers.SharerPlace(Places)?.RegionSlug, Answers.AsOf ?? today, today);
        if (Answers.FirstUnanswered(relevance) is { } step)
        {
            return Redirect(QuestionsModel.StepPathOf(step) + Answers.ToQuery());
        }
        Asked = [.. CheckQuestions.All.Where(relevance.Asks)];
        var shown = CheckQuestions.AsAsked(Asked, Answers);
        Groups =
        [
            (CheckPerson.Sharer, [.. shown.Where(q => q.Person == CheckPerson.Sharer)]),
            (CheckPerson.Member, [.. shown.Where(q => q.Person == CheckPerson.Member).OrderBy(q => Array.IndexOf(MemberOrder, q.Field))]),
        ];
        return Page();
    }

    /// <summary>Where 修改 goes: the question's page, coming back here, at the question.</summary>
    public string ChangeUrl(CheckQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return QuestionsModel.StepPathOf(question.Step) + Answers.ToQuery((QuestionsModel.ReturnToAnswers, "answers")) + "#q-" + question.Field;
    }

    public string Label(CheckQuestion question) => CheckOutcomeView.AnswerLabel(question, Answers, Places);
}
