using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FamilyMutualAid.Web.Pages.Regions;

/// <summary>One dated value in a parameter's history, and whether it still applies.</summary>
public sealed record HistoryEntry(
    DateOnly From,
    DateOnly? Until,
    string Value,
    string? Note,
    bool Unconfirmed,
    bool Current,
    DateOnly? SupersededOn,
    IReadOnlyList<(int Number, Source Source)> Citations);

/// <summary>How one parameter changed over time, as set by one region (the page's own or an ancestor).</summary>
public sealed record ParameterHistory(string Label, Region Owner, bool Inherited, IReadOnlyList<HistoryEntry> Entries);

public sealed class HistoryModel(PolicySnapshotProvider policy, TimeProvider clock) : PageModel
{
    public Region Region { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public IReadOnlyList<ParameterHistory> Parameters { get; private set; } = [];

    public Footnotes Footnotes { get; private set; } = null!;

    public IActionResult OnGet(string slug)
    {
        var snapshot = policy.Current;
        if (snapshot.FindRegion(slug) is not { } region)
        {
            return NotFoundPage.For(this, slug);
        }
        Region = region;
        Today = PolicyText.Today(clock);
        Footnotes = new Footnotes(snapshot);
        var histories = new List<ParameterHistory>();
        foreach (var definition in snapshot.Definitions)
        {
            foreach (var owner in snapshot.LineageOf(slug))
            {
                if (snapshot.FindParameter(owner.Slug, definition.Key) is { } parameter)
                {
                    histories.Add(History(snapshot, definition, parameter, owner, owner.Slug != slug));
                }
            }
        }
        Parameters = histories;
        return Page();
    }

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
                Footnotes.Cite(value.SourceIds));
        }).ToList();
        return new ParameterHistory(definition.Label, owner, inherited, entries);
    }
}
