using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FamilyMutualAid.Web.Pages.Check;

/// <summary>The answer to the guided check, at a bookmarkable address that carries the answers (codes only).</summary>
[OutputCache(PolicyName = PolicySnapshotProvider.CachePolicy)]
public class ResultModel(PolicySnapshotProvider policy, TimeProvider clock) : PageModel
{
    public CheckOutcomeView View { get; private set; } = null!;

    public IActionResult OnGet()
    {
        var snapshot = policy.Current;
        var answers = CheckAnswers.From(Request.Query, snapshot);
        if (CheckOutcomeView.Evaluate(answers, snapshot, PolicyText.Today(clock)) is not { } view)
        {
            return Redirect("/check" + answers.ToQuery(answers.FirstUnanswered!.Field));
        }
        View = view;
        return Page();
    }
}

/// <summary>The one-page printable decision receipt for the same answers.</summary>
public sealed class ReceiptModel(PolicySnapshotProvider policy, TimeProvider clock) : ResultModel(policy, clock);
