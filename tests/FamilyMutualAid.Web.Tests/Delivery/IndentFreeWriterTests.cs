using FamilyMutualAid.Web.Hosting;
using FamilyMutualAid.Web.Tests.Infrastructure;

namespace FamilyMutualAid.Web.Tests.Delivery;

/// <summary>Pages go out without the templates' indentation; line breaks, &lt;pre&gt; and &lt;textarea&gt; keep theirs.</summary>
public sealed class IndentFreeWriterTests
{
    private static string Written(params string[] chunks)
    {
        var output = new StringWriter();
        using var writer = new IndentFreeWriter(output);
        foreach (var chunk in chunks)
        {
            writer.Write(chunk);
        }
        writer.Flush();
        return output.ToString();
    }

    [Fact]
    public void Indentation_after_a_line_break_is_dropped_and_the_line_break_kept() =>
        Assert.Equal("<ul>\n<li>一</li>\n<li>二</li>\n</ul>\n", Written("<ul>\n    <li>一</li>\n\t\t<li>二</li>\n", "</ul>\n"));

    [Fact]
    public void Indentation_is_dropped_across_writes_but_spaces_inside_a_line_stay() =>
        Assert.Equal("<p>\n<a>甲</a> <span>乙</span>\n", Written("<p>\n", "        ", "<a>", "甲", "</a> <span>乙</span>", "\n"));

    [Fact]
    public void Pre_and_textarea_keep_every_space_until_they_end()
    {
        var text = Written("<div>\n    <pre><code>{\n  \"a\": 1\n}</code></pre>\n    <textarea name=\"yaml\">", "values:\n  2021-04-22: x\n", "</textarea>\n    <p>完</p>");

        Assert.Equal("<div>\n<pre><code>{\n  \"a\": 1\n}</code></pre>\n<textarea name=\"yaml\">values:\n  2021-04-22: x\n</textarea>\n<p>完</p>", text);
    }

    [Fact]
    public void A_tag_that_only_starts_like_pre_changes_nothing() =>
        Assert.Equal("<preview>\n<p>x</p>", Written("<preview>\n   <p>x</p>"));

    [Fact]
    public void Character_and_span_writes_are_treated_alike()
    {
        var output = new StringWriter();
        using (var writer = new IndentFreeWriter(output))
        {
            writer.Write('\n');
            writer.Write(' ');
            writer.Write("  <b>".ToCharArray(), 0, 5);
            writer.Write("\n   x".AsSpan());
        }
        Assert.Equal("\n<b>\nx", output.ToString());
    }

    [Fact]
    public async Task Async_writes_give_the_same_text()
    {
        var output = new StringWriter();
        await using (var writer = new IndentFreeWriter(output))
        {
            await writer.WriteAsync("<ol>\n    <li>");
            await writer.WriteAsync("一".AsMemory());
            await writer.WriteAsync("</li>\n    </ol>");
        }
        Assert.Equal("<ol>\n<li>一</li>\n</ol>", output.ToString());
    }
}

/// <summary>The site's pages as written: no line starts with indentation outside pre and textarea.</summary>
[Collection(SiteGroup.Name)]
public sealed class IndentFreePagesTests(SiteFactory site)
{
    [Theory]
    [InlineData("/regions/shanghai")]
    [InlineData("/compare?regions=shanghai,beijing")]
    [InlineData("/sources")]
    [InlineData("/check/people")]
    [InlineData("/staff/login")]
    public async Task No_line_of_a_page_starts_with_indentation(string url)
    {
        using var client = site.CreateClient();
        var html = await client.GetStringAsync(url);

        var indented = html.Split('\n').Where(line => line.Length > 0 && line[0] is ' ' or '\t').ToList();
        Assert.True(indented.Count == 0, string.Join("\n", indented.Take(5)));
        Assert.True(html.Split('\n').Length > 10, "the page keeps its line breaks");
    }

    [Fact]
    public async Task The_api_pages_code_samples_keep_their_indentation()
    {
        using var client = site.CreateClient();
        var page = await Html.GetAsync(client, "/api-docs");

        var sample = page.QuerySelectorAll("pre code").Select(code => code.TextContent).First(text => text.Contains("\"title\"", StringComparison.Ordinal));
        Assert.Contains("\n  \"", sample, StringComparison.Ordinal);
    }
}
