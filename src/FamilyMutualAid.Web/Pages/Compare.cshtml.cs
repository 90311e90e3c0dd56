using FamilyMutualAid.Web.Caching;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Places;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages;

/// <summary>One cell of the comparison table: a region's value for a parameter today; a list of codes per code, as the check decides each.</summary>
public sealed record CompareCell(string Value, bool Unconfirmed, Region? InheritedFrom, IReadOnlyList<(int Number, Source Source)> Citations)
{
    public IReadOnlyList<CompareLine> Lines { get; init; } = [];
}

/// <summary>Codes of a list with the same ruling in one cell: whose rule (null when the column's region's own), any doubt, citations.</summary>
public sealed record CompareLine(string Text, Region? InheritedFrom, string? Doubt, IReadOnlyList<(int Number, Source Source)> Citations);

/// <summary>One row: a parameter and each chosen region's value.</summary>
public sealed record CompareRow(string Label, IReadOnlyList<CompareCell?> Cells)
{
    /// <summary>Whether the regions' values differ (a region without a value differs from one with).</summary>
    public bool Differs { get; } = Cells.Select(c => c?.Value).Distinct(StringComparer.Ordinal).Skip(1).Any();
}

[PublishedPage("regions", "r", "only")]
public sealed class CompareModel(PolicySnapshotProvider policy, PlaceDirectory places, TimeProvider clock) : PageModel
{
    public const int MinRegions = 2;
    public const int MaxRegions = 4;
    public const int MaxTypedLength = 40;

    public IReadOnlyList<Region> Chosen { get; private set; } = [];

    public IReadOnlyList<CompareRow> Rows { get; private set; } = [];

    public string? Error { get; private set; }

    /// <summary>Whether only the rows where the regions differ are shown (?only=differences).</summary>
    public bool OnlyDifferences { get; private set; }

    /// <summary>How many rows <see cref="OnlyDifferences"/> hides.</summary>
    public int SameRows { get; private set; }

    /// <summary>The shareable address of this comparison, with or without the 只看不同 switch.</summary>
    public string Link(bool onlyDifferences) =>
        "/compare?regions=" + Uri.EscapeDataString(string.Join(",", Chosen.Select(r => r.Slug))) + (onlyDifferences ? "&only=differences" : "");

    public DateOnly AsOf { get; private set; }

    public Footnotes Footnotes { get; private set; } = null!;

    /// <summary>What the reader typed into the form's fields, shown back beside an error.</summary>
    public IReadOnlyList<string> Typed { get; private set; } = [];

    /// <summary>The index of each field whose text names no single region.</summary>
    public IReadOnlySet<int> Unresolved { get; private set; } = new HashSet<int>();

    /// <summary>
    /// <paramref name="regions"/> is the shareable form (?regions=a,b); <paramref name="r"/> comes from the form's text
    /// fields (a region or city typed by name, pinyin or initials, as the place search takes), resolved here.
    /// </summary>
    public IActionResult OnGet(string? regions, string[]? r, string? only)
    {
        OnlyDifferences = only == "differences";
        var views = policy.Views;
        var snapshot = views.Snapshot;
        AsOf = PolicyText.Today(clock);
        Footnotes = new Footnotes(snapshot);
        if (r is { Length: > 0 })
        {
            Typed = [.. r.Take(MaxRegions).Select(t => t ?? "").Select(t => t.Length > MaxTypedLength ? t[..MaxTypedLength] : t)];
            var resolved = Typed.Select(t => PlaceViews.TypedRegion(places, snapshot, t)).ToList();
            Unresolved = Typed.Select((t, i) => (t, i)).Where(x => !string.IsNullOrWhiteSpace(x.t) && resolved[x.i] is null).Select(x => x.i).ToHashSet();
            if (Unresolved.Count > 0)
            {
                Error = $"没有找到唯一对应的地区：{string.Join("、", Unresolved.Select(i => "“" + Shorten(Typed[i].Trim()) + "”"))}。请输入城市或省份的名称，例如：苏州、上海。";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
            var picked = resolved.OfType<Region>().Select(region => region.Slug).Distinct(StringComparer.Ordinal);
            return Redirect("/compare?regions=" + Uri.EscapeDataString(string.Join(",", picked)) + (OnlyDifferences ? "&only=differences" : ""));
        }
        if (regions is null)
        {
            return Page();
        }
        var slugs = regions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        var unknown = slugs.Where(s => snapshot.FindRegion(s) is null).ToList();
        Error = unknown.Count > 0
            ? $"没有找到这些地区：{string.Join("、", unknown.Select(Shorten))}。"
            : slugs.Count is < MinRegions or > MaxRegions
                ? $"请选择{MinRegions}到{MaxRegions}个不同的地区进行对比，现在选了{slugs.Count}个。"
                : null;
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Chosen = [.. slugs.Select(s => snapshot.FindRegion(s)!)];
        var columns = Chosen.Select(region => views.ForRegion(region.Slug, AsOf, Column)!).ToList();
        // Footnotes are numbered here, row by row, because the numbers depend on which regions are side by side.
        var rows = snapshot.Definitions
            .Select((d, i) => new CompareRow(d.Label, [.. columns.Select(column => column.Values[i] is { } v
                ? new CompareCell(v.Value, v.Unconfirmed, v.InheritedFrom, v.Lines.Count > 0 ? [] : Footnotes.Cite(v.SourceIds))
                {
                    Lines = [.. v.Lines.Select(l => new CompareLine(l.Text, l.InheritedFrom, l.Doubt, Footnotes.Cite(l.SourceIds)))],
                }
                : null)]))
            .Where(row => row.Cells.Any(c => c is not null))
            .ToList();
        SameRows = rows.Count(row => !row.Differs);
        Rows = OnlyDifferences ? [.. rows.Where(row => row.Differs)] : rows;
        return Page();
    }

    /// <summary>A region's value of every parameter (in <see cref="PolicySnapshot.Definitions"/> order) on a date, worded: once per snapshot, region and day.</summary>
    private static CompareColumn Column(PolicySnapshot snapshot, Region region, DateOnly date) =>
        new([.. snapshot.Definitions.Select(d => snapshot.Resolve(region.Slug, d.Key, date) is { } effective
            ? Value(snapshot, region, d, effective, CodeLines.Of(snapshot, region.Slug, d, date))
            : null)]);

    private static CompareValue Value(PolicySnapshot snapshot, Region region, ParameterDefinition definition, EffectiveValue effective, IReadOnlyList<CodeLine> lines)
    {
        if (lines.Count == 0)
        {
            return new(PolicyText.Detailed(definition, effective.Value.Value, snapshot.Vocabulary), effective.Value.Unconfirmed, effective.Inherited ? effective.Owner : null, effective.Value.SourceIds, []);
        }
        var own = lines.Any(l => l.Owner?.Slug == region.Slug);
        IReadOnlyList<CompareLineValue> values = [.. lines.Select(l => new CompareLineValue(
            l.Text,
            l.Owner is { } owner && owner.Slug != region.Slug ? owner : null,
            CodeLines.Doubt(l),
            l.Rule is { } rule && l.State != CodeState.NotStated ? rule.Value.SourceIds : []))];
        return new(
            // What the rule says, not whose it is: a region inheriting the same rule does not differ from it.
            CodeLines.Summary(lines),
            lines.Any(l => l.State != CodeState.NotStated && (l.Unconfirmed || l.AwaitsAdoption)),
            own || !effective.Inherited ? null : effective.Owner,
            [],
            values);
    }

    private sealed record CompareValue(string Value, bool Unconfirmed, Region? InheritedFrom, IReadOnlyList<string> SourceIds, IReadOnlyList<CompareLineValue> Lines);

    private sealed record CompareLineValue(string Text, Region? InheritedFrom, string? Doubt, IReadOnlyList<string> SourceIds);

    private sealed record CompareColumn(IReadOnlyList<CompareValue?> Values);

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
