using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>Something in a region to check next, with where to go.</summary>
public sealed record FreshnessItem(string Region, string Kind, string Text, string? Url);

/// <summary>What to check next, per region: stale pages and values, local values older than a newer national rule, open disagreements.</summary>
public sealed class FreshnessModel(UserManager<StaffUser> users, PolicySnapshotProvider policy, TimeProvider clock) : PageModel
{
    public IReadOnlyList<IGrouping<string, FreshnessItem>> Regions { get; private set; } = [];

    /// <summary>A region's Chinese name, as residents see it.</summary>
    public string RegionName(string slug) => policy.Current.FindRegion(slug)?.Name ?? slug;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } staff)
        {
            return Challenge();
        }
        var snapshot = policy.Current;
        var today = PolicyText.Today(clock);
        var yearAgo = today.AddYears(-1);
        var items = new List<FreshnessItem>();
        foreach (var page in snapshot.Pages.Where(p => p.LastVerified < yearAgo))
        {
            items.Add(new(page.RegionSlug, "一年以上未核实", $"页面“{page.Title}”最近核实于 {PolicyText.Date(page.LastVerified)}", new ContentKey(page.RegionSlug, page.Kind, page.Channel).Url));
        }
        foreach (var parameter in snapshot.Parameters.Where(p => p.LastVerified is { } d && d < yearAgo))
        {
            items.Add(new(parameter.RegionSlug, "一年以上未核实", $"规则“{snapshot.FindDefinition(parameter.Key)?.Label}”最近核实于 {PolicyText.Date(parameter.LastVerified!.Value)}", RecordKind.Parameter.EditUrl(parameter.RegionSlug, parameter.Key)));
        }
        foreach (var parameter in snapshot.Parameters.Where(p => p.RegionSlug != "national"))
        {
            var national = snapshot.FindParameter("national", parameter.Key)?.Values.LastOrDefault(v => v.From <= today);
            var local = parameter.ValueOn(today);
            if (national is not null && local is not null
                && local.SourceIds.Select(snapshot.FindSource).OfType<Source>().All(s => s.Date is { } date && date < national.From))
            {
                items.Add(new(parameter.RegionSlug, "来源早于新的全国规则",
                    $"“{snapshot.FindDefinition(parameter.Key)?.Label}”的本地规定只有 {PolicyText.Date(national.From)} 全国新规之前的来源", RecordKind.Parameter.EditUrl(parameter.RegionSlug, parameter.Key)));
            }
        }
        foreach (var disagreement in snapshot.Disagreements.Where(d => d.DecisionOn(today) is { Resolution: Resolution.CheckLocally }))
        {
            items.Add(new(disagreement.RegionSlug, "说法不一、尚无定论", disagreement.Topic, RecordKind.Disagreement.EditUrl(disagreement.RegionSlug, disagreement.Id)));
        }
        Regions = [.. items.Where(i => staff.MayWorkOn(i.Region)).GroupBy(i => i.Region).OrderBy(g => g.Key, StringComparer.Ordinal)];
        return Page();
    }
}
