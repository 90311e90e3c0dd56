using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace FamilyMutualAid.Browser.Tests;

/// <summary>The accessibility bar every public page must clear.</summary>
public static class Accessibility
{
    /// <summary>Fails on any serious or critical violation axe finds on the page.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}: " + string.Join("; ", serious));
    }
}
