using System.Globalization;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Content;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>
/// A region's disagreement as a staff form: the disagreement as typed (read from and written to the YAML of the
/// region's policy file by <see cref="DisagreementKind"/>), with the form's own checks in plain Chinese by field name.
/// </summary>
public sealed class DisagreementForm : TypedDisagreement
{
    /// <summary>What is missing or wrong in the form, by field name, in plain Chinese; a draft may still be saved with these.</summary>
    public Dictionary<string, string> Problems(string prefix)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(Topic))
        {
            problems[prefix + ".Topic"] = "请写明居民会问的问题，例如“在药店能否使用共济资金”。";
        }
        var claims = KeptClaims.ToList();
        if (claims.Count < 2)
        {
            problems[prefix + ".Claims"] = "一个分歧至少要有两种说法。";
        }
        foreach (var (claim, index) in claims)
        {
            if (string.IsNullOrWhiteSpace(claim.Text))
            {
                problems[$"{prefix}.Claims[{index}].Text"] = "请用平实的话写出这种说法。";
            }
            if (claim.Sources.Count == 0)
            {
                problems[$"{prefix}.Claims[{index}].Sources"] = "请至少选择一个来源。";
            }
        }
        var decisions = KeptDecisions.ToList();
        if (decisions.Count == 0)
        {
            problems[prefix + ".Decisions"] = "请写明怎样处理这个分歧。";
        }
        foreach (var (decision, index) in decisions)
        {
            var field = $"{prefix}.Decisions[{index}]";
            foreach (var (name, text) in new[] { ("From", decision.From), ("Until", decision.Until) })
            {
                if (!string.IsNullOrWhiteSpace(text) && TypedYaml.Date(text) is null)
                {
                    problems[$"{field}.{name}"] = $"“{text}”不是日期：请写成 2026-01-09、2026.1.9、2026/1/9 或 2026年1月9日，或留空（不限）。";
                }
            }
            if (TypedYaml.Date(decision.From) is { } from && TypedYaml.Date(decision.Until) is { } until && until < from)
            {
                problems[field + ".Until"] = "结束日期早于开始日期。";
            }
            if (!Enum.GetValues<Resolution>().Select(Content.Codes.Of).Contains(decision.Resolution))
            {
                problems[field + ".Resolution"] = "请选择采用一种说法，或请居民向当地核实。";
            }
            else if (decision.Resolution == Content.Codes.Of(Resolution.Follow) && FollowedIndex(decision, claims) is null)
            {
                problems[field + ".Follow"] = "请选择采用哪一种说法。";
            }
            if (string.IsNullOrWhiteSpace(decision.Reason))
            {
                problems[field + ".Reason"] = "请用平实的话说明为什么这样处理。";
            }
        }
        return problems;
    }

    /// <summary>Another period with its own decision, starting the day after the last one ends when it has an end.</summary>
    public void AddDecision()
    {
        var last = KeptDecisions.Select(d => d.Row).LastOrDefault();
        Decisions.Add(new DecisionRow { From = TypedYaml.Date(last?.Until)?.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
    }
}
