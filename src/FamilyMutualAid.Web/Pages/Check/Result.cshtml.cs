using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Markdown;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using QRCoder;
using FamilyMutualAid.Web.Hosting;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Check;

/// <summary>The answer to the check, at a bookmarkable address that carries the answers (codes only).</summary>
[CheckAnswersPage]
public class ResultModel(PolicySnapshotProvider policy, PlaceDirectory places, MarkdownRenderer markdown, TimeProvider clock) : PageModel
{
    public CheckOutcomeView View { get; private set; } = null!;

    protected TimeProvider Clock => clock;

    public IActionResult OnGet()
    {
        var check = new CheckPlaces(policy.Views, places);
        var answers = CheckAnswers.From(Request.Query, check);
        var today = PolicyText.Today(clock);
        if (CheckOutcomeView.Evaluate(answers, check, markdown, today) is not { } view)
        {
            var relevance = check.Relevance(answers.SharerPlace(check)?.RegionSlug, answers.AsOf ?? today, today);
            return Redirect(QuestionsModel.StepPathOf(answers.FirstUnanswered(relevance) ?? CheckStep.People) + answers.ToQuery());
        }
        View = view;
        return Page();
    }
}

/// <summary>The one-page printable 结果单 for the same answers, with the result's address as text and as a QR code.</summary>
public sealed class PrintModel(PolicySnapshotProvider policy, PlaceDirectory places, MarkdownRenderer markdown, TimeProvider clock, IOptions<FamilyMutualAidOptions> site)
    : ResultModel(policy, places, markdown, clock)
{
    /// <summary>The absolute address of the result page for these answers, on the configured public origin (never the request's Host).</summary>
    public string ResultAddress => PublicAddress.Absolute(site.Value, "/check/result" + View.Answers.ToQuery());

    /// <summary>The QR code of <see cref="ResultAddress"/> as a PNG data URI (the CSP allows data: images).</summary>
    public string QrCode
    {
        get
        {
            using var data = QRCodeGenerator.GenerateQrCode(ResultAddress, QRCodeGenerator.ECCLevel.M);
            using var png = new PngByteQRCode(data);
            return "data:image/png;base64," + Convert.ToBase64String(png.GetGraphic(4));
        }
    }

    /// <summary>When the check was made, in 北京时间.</summary>
    public string CheckedAt => PolicyText.TimeInWords(Clock.GetUtcNow());
}
