using FamilyMutualAid.Rules;
using Microsoft.Extensions.DependencyInjection;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Infrastructure;

/// <summary>Publishes a change as staff would, through the real record editor of a site.</summary>
public static class PagePublishing
{
    /// <summary>Gives a content page (e.g. "shanghai/faq") a new title: a draft, then its publish.</summary>
    public static async Task PublishTitleAsync(IServiceProvider site, string key, string title)
    {
        ArgumentNullException.ThrowIfNull(site);
        EditResult saved;
        await using (var scope = site.CreateAsyncScope())
        {
            var editor = scope.ServiceProvider.GetRequiredService<RecordEditor>();
            var record = await editor.FindAsync(RecordKind.Page, key, CancellationToken.None) ?? throw new InvalidOperationException(key);
            var page = Payloads.Deserialize<ContentPage>(RecordEditor.Latest(record).Payload) with { Title = title };
            saved = await editor.SaveDraftAsync(RecordKind.Page, key, record.ConcurrencyStamp, Payloads.Serialize(page), "editor@example.org", "test", CancellationToken.None);
            Assert.Equal(EditOutcome.Done, saved.Outcome);
        }
        await using (var scope = site.CreateAsyncScope())
        {
            var published = await scope.ServiceProvider.GetRequiredService<RecordEditor>()
                .PublishAsync(RecordKind.Page, key, saved.Version!.Id, "publisher@example.org", CancellationToken.None);
            Assert.Equal(EditOutcome.Done, published.Outcome);
        }
    }

    /// <summary>Asks for a page until its heading is <paramref name="title"/>; returns how long that took.</summary>
    public static async Task<TimeSpan> WaitForTitleAsync(HttpClient client, string url, string title, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(client);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string? seen = null;
        while (clock.Elapsed < limit)
        {
            using var response = await client.GetAsync(url);
            var page = await Html.ParseAsync(response);
            seen = page.QuerySelector("h1")?.TextContent.Trim();
            if (seen == title)
            {
                return clock.Elapsed;
            }
            await Task.Delay(50);
        }
        Assert.Fail($"{url} still shows '{seen}' after {limit.TotalSeconds} s, not '{title}'");
        return clock.Elapsed;
    }
}
