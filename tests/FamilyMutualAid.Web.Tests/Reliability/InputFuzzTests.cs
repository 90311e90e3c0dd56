using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using FamilyMutualAid.Web.Tests.Infrastructure;

namespace FamilyMutualAid.Web.Tests.Reliability;

/// <summary>
/// A seeded, bounded fuzz over every public page and API: thousands of generated requests (hostile paths and query
/// strings, malformed and mistyped JSON, huge and tiny numbers, surrogates, wrong content types, GET and POST), none
/// of which may answer 5xx or echo hostile markup unencoded. The seed is fixed, so a failure names a request that
/// fails again the same way; read-only, so it shares the site with the other read-only tests.
/// </summary>
[Collection(SiteGroup.Name)]
public sealed class InputFuzzTests(SiteFactory site)
{
    private const int Seed = 20261201;
    private const int Requests = 3000;

    /// <summary>Inputs that are harmless only when encoded: none may come back verbatim in a response.</summary>
    private static readonly string[] Markers =
    [
        "<script>fuzz()</script>",
        "\"><b data-fuzz=1>",
        "' onmouseover='fuzz()",
        "</textarea><i>fuzz",
        "javascript:fuzz()//<u>",
    ];

    private static readonly string[] Hostile =
    [
        .. Markers,
        "", " ", "%", "%%", "%zz", "..", "../../etc/passwd", "..%2F..%2Fappsettings.json", "/", "//", "\\", "\0", "%00",
        "\r\nSet-Cookie: fuzz=1", "\u202Eevil", "\uFEFF", "😀", "上海", "{{7*7}}", "${jndi:ldap://x}", "'; DROP TABLE Records;--",
        "shanghai", "beijing", "national", "SHANGHAI", " shanghai ", "shanghai/../beijing", "all", "null", "undefined", "true",
        "NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e-30", "0.001", "-0", "-0.01", "0", "0.01", "3000", "10000000.01",
        "99999999999999999999999999999999", "0x10", "1,000", "１２３", "2026-02-30", "0000-01-01", "9999-12-31", "2026-11-01",
        "\ud800", "\udfff", "a\ud83dz", new string('a', 300), new string('9', 5000), new string('<', 2000),
    ];

    private static readonly string[] Regions = ["shanghai", "beijing", "fuzhou", "jiangsu", "gansu", "henan", "national", "atlantis"];

    private static readonly string[] PagePaths =
    [
        "/", "/regions", "/regions/{r}", "/regions/{r}/history", "/regions/{r}/binding", "/regions/{r}/{x}",
        "/regions/{r}/binding/{x}/checklist", "/regions/{r}/overview", "/regions/{r}/faq", "/regions/{r}/cross-region",
        "/compare", "/sources", "/check", "/check/people", "/check/details", "/check/answers", "/check/result", "/check/print", "/pay", "/pay/print", "/api-docs",
        "/api/regions", "/api/regions/{r}/policy", "/api/regions/{x}/policy", "/status/{x}", "/status/404", "/error",
        "/staff", "/staff/login", "/staff/content/{r}/{x}", "/staff/parameters/{r}/{x}", "/{x}", "/{x}/{x}",
        "/css/site.css", "/js/preview.js", "/healthz", "/places/{x}", "/places/320500", "/places/350100", "/display",
        "/api/places", "/js/place-search.js",
    ];

    private static readonly string[] QueryKeys =
    [
        "region", "regions", "asOf", "go", "step", "value", "balance", "selfPay", "memberOwnBalance", "sharerBalance",
        "sharedThisYear", "venue", "sharer_insurance", "sharer_status", "relationship", "member_insurance", "member_status",
        "location", "purpose", "sharer_place", "member_place", "amount", "from", "to", "handler", "code", "ReturnUrl", "saved", "published", "retired", "q", "only", "mode", "return", "limit", "{x}",
    ];

    private static readonly string[] ApiPaths = ["/api/eligibility", "/api/fund-usage"];

    private static readonly string EligibilityCase = """
        { "region": "shanghai", "asOf": "2026-11-01", "sharer": { "insurance": "employee", "status": "normal", "balance": 3000 },
          "member": { "relationship": "spouse", "insurance": "resident", "status": "normal", "location": "same_region" }, "purpose": "hospital" }
        """;

    private static readonly string FundUsageBill = """
        { "region": "beijing", "venue": "hospital", "selfPay": 800, "memberOwnBalance": 100, "sharerBalance": 1000, "sharedThisYear": 0 }
        """;

    private readonly HttpClient _client = site.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task Thousands_of_generated_hostile_requests_never_answer_5xx_or_echo_markup_unencoded()
    {
        var random = new Random(Seed);
        var token = await AntiforgeryAsync();
        var failures = new List<string>();
        var answered = new Dictionary<int, int>();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Requests && failures.Count < 10; i++)
        {
            using var request = (i % 4) switch
            {
                0 or 1 => PageRequest(random),
                2 => ApiRequest(random),
                _ => FormRequest(random, token),
            };
            var described = $"#{i} {request.Method} {Shorten(request.RequestUri!.OriginalString)} {Shorten(await BodyOf(request))}";
            try
            {
                using var response = await _client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                answered[(int)response.StatusCode / 100] = answered.GetValueOrDefault((int)response.StatusCode / 100) + 1;
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{described} → {(int)response.StatusCode}: {Shorten(body)}");
                }
                else if (Markers.FirstOrDefault(m => body.Contains(m, StringComparison.Ordinal) || HeadersOf(response).Contains(m, StringComparison.Ordinal)) is { } echoed)
                {
                    failures.Add($"{described} → {(int)response.StatusCode} echoes {echoed} unencoded");
                }
                else if (HeadersOf(response).Contains("fuzz=1", StringComparison.Ordinal))
                {
                    failures.Add($"{described} → a header was injected");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or IOException)
            {
                failures.Add($"{described} → {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // The requests reach the pages and the engine, not only the refusals: a fuzz of 400s alone would prove little.
        Assert.True(answered.GetValueOrDefault(2) > Requests / 10 && answered.GetValueOrDefault(4) > Requests / 10,
            string.Join(", ", answered.OrderBy(a => a.Key).Select(a => $"{a.Key}xx: {a.Value}")));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"{Requests} requests took {watch.Elapsed}");
    }

    private async Task<string> AntiforgeryAsync()
    {
        var page = await Html.GetAsync(_client, "/check/people");
        return page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>A hostile or ordinary word, sometimes two glued together.</summary>
    private static string Word(Random random) => random.Next(4) == 0 ? Pick(random, Hostile) + Pick(random, Hostile) : Pick(random, Hostile);

    /// <summary>Percent-encodes as UTF-8; a lone surrogate goes as the bytes UTF-8 would give it (%ED%A0%80), which are not UTF-8.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                escaped.Append(Uri.EscapeDataString(text.AsSpan(i++, 2)));
            }
            else if (char.IsSurrogate(text[i]))
            {
                escaped.Append("%ED%A0%80");
            }
            else
            {
                escaped.Append(Uri.EscapeDataString(text[i].ToString()));
            }
        }
        return escaped.ToString();
    }

    /// <summary>The text without lone surrogates, for places a client library would refuse them (JSON writer, headers).</summary>
    private static string Clean(string text) => string.Concat(text.EnumerateRunes().Where(r => r != Rune.ReplacementChar).Select(r => r.ToString()));

    private static StringContent Form(IEnumerable<KeyValuePair<string, string>> fields) => new(
        string.Join("&", fields.Select(f => $"{Escape(f.Key)}={Escape(f.Value)}")), Encoding.ASCII, "application/x-www-form-urlencoded");

    /// <summary>Percent-encodes, but now and then leaves the text raw or writes bytes that are not UTF-8.</summary>
    private static string UrlPart(Random random, string text) => random.Next(10) switch
    {
        0 => "%ED%A0%80" + Escape(text),
        1 => "%C3%28" + Escape(text),
        2 => Escape(text) + "%",
        _ => Escape(text),
    };

    private static HttpRequestMessage PageRequest(Random random)
    {
        // No NUL in a path: Kestrel refuses such a request line before the app sees it, and the test host throws.
        string PathPart() => UrlPart(random, Word(random).Replace("\0", "", StringComparison.Ordinal));
        var path = Pick(random, PagePaths).Replace("{r}", random.Next(3) == 0 ? PathPart() : Pick(random, Regions), StringComparison.Ordinal);
        while (path.Contains("{x}", StringComparison.Ordinal))
        {
            var index = path.IndexOf("{x}", StringComparison.Ordinal);
            path = path[..index] + PathPart() + path[(index + 3)..];
        }
        var query = string.Join("&", Enumerable.Range(0, random.Next(6)).Select(_ =>
        {
            var key = Pick(random, QueryKeys) is var k && k == "{x}" ? UrlPart(random, Word(random)) : k;
            return random.Next(8) == 0 ? key : $"{key}={UrlPart(random, Word(random))}";
        }));
        var url = query.Length == 0 ? path : $"{path}?{query}";
        var request = new HttpRequestMessage(random.Next(6) == 0 ? HttpMethod.Post : random.Next(20) == 0 ? HttpMethod.Head : HttpMethod.Get, Absolute(url));
        if (request.Method == HttpMethod.Post)
        {
            request.Content = Form([new(Word(random), Word(random))]);
        }
        return request;
    }

    private static HttpRequestMessage ApiRequest(Random random)
    {
        var path = Pick(random, ApiPaths);
        var text = random.Next(5) switch
        {
            0 => Malformed(random, path),
            1 => Nested(random),
            _ => Mutated(random, path),
        };
        var bytes = Encoding.UTF8.GetBytes(text);
        if (random.Next(12) == 0)
        {
            bytes = [.. bytes.Take(bytes.Length / 2), 0xC3, 0x28, 0xFF, .. bytes.Skip(bytes.Length / 2)];
        }
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", random.Next(8) switch
        {
            0 => "text/plain",
            1 => "application/x-www-form-urlencoded",
            2 => "application/json; charset=" + Printable(Word(random)),
            3 => Printable(Word(random)),
            _ => "application/json",
        });
        return new HttpRequestMessage(random.Next(15) == 0 ? HttpMethod.Put : HttpMethod.Post, Absolute(path)) { Content = content };
    }

    /// <summary>A valid body with fields removed, added or given values of the wrong type, size or text.</summary>
    private static string Mutated(Random random, string path)
    {
        var body = JsonNode.Parse(path == "/api/eligibility" ? EligibilityCase : FundUsageBill)!.AsObject();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var target = body;
            var keys = target.Select(p => p.Key).ToList();
            if (target[Pick(random, keys)] is JsonObject nested && random.Next(2) == 0)
            {
                target = nested;
                keys = [.. target.Select(p => p.Key)];
            }
            var key = random.Next(8) == 0 ? Clean(Word(random)) : Pick(random, keys);
            if (random.Next(6) == 0)
            {
                target.Remove(key);
            }
            else
            {
                target[key] = Value(random);
            }
        }
        var json = body.ToJsonString();
        // Raw JSON numbers and escapes a serializer would never write.
        return random.Next(3) == 0
            ? json.Replace("800", Pick(random, ["1e-30", "1e400", "-0", "0.001", "1E+999999999", "12.3451e1"]), StringComparison.Ordinal)
                .Replace("\"hospital\"", Pick(random, ["\"\\ud800\"", "\"hosp\\udc00ital\"", "\"\\u0000\"", "\"hospital\""]), StringComparison.Ordinal)
            : json;
    }

    private static JsonNode? Value(Random random) => random.Next(9) switch
    {
        0 => null,
        1 => JsonValue.Create(Clean(Word(random))),
        2 => JsonValue.Create(random.Next(2) == 0),
        3 => JsonValue.Create(random.NextDouble() * Math.Pow(10, random.Next(-40, 40))),
        4 => JsonValue.Create(-random.Next()),
        5 => new JsonArray(Value(random), JsonValue.Create(Clean(Word(random)))),
        6 => new JsonObject { [Clean(Word(random))] = Value(random) },
        7 => JsonValue.Create(decimal.MaxValue),
        _ => JsonValue.Create(Clean(Pick(random, Hostile))),
    };

    private static string Malformed(Random random, string path)
    {
        var json = path == "/api/eligibility" ? EligibilityCase : FundUsageBill;
        return random.Next(5) switch
        {
            0 => json[..random.Next(json.Length)],
            1 => json.Insert(random.Next(json.Length), Pick(random, ["{", "}", "[", "\"", ",", ":", "\\", "\\u", "\\ud800", "NaN"])),
            2 => Word(random),
            3 => "",
            _ => json.Replace(":", random.Next(2) == 0 ? "=" : "::", StringComparison.Ordinal),
        };
    }

    private static string Nested(Random random)
    {
        var depth = random.Next(1, 200);
        return new string('[', depth) + new string(']', random.Next(2) == 0 ? depth : depth / 2);
    }

    /// <summary>A POST of the check's question forms: unknown fields, hostile values, with or without the token.</summary>
    private static HttpRequestMessage FormRequest(Random random, string token)
    {
        var fields = new[] { "sharer_place", "member_place", "relationship", "purpose", "sharer_insurance", "sharer_status", "balance", "amount", "member_insurance", "member_status" };
        var values = new List<KeyValuePair<string, string>>();
        for (var n = random.Next(1, 6); n > 0; n--)
        {
            values.Add(new(random.Next(5) == 0 ? Word(random) : Pick(random, fields), random.Next(10) == 0 ? new string('9', random.Next(1, 10_000)) : Word(random)));
        }
        if (random.Next(4) != 0)
        {
            values.Add(new("__RequestVerificationToken", random.Next(8) == 0 ? Word(random) : token));
        }
        var path = Pick(random, ["/check/people", "/check/details", "/check"]);
        var query = random.Next(2) == 0 ? "" : $"?sharer_place={UrlPart(random, Word(random))}&amount={UrlPart(random, Word(random))}&balance={UrlPart(random, Word(random))}&return={UrlPart(random, Word(random))}";
        return new HttpRequestMessage(HttpMethod.Post, Absolute(path + query)) { Content = Form(values) };
    }

    /// <summary>Printable ASCII only, as a header value must be.</summary>
    private static string Printable(string text) => new([.. text.Where(c => c is >= ' ' and <= '~')]);

    /// <summary>The address on the test host; absolute, so a path that starts with "//" stays a path.</summary>
    private static Uri Absolute(string pathAndQuery) => new("http://localhost" + pathAndQuery);

    private static async Task<string> BodyOf(HttpRequestMessage request) =>
        request.Content is null ? "" : Encoding.UTF8.GetString(await request.Content.ReadAsByteArrayAsync());

    private static string HeadersOf(HttpResponseMessage response) =>
        string.Join("\n", response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
