using System.Net;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FamilyMutualAid.Web.Tests.Staff;

/// <summary>
/// YAML and Markdown that used to stop the process or break a page (issue 23): refused beside the field with the
/// text kept, the site still answering afterwards.
/// </summary>
public sealed class StaffHostileInputTests : IDisposable
{
    private const string ParameterUrl = "/staff/parameters/beijing/annual_cap_share";
    private const string PageUrl = "/staff/content/beijing/overview";
    private static readonly string DeepYaml = "region: beijing\nparameters: " + new string('[', 30_000);
    private static readonly string DeepQuotes = string.Concat(Enumerable.Repeat("> ", 2_000)) + "引用";
    private readonly StaffSiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    private Task<HttpClient> AdminAsync() => _site.SignedInAdminAsync();

    private static async Task<HttpResponseMessage> PostNewRecordAsync(HttpClient client, string yaml)
    {
        var form = (await Html.GetAsync(client, "/staff/regions/beijing")).QuerySelector("form.editor")!;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Yaml"] = yaml,
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        });
        return await client.PostAsync("/staff/regions/beijing?handler=Create", content);
    }

    [Fact]
    public async Task Yaml_nested_thirty_thousand_deep_for_a_new_record_is_refused_beside_the_field_and_the_site_lives_on()
    {
        var client = await AdminAsync();

        using var refused = await PostNewRecordAsync(client, DeepYaml);
        var page = await Html.ParseAsync(refused);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("嵌套太深", page.QuerySelector("#yaml-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DeepYaml, page.QuerySelector("textarea[name=Yaml]")!.TextContent.Trim());
        await Html.GetAsync(client, "/staff/regions/beijing");
    }

    [Fact]
    public async Task Yaml_nested_thirty_thousand_deep_in_a_parameter_is_refused_not_stored_and_its_page_still_opens()
    {
        var client = await AdminAsync();

        using var refused = await StaffForms.PostYamlAsync(client, await Html.GetAsync(client, ParameterUrl), ParameterUrl, "Save", DeepYaml);
        var page = await Html.ParseAsync(refused);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("嵌套太深", page.QuerySelector("#yaml-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DeepYaml, page.QuerySelector("textarea[name=Yaml]")!.TextContent.Trim());
        Assert.False(await _site.WithDbAsync(db => db.Versions.AnyAsync(v => v.Status == VersionStatus.Draft && v.Record!.Key == "beijing/annual_cap_share")));
        await Html.GetAsync(client, ParameterUrl);
    }

    [Fact]
    public async Task A_complex_key_is_a_message_with_its_line_not_an_exception()
    {
        var client = await AdminAsync();

        using var refused = await PostNewRecordAsync(client, "region: beijing\nparameters:\n  ? [a, b]\n  : x\n");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("第 3 行", (await Html.ParseAsync(refused)).QuerySelector("#yaml-error")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Save")]
    [InlineData("Preview")]
    public async Task Markdown_quoted_two_thousand_deep_is_refused_with_the_text_kept_and_nothing_stored(string handler)
    {
        var client = await AdminAsync();
        var form = new FormFields((await Html.GetAsync(client, PageUrl)).QuerySelector("form#editor")!);
        form.Set("Body", DeepQuotes);

        using var refused = await form.PostAsync(client, PageUrl, handler);
        var page = await Html.ParseAsync(refused);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("嵌套太深", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DeepQuotes, page.QuerySelector("textarea[name=Body]")!.TextContent.Trim());
        Assert.False(await _site.WithDbAsync(db => db.Versions.AnyAsync(v => v.Status == VersionStatus.Draft && v.Record!.Key.StartsWith("beijing"))));
        await Html.GetAsync(client, PageUrl);
    }

    [Theory]
    [InlineData("a: 'it''s [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['\nb: \"{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\"\nc: |\n  [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n")]
    [InlineData("a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n")]
    public void Brackets_in_text_and_nesting_within_the_bound_are_not_refused(string yaml) =>
        Assert.Null(TextBounds.Yaml(yaml));

    [Theory]
    [InlineData("a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n")]
    [InlineData("a: [\"]]]]]\", [\"]]]]]]]\", [\"]]]]]\", [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n")]
    [InlineData("a: 'x'\nb: [\"#\", [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n")]
    public void Nesting_deeper_than_the_bound_is_refused_whatever_hides_it(string yaml) =>
        Assert.NotNull(TextBounds.Yaml(yaml));

    [Fact]
    public void Indentation_deeper_than_the_bound_is_refused() =>
        Assert.NotNull(TextBounds.Yaml(string.Concat(Enumerable.Range(0, 40).Select(i => new string(' ', i) + "a:\n"))));

    [Fact]
    public void Every_seed_and_content_file_is_within_the_bounds()
    {
        var root = Repository.Root;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "seeds"), "*.yaml", SearchOption.AllDirectories))
        {
            Assert.True(TextBounds.Yaml(File.ReadAllText(file)) is null, file);
        }
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "content"), "*.md", SearchOption.AllDirectories))
        {
            Assert.True(TextBounds.Markdown(File.ReadAllText(file)) is null, file);
        }
    }
}
