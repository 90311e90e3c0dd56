using System.Net;
using System.Text;
using FamilyMutualAid.Web.Tests.Infrastructure;
using FamilyMutualAid.Web.Tests.Staff;

namespace FamilyMutualAid.Web.Tests.Reliability;

/// <summary>
/// The fuzz of <see cref="InputFuzzTests"/> on the staff forms' YAML and Markdown fields (issue 23): deep nesting,
/// long texts, odd keys and bytes that are not UTF-8, posted by a signed-in editor. None may answer 5xx, the site
/// must answer afterwards, and a form that comes back must hold the text as typed. Its own site: these posts write.
/// </summary>
public sealed class StaffFormFuzzTests : IDisposable
{
    private const int Seed = 20261223;
    private const int Requests = 60;
    private readonly StaffSiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    private static readonly Func<Random, string>[] Texts =
    [
        r => "region: beijing\nparameters: " + new string('[', r.Next(30, 40_000)),
        r => "region: beijing\nparameters: " + string.Concat(Enumerable.Repeat("{a: ", r.Next(30, 5_000))),
        r => "region: beijing\n" + string.Concat(Enumerable.Range(0, r.Next(30, 300)).Select(i => new string(' ', i) + "a:\n")),
        r => "region: beijing\nparameters:\n  ? [a, b]\n  : x\n",
        r => "region: beijing\n? {a: 1}\n: 2\n",
        r => "region: beijing\nparameters:\n  relatives: &a [*a]\n",
        r => "region: beijing\nparameters:\n  \"\\u0000\": !!python/object {}\n  '': x\n  ~: y\n",
        r => "region: beijing\nparameters: '" + new string('x', r.Next(1, 250_000)),
        r => string.Concat(Enumerable.Repeat("> ", r.Next(30, 3_000))) + "引用",
        r => string.Concat(Enumerable.Range(0, r.Next(30, 400)).Select(i => new string(' ', 2 * i) + "- 项\n")),
        r => new string('[', r.Next(1, 20_000)) + new string('*', r.Next(1, 20_000)),
        r => "---\ntitle: x\n---\n" + new string('#', r.Next(1, 5_000)),
        r => "\ud800 \udfff \0 \uFEFF 上海 😀 a\ud83dz",
    ];

    private static readonly (string Url, string Form, string Field, string Handler)[] Forms =
    [
        ("/staff/regions/beijing", "form.editor", "Yaml", "Create"),
        ("/staff/parameters/beijing/annual_cap_share", "form.editor", "Yaml", "Save"),
        ("/staff/content/beijing/overview", "form#editor", "Body", "Save"),
        ("/staff/content/beijing/overview", "form#editor", "Body", "Preview"),
    ];

    [Fact]
    public async Task Generated_hostile_yaml_and_markdown_never_answer_5xx_lose_the_text_or_stop_the_site()
    {
        await _site.CreateAdminAsync();
        var client = _site.Browser();
        await StaffSiteFactory.SignInAsync(client, StaffSiteFactory.AdminEmail, StaffSiteFactory.AdminPassword);
        var random = new Random(Seed);
        var failures = new List<string>();
        for (var i = 0; i < Requests && failures.Count < 5; i++)
        {
            var (url, formSelector, field, handler) = Forms[random.Next(Forms.Length)];
            var text = Texts[random.Next(Texts.Length)](random);
            var notUtf8 = random.Next(5) == 0;
            var fields = new FormFields((await Html.GetAsync(client, url)).QuerySelector(formSelector)!).Set(field, text);
            using var response = notUtf8
                ? await PostBytesAsync(client, $"{url}?handler={handler}", fields, field)
                : await fields.PostAsync(client, url, handler);
            var described = $"#{i} {handler} {url} {field}={Shorten(text)}{(notUtf8 ? " (not UTF-8)" : "")}";
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{described} → {(int)response.StatusCode}");
            }
            else if (!notUtf8 && response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.Conflict
                && (await Html.ParseAsync(response)).QuerySelector($"textarea[name={field}]")?.TextContent is { } kept
                && kept.Trim() != Normalised(text).Trim())
            {
                failures.Add($"{described} → {(int)response.StatusCode} without the text as typed: {Shorten(kept.Trim())}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        await Html.GetAsync(client, "/staff/regions/beijing");
        await Html.GetAsync(client, "/staff/content/beijing/overview");
    }

    /// <summary>The form with the field's value as bytes that are not UTF-8 (a lone continuation byte, an overlong encoding).</summary>
    private static async Task<HttpResponseMessage> PostBytesAsync(HttpClient client, string action, FormFields fields, string field)
    {
        using var encoded = new FormUrlEncodedContent(fields.Values(field).Count == 0 ? [] : [.. TokenAndStamp(fields)]);
        var body = Encoding.ASCII.GetBytes(await encoded.ReadAsStringAsync() + $"&{field}=").Concat(new byte[] { 0x80, 0xC0, 0xAF, 0xFF, (byte)'[', 0xED, 0xA0, 0x80 }).ToArray();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        return await client.PostAsync(action, content);
    }

    private static IEnumerable<KeyValuePair<string, string>> TokenAndStamp(FormFields fields) =>
        new[] { "__RequestVerificationToken", "BaseStamp" }.SelectMany(name => fields.Values(name).Select(v => new KeyValuePair<string, string>(name, v)));

    /// <summary>The text as a browser posts it and the form shows it back: lone surrogates become U+FFFD.</summary>
    private static string Normalised(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)).Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + $"…({text.Length})";
}
