using AngleSharp;
using AngleSharp.Dom;

namespace FamilyMutualAid.Web.Tests.Infrastructure;

/// <summary>Fetches a page and parses it, so tests query the DOM instead of matching strings.</summary>
public static class Html
{
    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(request => request.Content(html));
    }

    /// <summary>The titles of the sources that the footnote markers in <paramref name="part"/> link to, as a reader finds them.</summary>
    public static IReadOnlyList<string> CitedSources(IDocument page, IElement part)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(part);
        return [.. part.QuerySelectorAll("sup.cite a").Select(a =>
        {
            Assert.False(a.HasAttribute("title"), "a footnote marker repeats its source in a tooltip");
            return page.QuerySelector($"section.footnotes li{a.GetAttribute("href")} > a")!.TextContent;
        })];
    }

    public static async Task<IDocument> GetAsync(HttpClient client, string url, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        return await ParseAsync(response);
    }
}
