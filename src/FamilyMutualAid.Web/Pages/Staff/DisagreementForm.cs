using System.Globalization;
using FamilyMutualAid.Rules;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
using FamilyMutualAid.Web.Content;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>One side of a disagreement as the staff form holds it.</summary>
public sealed class ClaimRow
{
    public string? Text { get; set; }

    public List<string> Sources { get; set; } = [];

    public bool Remove { get; set; }
}

/// <summary>What the product does about a disagreement for a period, as the staff form holds it.</summary>
public sealed class DecisionRow
{
    /// <summary>First day of the period (YYYY-MM-DD), as typed; empty for "from the start".</summary>
    public string? From { get; set; }

    /// <summary>Last day of the period, as typed; empty for "with no end".</summary>
    public string? Until { get; set; }

    /// <summary>A <see cref="Rules.Resolution"/> code: follow or check_locally.</summary>
    public string? Resolution { get; set; }

    /// <summary>With follow: the 0-based index of the claim followed, as posted.</summary>
    public string? Follow { get; set; }

    public string? Reason { get; set; }

    public bool Remove { get; set; }
}

/// <summary>
/// A region's disagreement as a staff form: the topic, the parameter and codes it concerns, its claims with their
/// sources, and a decision per period. Read from and written to the YAML of the region's policy file, like
/// <see cref="ParameterForm"/>.
/// </summary>
public sealed class DisagreementForm
{
    public string? Topic { get; set; }

    /// <summary>The key of the parameter it is about, or empty.</summary>
    public string? Parameter { get; set; }

    /// <summary>The codes of that parameter's vocabulary it concerns; none means the whole parameter.</summary>
    public List<string> Codes { get; set; } = [];

    public List<ClaimRow> Claims { get; set; } = [];

    public List<DecisionRow> Decisions { get; set; } = [];

    private static readonly string[] DecisionFields = ["from", "until", "resolution", "follow", "reason"];

    /// <summary>The form for a disagreement's YAML text, read leniently; null when the text is not YAML of this disagreement.</summary>
    public static DisagreementForm? FromYaml(string text, string key)
    {
        if (FormYaml.Record(text, "disagreements", key) is not { } map)
        {
            return null;
        }
        var form = new DisagreementForm
        {
            Topic = FormYaml.Scalar(map, "topic"),
            Parameter = FormYaml.Scalar(map, "parameter"),
            Codes = FormYaml.List(map, "codes"),
        };
        if (FormYaml.Child(map, "claims") is YamlSequenceNode claims)
        {
            form.Claims.AddRange(claims.Children.Select(node => node as YamlMappingNode ?? new YamlMappingNode())
                .Select(claim => new ClaimRow { Text = FormYaml.Scalar(claim, "text"), Sources = FormYaml.List(claim, "sources") }));
        }
        var decisionMaps = FormYaml.Child(map, "decisions") is YamlSequenceNode decisions
            ? decisions.Children.Select(node => node as YamlMappingNode ?? new YamlMappingNode())
            : DecisionFields.Any(f => FormYaml.Child(map, f) is not null) ? [map] : [];
        form.Decisions.AddRange(decisionMaps.Select(decision => new DecisionRow
        {
            From = FormYaml.Scalar(decision, "from"),
            Until = FormYaml.Scalar(decision, "until"),
            Resolution = FormYaml.Scalar(decision, "resolution"),
            Follow = FormYaml.Scalar(decision, "follow"),
            Reason = FormYaml.Scalar(decision, "reason"),
        }));
        return form;
    }

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
                if (!string.IsNullOrWhiteSpace(text) && FormYaml.Date(text) is null)
                {
                    problems[$"{field}.{name}"] = $"“{text}”不是日期：请按 YYYY-MM-DD 填写，或留空（不限）。";
                }
            }
            if (FormYaml.Date(decision.From) is { } from && FormYaml.Date(decision.Until) is { } until && until < from)
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

    /// <summary>The form as the YAML of the region's policy file holding only this disagreement.</summary>
    public string ToYaml(string region, string key)
    {
        var map = YamlOut.Mapping();
        if (!string.IsNullOrWhiteSpace(Topic))
        {
            map.AddField("topic", FormYaml.Lines(Topic));
        }
        if (!string.IsNullOrWhiteSpace(Parameter))
        {
            map.AddField("parameter", Parameter.Trim());
            if (Codes.Count > 0)
            {
                map.AddField("codes", YamlOut.List(Codes.Distinct(StringComparer.Ordinal)));
            }
        }
        var claims = KeptClaims.ToList();
        var claimNodes = new YamlSequenceNode { Style = claims.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block };
        foreach (var (claim, _) in claims)
        {
            var claimMap = YamlOut.Mapping();
            if (!string.IsNullOrWhiteSpace(claim.Text))
            {
                claimMap.AddField("text", FormYaml.Lines(claim.Text));
            }
            claimMap.AddField("sources", YamlOut.List(claim.Sources.Distinct(StringComparer.Ordinal)));
            claimNodes.Add(claimMap);
        }
        map.AddField("claims", claimNodes);
        // One decision is written in the disagreement itself, as the hand-written files and the export do; several as a list.
        var decisions = KeptDecisions.ToList();
        if (decisions is [var (only, _)])
        {
            AddDecision(map, only, claims);
        }
        else if (decisions.Count > 1)
        {
            var list = new YamlSequenceNode { Style = SequenceStyle.Block };
            foreach (var (decision, _) in decisions)
            {
                var decisionMap = YamlOut.Mapping();
                AddDecision(decisionMap, decision, claims);
                list.Add(decisionMap);
            }
            map.AddField("decisions", list);
        }
        return FormYaml.File(region, "disagreements", key, map);
    }

    /// <summary>Another period with its own decision, starting the day after the last one ends when it has an end.</summary>
    public void AddDecision()
    {
        var last = KeptDecisions.Select(d => d.Row).LastOrDefault();
        Decisions.Add(new DecisionRow { From = FormYaml.Date(last?.Until)?.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
    }

    private IEnumerable<(ClaimRow Row, int Index)> KeptClaims => Claims.Select((row, index) => (row, index)).Where(r => !r.row.Remove);

    private IEnumerable<(DecisionRow Row, int Index)> KeptDecisions => Decisions.Select((row, index) => (row, index)).Where(r => !r.row.Remove);

    /// <summary>The index, among the kept claims, of the claim a decision follows (claims removed before it shift it down); null if none.</summary>
    private static int? FollowedIndex(DecisionRow decision, List<(ClaimRow Row, int Index)> claims)
    {
        if (!int.TryParse(decision.Follow, NumberStyles.None, CultureInfo.InvariantCulture, out var posted))
        {
            return null;
        }
        var kept = claims.FindIndex(c => c.Index == posted);
        return kept < 0 ? null : kept;
    }

    private static void AddDecision(YamlMappingNode map, DecisionRow decision, List<(ClaimRow Row, int Index)> claims)
    {
        if (!string.IsNullOrWhiteSpace(decision.From))
        {
            map.AddField("from", FormYaml.DateNode(decision.From.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(decision.Until))
        {
            map.AddField("until", FormYaml.DateNode(decision.Until.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(decision.Resolution))
        {
            map.AddField("resolution", decision.Resolution.Trim());
        }
        if (decision.Resolution == Content.Codes.Of(Resolution.Follow) && FollowedIndex(decision, claims) is { } follow)
        {
            map.AddField("follow", YamlOut.Integer(follow));
        }
        if (!string.IsNullOrWhiteSpace(decision.Reason))
        {
            map.AddField("reason", FormYaml.Lines(decision.Reason));
        }
    }
}
