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

    public static async Task<IDocument> GetAsync(HttpClient client, string url, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        return await ParseAsync(response);
    }
}
