using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FamilyMutualAid.Web.Tests.Infrastructure;

namespace FamilyMutualAid.Web.Tests.Api;

/// <summary>What the JSON API does with bodies that are not small UTF-8 JSON: refused with a problem naming why, never a 500 or a 200.</summary>
[Collection(SiteGroup.Name)]
public sealed class ApiBodyTests(SiteFactory site)
{
    private const string Bill = """{ "region": "beijing", "venue": "hospital", "selfPay": 800, "memberOwnBalance": 100, "sharerBalance": 1000, "sharedThisYear": 0 }""";

    private const string Case = """
        { "region": "shanghai", "sharer": { "insurance": "employee", "status": "normal", "balance": 3000 },
          "member": { "relationship": "spouse", "insurance": "resident", "status": "normal", "location": "same_region" }, "purpose": "hospital" }
        """;

    private readonly HttpClient _client = site.CreateClient();

    // Without the redirect handler, which buffers a request body to be able to send it again.
    private readonly HttpClient _streaming = site.CreateClient(new() { AllowAutoRedirect = false });

    public static TheoryData<string, string> Endpoints() => new()
    {
        { "/api/eligibility", Case },
        { "/api/fund-usage", Bill },
    };

    private async Task<(HttpStatusCode Status, string MediaType, JsonElement Body)> SendAsync(string url, HttpContent content)
    {
        using var response = await _client.PostAsync(url, content);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", document.RootElement.Clone());
    }

    private static ByteArrayContent Json(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static void AssertNames(JsonElement problem, string field, string message)
    {
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for {field}: {problem}");
        Assert.Contains(message, messages[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/eligibility", """{ "region": "\ud800" }""", "region")]
    [InlineData("/api/fund-usage", """{ "region": "bei\udc00jing" }""", "region")]
    [InlineData("/api/eligibility", """{ "region": "shanghai", "sharer": { "insurance": "\ud83d" } }""", "sharer.insurance")]
    [InlineData("/api/fund-usage", """{ "venue": ["\ud800"] }""", "venue[0]")]
    [InlineData("/api/fund-usage", """{ "\ud800": 1 }""", "body")]
    [InlineData("/api/eligibility", "\"\\ud800\"", "body")]
    public async Task A_lone_surrogate_in_a_json_string_is_refused_naming_the_field(string url, string body, string field)
    {
        var (status, mediaType, problem) = await SendAsync(url, Json(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", mediaType);
        AssertNames(problem, field, "Unicode");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Invalid_utf8_bytes_are_refused_naming_the_body(string url, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var broken = bytes.Concat(new byte[] { 0x20, 0xC3, 0x28, 0xFF, 0x20 }).ToArray();
        var inString = Encoding.UTF8.GetBytes(body.Replace("hospital", "hosp\u0001ital", StringComparison.Ordinal));
        inString[Array.IndexOf(inString, (byte)0x01)] = 0xFE;

        foreach (var payload in new[] { broken, inString })
        {
            var (status, mediaType, problem) = await SendAsync(url, Json(payload));

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("application/problem+json", mediaType);
            AssertNames(problem, "body", "UTF-8");
        }
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_body_with_a_byte_order_mark_is_still_read(string url, string body)
    {
        var (status, _, _) = await SendAsync(url, Json([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(body)]));

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_chunked_body_over_the_limit_is_refused_with_413_without_being_read_to_the_end(string url, string body)
    {
        using var content = new StreamedJson(body, totalBytes: 25 * 1024 * 1024);

        using var response = await _streaming.PostAsync(url, content);
        var sentBeforeTheAnswer = content.Written;
        content.Answered.TrySetResult();
        var text = await response.Content.ReadAsStringAsync();
        using var problem = JsonDocument.Parse(text);

        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        AssertNames(problem.RootElement, "body", "at most 16384 bytes");
        Assert.True(sentBeforeTheAnswer <= StreamedJson.PauseAfter, $"the site answered only after {sentBeforeTheAnswer} bytes of a body it refuses after 16 KB");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_chunked_body_under_the_limit_is_answered(string url, string body)
    {
        using var content = new StreamedJson(body, totalBytes: 12 * 1024);

        var (status, _, _) = await SendAsync(url, content);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_declared_length_over_the_limit_is_refused_with_413(string url, string body)
    {
        var (status, mediaType, problem) = await SendAsync(url, Json(Encoding.UTF8.GetBytes(body.Insert(1, new string(' ', 20_000)))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("application/problem+json", mediaType);
        AssertNames(problem, "body", "at most");
    }

    [Theory]
    [InlineData("/api/eligibility", "text/plain")]
    [InlineData("/api/fund-usage", "text/plain")]
    [InlineData("/api/fund-usage", "application/x-www-form-urlencoded")]
    [InlineData("/api/eligibility", "multipart/form-data; boundary=x")]
    [InlineData("/api/fund-usage", "application/json; charset=latin1")]
    [InlineData("/api/eligibility", null)]
    public async Task A_body_that_is_not_declared_as_json_is_refused_with_415(string url, string? contentType)
    {
        var body = url == "/api/eligibility" ? Case : Bill;
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        var (status, mediaType, problem) = await SendAsync(url, content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("application/problem+json", mediaType);
        AssertNames(problem, "Content-Type", "application/json");
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("Application/JSON")]
    [InlineData("application/vnd.example+json")]
    public async Task Json_media_types_are_accepted(string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Bill));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var (status, _, _) = await SendAsync("/api/fund-usage", content);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    /// <summary>
    /// A JSON body sent chunked (no Content-Length), produced as it is read: the JSON, then spaces before its closing
    /// brace up to <c>totalBytes</c>. After <see cref="PauseAfter"/> bytes it waits (10 s at most) for the test to see
    /// the answer, and stops once it has: a site that reads the whole body before answering is caught by the count.
    /// </summary>
    private sealed class StreamedJson : HttpContent
    {
        public const long PauseAfter = 1024 * 1024;

        private readonly byte[] _head;
        private readonly long _totalBytes;

        public StreamedJson(string json, long totalBytes)
        {
            _head = Encoding.UTF8.GetBytes(json.TrimEnd()[..^1]);
            _totalBytes = totalBytes;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        public TaskCompletionSource Answered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long Written { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var spaces = Enumerable.Repeat((byte)' ', 8192).ToArray();
            try
            {
                await WriteAsync(stream, _head);
                var paused = false;
                while (Written < _totalBytes - 1 && !Answered.Task.IsCompleted)
                {
                    if (!paused && Written >= PauseAfter)
                    {
                        paused = true;
                        await Task.WhenAny(Answered.Task, Task.Delay(TimeSpan.FromSeconds(10)));
                        continue;
                    }
                    await WriteAsync(stream, spaces.AsMemory(0, (int)Math.Min(spaces.Length, _totalBytes - 1 - Written)));
                }
                await WriteAsync(stream, "}"u8.ToArray());
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException or ObjectDisposedException)
            {
                // The site stopped reading and answered; the rest of the body is never sent.
            }
        }

        private async Task WriteAsync(Stream stream, ReadOnlyMemory<byte> bytes)
        {
            await stream.WriteAsync(bytes);
            await stream.FlushAsync();
            Written += bytes.Length;
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
