using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Markdown;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace FamilyMutualAid.Web.Content;

/// <summary>Checks the links inside content pages: internal links must reach a page that exists, and every
/// source cited as /sources#id must be listed in the page's front matter.</summary>
public static class ContentLinkChecker
{
    /// <summary>Site pages that exist whatever the data holds.</summary>
    private static readonly HashSet<string> FixedPaths = new(StringComparer.Ordinal) { "/", "/regions", "/sources", "/compare" };

    public static IEnumerable<ImportProblem> Check(PolicySnapshot snapshot, ImportSet set, MarkdownRenderer markdown)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(markdown);
        foreach (var page in snapshot.Pages)
        {
            var body = set.Find(PolicyValidator.PageSubject(page.RegionSlug, page.Key), "body");
            if (body is null)
            {
                continue;
            }
            foreach (var (line, message) in CheckPage(snapshot, page, markdown))
            {
                yield return new ImportProblem(body.File, body.Line + line, "link", message);
            }
        }
    }

    /// <summary>The link problems of one page, each with its 0-based line in the body (also used when staff publish).</summary>
    public static IEnumerable<(int Line, string Message)> CheckPage(PolicySnapshot snapshot, ContentPage page, MarkdownRenderer markdown)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(markdown);
        if (TextBounds.Markdown(page.Markdown) is { } breach)
        {
            // Not parsed: a page too deep to parse would fail on every page that shows it.
            yield return (breach.Line - 1, breach.Message);
            yield break;
        }
        foreach (var link in markdown.Parse(page.Markdown).Descendants<LinkInline>())
        {
            if (Problem(snapshot, page, link.Url ?? "") is { } problem)
            {
                yield return (link.Line, problem);
            }
        }
    }

    private static string? Problem(PolicySnapshot snapshot, ContentPage page, string url)
    {
        if (!MarkdownRenderer.IsSafe(url))
        {
            return $"link '{url}' is not allowed: use http, https, mailto, tel or a site path";
        }
        if (!url.StartsWith('/'))
        {
            return null;
        }
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var path = (hash < 0 ? url : url[..hash]).Split('?')[0];
        var fragment = hash < 0 ? null : url[(hash + 1)..];
        if (path == "/sources" && fragment is not null)
        {
            if (snapshot.FindSource(fragment) is null)
            {
                return $"link to unknown source '{fragment}'";
            }
            return page.SourceIds.Contains(fragment) ? null : $"cites source '{fragment}' that is not listed in the front matter 'sources'";
        }
        if (FixedPaths.Contains(path))
        {
            return null;
        }
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            ["regions", var slug] when snapshot.FindRegion(slug) is not null => null,
            ["regions", var slug, "history" or "binding"] when snapshot.FindRegion(slug) is not null => null,
            ["regions", var slug, "binding", var channel] when snapshot.FindPage(slug, $"{ContentPage.ChannelKind}/{channel}") is not null => null,
            ["regions", var slug, "binding", var channel, "checklist"] when snapshot.FindPage(slug, $"{ContentPage.ChannelKind}/{channel}") is not null => null,
            ["regions", var slug, var kind] when snapshot.FindPage(slug, kind) is not null => null,
            _ => $"broken internal link '{url}': no such page",
        };
    }
}
