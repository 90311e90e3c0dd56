using Microsoft.Playwright;

namespace FamilyMutualAid.Browser.Tests;

/// <summary>
/// What every journey shares (as martincostello/website's <c>PageBase</c>): a fresh phone page in zh-CN and
/// Asia/Shanghai, its console, errors and responses kept, one screenshot and that log on failure, and the page closed.
/// </summary>
public abstract class JourneyBase(BrowserFixture browser)
{
    protected BrowserFixture Browser { get; } = browser;

    /// <summary>A fresh phone-sized page in Chinese and China's time zone, in a context of its own.</summary>
    public static async Task<IPage> NewPhonePageAsync(BrowserFixture browser)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var context = await browser.Browser.NewContextAsync(new()
        {
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new() { Width = 390, Height = 844 },
            IsMobile = true,
            BaseURL = browser.BaseAddress.ToString(),
        });
        return await context.NewPageAsync();
    }

    /// <summary>Saves a screenshot of <paramref name="page"/> (the whole page unless <paramref name="fullPage"/> is false) under artifacts/.</summary>
    protected static async Task ScreenshotAsync(IPage page, string file, bool fullPage = true)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, file), FullPage = fullPage });
    }

    /// <summary>
    /// Runs <paramref name="journey"/> on a fresh phone page; if it fails, saves failure-<paramref name="name"/>.png and
    /// failure-<paramref name="name"/>.log (console, page errors, responses) once, then rethrows the journey's own failure.
    /// </summary>
    protected async Task RunAsync(string name, Func<IPage, Task> journey)
    {
        ArgumentNullException.ThrowIfNull(journey);
        var page = await NewPhonePageAsync(Browser);
        var log = new List<string>();
        page.Console += (_, m) => log.Add("console: " + m.Text);
        page.PageError += (_, e) => log.Add("error: " + e);
        page.Response += (_, r) => log.Add($"response: {r.Status} {r.Request.Method} {r.Url}");
        try
        {
            await journey(page);
        }
        catch
        {
            await SaveFailureAsync(page, name, log);
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static async Task SaveFailureAsync(IPage page, string name, List<string> log)
    {
        await File.WriteAllLinesAsync(Path.Combine(BrowserFixture.ArtifactsDirectory, $"failure-{name}.log"), log);
        try
        {
            await ScreenshotAsync(page, $"failure-{name}.png");
        }
        catch (PlaywrightException)
        {
            // A page that cannot be photographed (crashed, closed) must not hide the journey's own failure.
        }
    }
}
