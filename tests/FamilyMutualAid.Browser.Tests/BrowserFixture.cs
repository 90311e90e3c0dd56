using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FamilyMutualAid.Browser.Tests;

/// <summary>The real site on a loopback Kestrel port, and Debian's Chromium driven by Playwright (never a downloaded browser).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    // As in production: drafts are published by a second person's approval (Staff:RequireReview on).
    private readonly SiteFactory _site = new();
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The site's services, e.g. to create a staff account for a test.</summary>
    public IServiceProvider Services => _site.Services;

    public static string ArtifactsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts");

    public async Task InitializeAsync()
    {
        _site.UseKestrel(0);
        _site.StartServer();
        BaseAddress = _site.ClientOptions.BaseAddress;
        Directory.CreateDirectory(ArtifactsDirectory);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        await _site.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
