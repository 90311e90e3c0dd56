using FamilyMutualAid.Rules;

namespace FamilyMutualAid.Web.Policy;

/// <summary>
/// Codes of a list rule that the engine rules the same way for a region on a date: the same state, decided by the
/// same region's value, with the same doubt. <see cref="Rule"/> is null for codes no value states.
/// </summary>
public sealed record CodeLine(CodeState State, IReadOnlyList<string> Codes, IReadOnlyList<string> Labels, EffectiveValue? Rule, bool Unconfirmed, bool AwaitsAdoption)
{
    /// <summary>The region whose value decides these codes (null when no value states them).</summary>
    public Region? Owner => State == CodeState.NotStated ? null : Rule?.Owner;

    /// <summary>"可以：配偶、父母" · "明确不包括：其他亲属" · "资料没有说明：外省".</summary>
    public string Text => $"{CodeLines.StateWords(State)}：{string.Join("、", Labels)}";
}

/// <summary>
/// A list rule per code, as the engine decides it (<see cref="PolicySnapshot.ResolveCode"/>): a region's own list may
/// state only some codes, and the others come from the nearest region that states them.
/// </summary>
public static class CodeLines
{
    /// <summary>
    /// The lines of a list parameter for a region on a date: allowed, then excluded, then not stated; empty for a
    /// parameter that is not a list of vocabulary codes, and for the list of uses that may not be paid, whose items are
    /// its exclusions (what it leaves out is stated by the list of allowed uses).
    /// </summary>
    public static IReadOnlyList<CodeLine> Of(PolicySnapshot snapshot, string regionSlug, ParameterDefinition definition, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Key == EligibilityEngine.Keys.ExcludedUses || definition.Vocabulary is not { } group)
        {
            return [];
        }
        return [.. snapshot.ResolveCodes(regionSlug, definition.Key, date)
            .GroupBy(c => c.Ruling.State == CodeState.NotStated
                ? (c.Ruling.State, Owner: "", From: default(DateOnly), Unconfirmed: false, Adoption: false)
                : (c.Ruling.State, Owner: c.Ruling.Rule?.Owner.Slug ?? "", From: c.Ruling.Rule?.Value.From ?? default, c.Ruling.Unconfirmed, Adoption: c.Ruling.AwaitsAdoption))
            .OrderBy(g => g.Key.State switch { CodeState.Allowed => 0, CodeState.Excluded => 1, _ => 2 })
            .Select(g => new CodeLine(
                g.Key.State,
                [.. g.Select(c => c.Code)],
                [.. g.Select(c => snapshot.Vocabulary.Label(group, c.Code))],
                g.Key.State == CodeState.NotStated ? null : g.First().Ruling.Rule,
                g.Key.Unconfirmed,
                g.Key.Adoption))];
    }

    /// <summary>The codes the engine allows, e.g. for the quick answer's everyday words.</summary>
    public static IEnumerable<string> Allowed(IEnumerable<CodeLine> lines) =>
        lines.Where(l => l.State == CodeState.Allowed).SelectMany(l => l.Codes);

    /// <summary>The lines as one text, for a comparison cell's sameness.</summary>
    public static string Summary(IEnumerable<CodeLine> lines) => string.Join("；", lines.Select(l => l.Text));

    public static string StateWords(CodeState state) => state switch
    {
        CodeState.Allowed => "可以",
        CodeState.Excluded => "明确不包括",
        _ => "资料没有说明",
    };

    /// <summary>Why a line is in doubt, in words, or null: a national widening not yet adopted here, or a weak source.</summary>
    public static string? Doubt(CodeLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.AwaitsAdoption ? "国家已纳入，要由各地分别落地，没有资料说明这里已经执行"
            : line.Unconfirmed ? "未经证实"
            : null;
    }
}
