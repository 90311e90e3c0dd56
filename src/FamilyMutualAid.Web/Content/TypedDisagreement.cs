using System.Globalization;

namespace FamilyMutualAid.Web.Content;

/// <summary>One side of a disagreement as typed.</summary>
public sealed class ClaimRow
{
    public string? Text { get; set; }

    public List<string> Sources { get; set; } = [];

    public bool Remove { get; set; }
}

/// <summary>What the product does about a disagreement for a period, as typed.</summary>
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
/// A region's disagreement as typed (an incomplete draft included): the topic, the parameter and codes it concerns,
/// its claims with their sources, and a decision per period. Read leniently from, and written to, the YAML of the
/// region's policy file by <see cref="DisagreementKind"/>, like <see cref="TypedParameter"/>.
/// </summary>
public class TypedDisagreement
{
    public string? Topic { get; set; }

    /// <summary>The key of the parameter it is about, or empty.</summary>
    public string? Parameter { get; set; }

    /// <summary>The codes of that parameter's vocabulary it concerns; none means the whole parameter.</summary>
    public List<string> Codes { get; set; } = [];

    public List<ClaimRow> Claims { get; set; } = [];

    public List<DecisionRow> Decisions { get; set; } = [];

    /// <summary>The claims not ticked for removal, with their index among all claims.</summary>
    internal IEnumerable<(ClaimRow Row, int Index)> KeptClaims => Claims.Select((row, index) => (row, index)).Where(r => !r.row.Remove);

    /// <summary>The decisions not ticked for removal, with their index among all decisions.</summary>
    internal IEnumerable<(DecisionRow Row, int Index)> KeptDecisions => Decisions.Select((row, index) => (row, index)).Where(r => !r.row.Remove);

    /// <summary>The index, among the kept claims, of the claim a decision follows (claims removed before it shift it down); null if none.</summary>
    internal static int? FollowedIndex(DecisionRow decision, List<(ClaimRow Row, int Index)> claims)
    {
        if (!int.TryParse(decision.Follow, NumberStyles.None, CultureInfo.InvariantCulture, out var posted))
        {
            return null;
        }
        var kept = claims.FindIndex(c => c.Index == posted);
        return kept < 0 ? null : kept;
    }
}
