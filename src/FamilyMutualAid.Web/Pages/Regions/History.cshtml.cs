using FamilyMutualAid.Web.Caching;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Regions;

/// <summary>
/// One dated value in a parameter's history, and whether it still applies. <see cref="Reported"/>: its date is only
/// when a source reported it; <see cref="AwaitsAdoption"/>: a national value each province adopts on its own, which
/// no source says the page's region has adopted, so what it adds is not confirmed there.
/// </summary>
public sealed record HistoryEntry(
    DateOnly From,
    DateOnly? Until,
    string Value,
    string? Note,
    bool Unconfirmed,
    bool Current,
    DateOnly? SupersededOn,
    IReadOnlyList<(int Number, Source Source)> Citations)
{
    public bool Reported { get; init; }

    public bool AwaitsAdoption { get; init; }
}

/// <summary>How one parameter changed over time, as set by one region (the page's own or an ancestor).</summary>
public sealed record ParameterHistory(string Label, Region Owner, bool Inherited, IReadOnlyList<HistoryEntry> Entries);

/// <summary>What changed on one date according to one set of sources: the rules that took a new value, with it.</summary>
public sealed record RecentChange(DateOnly On, bool Reported, IReadOnlyList<Source> Sources, IReadOnlyList<(string Label, string Value, bool First)> Changes);

[PublishedPage]
public sealed class HistoryModel(PolicySnapshotProvider policy, TimeProvider clock) : PageModel
{
    public Region Region { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public IReadOnlyList<ParameterHistory> Parameters { get; private set; } = [];

    public Footnotes Footnotes { get; private set; } = null!;

    /// <summary>The latest changes up to today, newest first, grouped by date and sources.</summary>
    public IReadOnlyList<RecentChange> Recent { get; private set; } = [];

    /// <summary>How many dates the 最近变化 summary shows.</summary>
    public const int RecentDates = 3;

    public IActionResult OnGet(string slug)
    {
        var views = policy.Views;
        if (views.Snapshot.FindRegion(slug) is not { } region)
        {
            return NotFoundPage.For(this, slug);
        }
        Region = region;
        Today = PolicyText.Today(clock);
        // Built by the first request of a snapshot and date, then shared (see PublishedViews).
        (Footnotes, Parameters, Recent) = views.Get(Today, new Key(region), (published, _) =>
        {
            Footnotes = new Footnotes(published);
            var histories = new List<ParameterHistory>();
            foreach (var definition in published.Definitions)
            {
                foreach (var owner in published.LineageOf(slug))
                {
                    if (published.FindParameter(owner.Slug, definition.Key) is { } parameter)
                    {
                        histories.Add(History(published, definition, parameter, owner, owner.Slug != slug));
                    }
                }
            }
            return new View(Footnotes, histories, RecentChanges(published, slug));
        });
        return Page();
    }

    private sealed record Key(Region Region);

    private sealed record View(Footnotes Footnotes, IReadOnlyList<ParameterHistory> Parameters, IReadOnlyList<RecentChange> Recent);

    /// <summary>Every value that began on or before today, of the rules that apply here, grouped by its date and sources.</summary>
    private List<RecentChange> RecentChanges(PolicySnapshot snapshot, string slug)
    {
        var values = new List<(DateOnly From, bool Reported, string Sources, string Label, string Value, bool First)>();
        foreach (var definition in snapshot.Definitions)
        {
            // Only the nearest region that sets the rule: an ancestor's value that this region overrides did not change it here.
            if (snapshot.LineageOf(slug).Select(r => snapshot.FindParameter(r.Slug, definition.Key)).OfType<PolicyParameter>().FirstOrDefault() is not { } parameter)
            {
                continue;
            }
            var ordered = parameter.Values.OrderBy(v => v.From).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var value = ordered[i];
                if (value.From <= Today)
                {
                    values.Add((value.From, value.Reported, string.Join(",", value.SourceIds), definition.Label,
                        PolicyText.Value(definition, value.Value, snapshot.Vocabulary), i == 0));
                }
            }
        }
        return [.. values
            .GroupBy(v => (v.From, v.Reported, v.Sources))
            .OrderByDescending(g => g.Key.From)
            .Take(RecentDates)
            .Select(g => new RecentChange(
                g.Key.From,
                g.Key.Reported,
                [.. g.Key.Sources.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(snapshot.FindSource).OfType<Source>()],
                [.. g.Select(v => (v.Label, v.Value, v.First))]))];
    }

    /// <summary>
    /// Whether, on the value's first day, the engine still rules some code of it as awaiting local adoption here: no
    /// value of this region (or a nearer ancestor) states it yet.
    /// </summary>
    private bool AwaitsAdoption(PolicySnapshot snapshot, ParameterDefinition definition, DatedValue value) =>
        snapshot.ResolveCodes(Region.Slug, definition.Key, value.From).Any(c => c.Ruling.AwaitsAdoption);

    private ParameterHistory History(PolicySnapshot snapshot, ParameterDefinition definition, PolicyParameter parameter, Region owner, bool inherited)
    {
        var current = snapshot.Resolve(Region.Slug, definition.Key, Today)?.Value;
        var entries = parameter.Values.Reverse().Select(value =>
        {
            var successor = parameter.SuccessorOf(value);
            var ended = value.Until is { } until && until < Today ? until.AddDays(1) : (DateOnly?)null;
            return new HistoryEntry(
                value.From,
                value.Until,
                PolicyText.Value(definition, value.Value, snapshot.Vocabulary),
                value.Note,
                value.Unconfirmed,
                ReferenceEquals(value, current),
                successor is not null && successor.From <= Today ? successor.From : ended,
                Footnotes.Cite(value.SourceIds))
            {
                Reported = value.Reported,
                AwaitsAdoption = value.LocalAdoption && AwaitsAdoption(snapshot, definition, value),
            };
        }).ToList();
        return new ParameterHistory(definition.Label, owner, inherited, entries);
    }
}
