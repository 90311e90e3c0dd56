using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace FamilyMutualAid.Web.Markdown;

/// <summary>Renders content Markdown to HTML with raw HTML disabled and only safe link schemes kept.</summary>
public sealed class MarkdownRenderer
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto", "tel"];

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .DisableHtml()
        .Build();

    public const string SourceLinkPrefix = "/sources#";

    /// <summary>Renders the page; with <paramref name="footnoteOf"/>, a citation link such as [来源](/sources#doc-000)
    /// becomes a numbered footnote marker [n] pointing at the page's source list.</summary>
    public string ToHtml(string markdown, Func<string, int?>? footnoteOf = null)
    {
        var document = Parse(markdown);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (footnoteOf is not null && link.Url?.StartsWith(SourceLinkPrefix, StringComparison.Ordinal) == true
                && footnoteOf(link.Url[SourceLinkPrefix.Length..]) is int number)
            {
                link.Url = $"#fn-{number}";
                // No tooltip: the footnote the marker links to names the source.
                link.Title = null;
                while (link.FirstChild is not null)
                {
                    link.FirstChild.Remove();
                }
                link.AppendChild(new LiteralInline($"[{number}]"));
                link.GetAttributes().AddClass("cite");
                continue;
            }
            if (!IsSafe(link.Url))
            {
                link.Url = "";
            }
            if (link.IsImage)
            {
                // Pages carry no images; show the alt text as a plain link-less span.
                link.IsImage = false;
            }
        }
        foreach (var autolink in document.Descendants<AutolinkInline>().Where(a => !IsSafe(a.Url)))
        {
            autolink.Url = "";
        }
        return document.ToHtml(_pipeline);
    }

    public MarkdownDocument Parse(string markdown) => Markdig.Markdown.Parse(markdown, _pipeline);

    /// <summary>The first paragraph as plain text, for summaries.</summary>
    public string FirstParagraphText(string markdown)
    {
        var paragraph = Parse(markdown).Descendants<ParagraphBlock>().FirstOrDefault();
        return paragraph?.Inline is null
            ? ""
            : string.Concat(paragraph.Inline.Descendants<LiteralInline>()
                .Where(l => l.FirstParentOfType<LinkInline>() is null)
                .Select(l => l.Content.ToString())).Trim().Replace(" 。", "。", StringComparison.Ordinal).Replace(" ，", "，", StringComparison.Ordinal);
    }

    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }
        var trimmed = url.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var slash = trimmed.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (slash >= 0 && slash < colon))
        {
            // Relative link, but never a protocol-relative one that leaves the site.
            return !trimmed.StartsWith("//", StringComparison.Ordinal) && !trimmed.StartsWith("\\\\", StringComparison.Ordinal);
        }
        var scheme = trimmed[..colon];
        return AllowedSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);
    }
}
