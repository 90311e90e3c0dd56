using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Policy;

namespace FamilyMutualAid.Web.Pages.Check;

/// <summary>Everything the result page and the printable receipt show: answers, verdict, worded trace, next steps.</summary>
public sealed class CheckOutcomeView
{
    public required CheckAnswers Answers { get; init; }

    public required EligibilityCase Case { get; init; }

    public required EligibilityResult Result { get; init; }

    public required IReadOnlyList<WordedCheck> Checks { get; init; }

    public required IReadOnlyList<NextStep> NextSteps { get; init; }

    public required Region Region { get; init; }

    public required DateOnly CheckedOn { get; init; }

    public required Footnotes Footnotes { get; init; }

    public required PolicySnapshot Snapshot { get; init; }

    /// <summary>Evaluates complete answers; null when some are missing.</summary>
    public static CheckOutcomeView? Evaluate(CheckAnswers answers, PolicySnapshot snapshot, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (!answers.Complete)
        {
            return null;
        }
        var c = answers.ToCase(today);
        var result = EligibilityEngine.Evaluate(snapshot, c);
        var text = new EligibilityText(snapshot);
        var footnotes = new Footnotes(snapshot);
        var checks = result.Checks.Select(check => text.Word(check, c)).ToList();
        foreach (var check in checks)
        {
            footnotes.Cite(check.Check.SourceIds);
        }
        return new CheckOutcomeView
        {
            Answers = answers,
            Case = c,
            Result = result,
            Checks = checks,
            NextSteps = text.NextSteps(result, c),
            Region = snapshot.FindRegion(c.RegionSlug)!,
            CheckedOn = today,
            Footnotes = footnotes,
            Snapshot = snapshot,
        };
    }

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

    public IReadOnlyList<(int Number, Source Source)> Citations(WordedCheck check) => Footnotes.Cite(check.Check.SourceIds);

    public string VerdictClass => Result.Verdict switch
    {
        Verdict.Eligible => "verdict-yes",
        Verdict.NotEligible => "verdict-no",
        _ => "verdict-check",
    };
}
