using FamilyMutualAid.Web.Tests.Infrastructure;

namespace FamilyMutualAid.Web.Tests.Caching;

/// <summary>Chinese goes out as UTF-8 text (shorter pages, no &amp;#x…; per character) while markup from data or a query is still encoded.</summary>
[Collection(SiteGroup.Name)]
public sealed class HtmlEncodingTests(SiteFactory site)
{
    private readonly HttpClient _client = site.CreateClient();

    [Fact]
    public async Task A_script_in_a_query_is_encoded_and_the_chinese_around_it_is_not()
    {
        var html = await _client.GetStringAsync("/regions?q=" + Uri.EscapeDataString("<script>alert(1)</script>上海"));

        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;上海", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x", html, StringComparison.Ordinal);
    }
}
