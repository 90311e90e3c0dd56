using FamilyMutualAid.Web.Markdown;

namespace FamilyMutualAid.Web.Tests.Markdown;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Fact]
    public void Raw_html_is_shown_as_text_not_run()
    {
        var html = _renderer.ToHtml("前文 <script>alert(1)</script>\n\n<div onclick=\"x()\">块</div>");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<div", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JAVASCRIPT:alert(1)")]
    [InlineData("data:text/html,<b>x</b>")]
    [InlineData("vbscript:msgbox")]
    [InlineData("//evil.example/x")]
    public void Unsafe_link_targets_are_dropped(string target)
    {
        var html = _renderer.ToHtml($"[点我]({target})");

        Assert.DoesNotContain(target.Split(':')[0] + ":", html.Replace("href=\"\"", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
        Assert.Contains("点我", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://www.nhsa.gov.cn/")]
    [InlineData("http://example.org/a")]
    [InlineData("mailto:help@example.org")]
    [InlineData("tel:12393")]
    [InlineData("/regions/shanghai")]
    [InlineData("/sources#doc-000")]
    public void Safe_link_targets_are_kept(string target)
    {
        Assert.Contains($"href=\"{target}\"", _renderer.ToHtml($"[链接]({target})"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_paragraph_summary_leaves_out_link_text_and_formatting()
    {
        Assert.Equal("家庭共济是一种用法。", _renderer.FirstParagraphText("# 标题\n\n家庭共济是**一种**用法。[来源](/sources#a)\n\n第二段"));
    }

    [Fact]
    public void Citation_links_become_numbered_footnote_markers()
    {
        var numbers = new Dictionary<string, int> { ["doc-000"] = 3 };

        var html = _renderer.ToHtml("上海可以。[来源](/sources#doc-000) [来源](/sources#ghost)", id => numbers.TryGetValue(id, out var n) ? n : null);

        Assert.Contains("<a href=\"#fn-3\" class=\"cite\">[3]</a>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/sources#ghost\"", html, StringComparison.Ordinal);
    }
}
