using System.Globalization;
using System.Net;
using System.Text;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace FamilyMutualAid.Web.Tests.Staff;

/// <summary>Who asks, in the route matrix: the roles of the staff area, and whether they are limited to a region.</summary>
public enum StaffAsker
{
    Anonymous,
    EditorOfAnotherRegion,
    EditorOfTheRecordsRegion,
    UnrestrictedEditor,
    Publisher,
    Admin,
}

/// <summary>A staff route from the app's endpoints, with its handlers (verb and name) as the page declares them.</summary>
public sealed record StaffRoute(RoutePattern Pattern, IReadOnlyList<(string Verb, string? Name)> Handlers, bool Anonymous)
{
    public string Template => "/" + Pattern.RawText!.TrimStart('/');

    /// <summary>The route filled in with values; null when it needs one that is not given.</summary>
    public string? Fill(IReadOnlyDictionary<string, string?> values)
    {
        var path = new StringBuilder();
        foreach (var segment in Pattern.PathSegments)
        {
            var text = new StringBuilder();
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        text.Append(literal.Content);
                        break;
                    case RoutePatternParameterPart parameter when values.GetValueOrDefault(parameter.Name) is { Length: > 0 } value:
                        text.Append(Uri.EscapeDataString(value));
                        break;
                    case RoutePatternParameterPart { IsOptional: true }:
                        break;
                    default:
                        return null;
                }
            }
            if (text.Length > 0)
            {
                path.Append('/').Append(text);
            }
        }
        return path.ToString();
    }
}

/// <summary>
/// The site for the route matrix: one staff member per role (editors limited to beijing and to shanghai, an editor
/// and a publisher without limits, the admin), one record of each kind, and a submission of it by the admin.
/// </summary>
public sealed class StaffRouteMatrixSite : IAsyncLifetime
{
    public const string Password = "a long enough staff password";
    public const string BeijingEditor = "matrix-beijing@example.org";
    public const string ShanghaiEditor = "matrix-shanghai@example.org";
    public const string Editor = "matrix-editor@example.org";
    public const string Publisher = "matrix-publisher@example.org";

    public StaffSiteFactory Site { get; } = new();

    public Dictionary<string, HttpClient> Clients { get; } = [];

    /// <summary>Each client's antiforgery token for its posts.</summary>
    public Dictionary<HttpClient, string> Tokens { get; } = [];

    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>One record of each kind, of beijing or shanghai where the kind has any, with its submission's id if it has one.</summary>
    public IReadOnlyList<(PolicyRecord Record, int? Review)> Samples { get; private set; } = [];

    public IReadOnlyList<StaffRoute> Routes { get; private set; } = [];

    /// <summary>The URLs the admin (who may work on everything) opens with 200: the URLs that name an existing record or region.</summary>
    public HashSet<string> Existing { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        await Site.CreateUserAsync(BeijingEditor, Password, "beijing", StaffRoles.Editor);
        await Site.CreateUserAsync(ShanghaiEditor, Password, "shanghai", StaffRoles.Editor);
        await Site.CreateUserAsync(Editor, Password, "", StaffRoles.Editor);
        await Site.CreateUserAsync(Publisher, Password, "", StaffRoles.Publisher);
        foreach (var (email, password) in new[] { (BeijingEditor, Password), (ShanghaiEditor, Password), (Editor, Password), (Publisher, Password), (StaffSiteFactory.AdminEmail, StaffSiteFactory.AdminPassword) })
        {
            var client = Site.Browser();
            using var response = await StaffSiteFactory.SignInAsync(client, email, password);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Clients[email] = client;
            Tokens[client] = await TokenAsync(client, "/staff/account");
        }
        Anonymous = Site.Browser();
        Tokens[Anonymous] = await TokenAsync(Anonymous, "/staff/login");
        Samples = await SamplesAsync();
        Routes = await RoutesAsync();
        foreach (var url in Samples.SelectMany(s => Routes.SelectMany(r => UrlsFor(r, s.Record, s.Review))).Select(u => u.Url).Distinct())
        {
            using var response = await Clients[StaffSiteFactory.AdminEmail].GetAsync(url);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Existing.Add(url);
            }
        }
    }

    /// <summary>
    /// The URLs a route gives for a record: its own region's first, and — for routes naming a record beyond its region — the
    /// same record under every other region segment (beijing, shanghai, "all"), as an attacker would write them.
    /// </summary>
    public static IEnumerable<(string Region, string Url)> UrlsFor(StaffRoute route, PolicyRecord record, int? review)
    {
        var values = ValuesOf(record, review);
        var namesMore = route.Pattern.Parameters.Any(p => p.Name != "slug");
        var regions = namesMore ? new[] { values["slug"], "beijing", "shanghai", EditableKind.Everywhere }.Distinct() : [values["slug"]];
        foreach (var region in regions)
        {
            if (route.Fill(new Dictionary<string, string?>(values) { ["slug"] = region }) is { } url)
            {
                yield return (region!, url);
            }
        }
    }

    /// <summary>The route values that name a record: its region segment, section or kind, key or channel, submission.</summary>
    public static Dictionary<string, string?> ValuesOf(PolicyRecord record, int? review)
    {
        var values = new Dictionary<string, string?>
        {
            ["slug"] = record.RegionSlug ?? EditableKind.Everywhere,
            ["id"] = review?.ToString(CultureInfo.InvariantCulture),
        };
        if ((record.Kind as EditableKind) is { } yaml)
        {
            var key = yaml.Split(record.Key).Key;
            (values["section"], values["kind"], values["key"], values["channel"]) = (yaml.Section, yaml.HistoryKind, key, key);
        }
        else if (record.Kind == RecordKind.Page)
        {
            var parts = record.Key.Split('/', 3);
            (values["kind"], values["channel"]) = (parts[1], parts.Length > 2 ? parts[2] : null);
        }
        else
        {
            (values["section"], values["kind"], values["key"], values["channel"]) = (record.Kind.Code, record.Kind.Code, record.Key, record.Key);
        }
        return values;
    }

    private async Task<List<(PolicyRecord, int?)>> SamplesAsync()
    {
        var kinds = RecordKind.All;
        var samples = new List<(PolicyRecord, int?)>();
        foreach (var kind in kinds)
        {
            var record = await Site.WithDbAsync(db => db.Records.AsNoTracking()
                .Where(r => r.Kind == kind)
                .OrderBy(r => r.RegionSlug == "beijing" ? 0 : r.RegionSlug == "shanghai" ? 1 : 2).ThenBy(r => r.Key)
                .FirstAsync());
            int? review = null;
            if (kind is PageKind or EditableKind)
            {
                review = await Site.SubmitForReviewAsync(kind, record.Key, StaffSiteFactory.AdminEmail);
            }
            samples.Add((record, review));
        }
        return samples;
    }

    /// <summary>Every Razor page under /staff, as the app's endpoints declare it, with its handlers.</summary>
    private async Task<List<StaffRoute>> RoutesAsync()
    {
        var loader = Site.Services.GetRequiredService<PageLoader>();
        var routes = new List<StaffRoute>();
        foreach (var endpoint in Site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page || !endpoint.RoutePattern.RawText!.TrimStart('/').StartsWith("staff", StringComparison.Ordinal))
            {
                continue;
            }
            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            routes.Add(new StaffRoute(endpoint.RoutePattern, [.. compiled.HandlerMethods.Select(h => (h.HttpMethod, h.Name))], endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null));
        }
        return routes;
    }

    private static async Task<string> TokenAsync(HttpClient client, string url) =>
        (await Html.GetAsync(client, url)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    /// <summary>Everything a request could have changed: the record's stamp, versions and submissions, and how many records, versions, submissions and audit entries there are.</summary>
    public Task<string> StateAsync(int recordId) => Site.WithDbAsync(async db =>
    {
        var record = await db.Records.AsNoTracking().Include(r => r.Versions).Include(r => r.Reviews).SingleAsync(r => r.Id == recordId);
        var reviews = string.Join(",", record.Reviews.OrderBy(r => r.Id).Select(r => $"{r.Id}:{r.State}"));
        return $"{record.ConcurrencyStamp} {record.Versions.Count} [{reviews}] records {await db.Records.CountAsync()} versions {await db.Versions.CountAsync()} reviews {await db.Reviews.CountAsync()} audit {await db.Audit.CountAsync()}";
    });

    public async Task DisposeAsync() => await Site.DisposeAsync();
}

/// <summary>
/// Every staff route (as the app declares them, so a new page is walked too) × every record kind × every role, each
/// handler by GET and POST: anonymous visitors go to the login page; whoever may not work on the record's region gets
/// 403 and changes nothing, whatever region the URL names; whoever may gets the page.
/// </summary>
public sealed class StaffRouteMatrixTests : IClassFixture<StaffRouteMatrixSite>
{
    private readonly StaffRouteMatrixSite _fixture;

    public StaffRouteMatrixTests(StaffRouteMatrixSite fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        fixture.Site.LogTo(output);
    }

    [Fact]
    public void The_matrix_walks_the_staff_routes_of_every_record_kind()
    {
        Assert.Contains(_fixture.Routes, r => r.Template.StartsWith("/staff/history/", StringComparison.Ordinal));
        Assert.Equal(RecordKind.All.Count, _fixture.Samples.Count);
        // Each kind staff edit is found under its own URLs, so the matrix is not only walking 404s.
        foreach (var (record, review) in _fixture.Samples.Where(s => s.Record.Kind is not (VocabularyKind or DefinitionKind)))
        {
            var found = _fixture.Routes.SelectMany(r => StaffRouteMatrixSite.UrlsFor(r, record, review)).Count(u => _fixture.Existing.Contains(u.Url));
            Assert.True(found >= 2, $"{record.Kind} {record.Key}: {found} staff URLs answer the admin");
        }
    }

    [Theory]
    [InlineData(StaffAsker.Anonymous)]
    [InlineData(StaffAsker.EditorOfAnotherRegion)]
    [InlineData(StaffAsker.EditorOfTheRecordsRegion)]
    [InlineData(StaffAsker.UnrestrictedEditor)]
    [InlineData(StaffAsker.Publisher)]
    [InlineData(StaffAsker.Admin)]
    public async Task Every_staff_route_answers_each_record_kind_as_the_askers_permission_says(StaffAsker asker)
    {
        var failures = new List<string>();
        var asked = 0;
        foreach (var (record, review) in _fixture.Samples)
        {
            if (ClientFor(asker, record) is not { } client)
            {
                continue;
            }
            var mayWork = asker is StaffAsker.EditorOfTheRecordsRegion or StaffAsker.UnrestrictedEditor or StaffAsker.Publisher or StaffAsker.Admin;
            foreach (var route in _fixture.Routes.Where(r => !r.Anonymous && r.Pattern.Parameters.Count > 0))
            {
                var urls = StaffRouteMatrixSite.UrlsFor(route, record, review).ToList();
                foreach (var (region, url) in urls)
                {
                    // Under its own region, a URL names the record when the admin finds it there; under another region,
                    // only when it does under its own and the region is not part of its key (a source; a submission's number),
                    // else it names another record.
                    var ownRegion = region == (record.RegionSlug ?? EditableKind.Everywhere);
                    var names = ownRegion ? _fixture.Existing.Contains(url)
                        : _fixture.Existing.Contains(urls[0].Url) && (record.RegionSlug is null || route.Pattern.GetParameter("id") is not null);
                    var limited = asker is StaffAsker.EditorOfAnotherRegion or StaffAsker.EditorOfTheRecordsRegion;
                    if (!names && (!ownRegion || !limited))
                    {
                        continue; // another record, or nothing (the admin's 404 stands for the unrestricted)
                    }
                    foreach (var (verb, handler) in route.Handlers)
                    {
                        var target = handler is null ? url : $"{url}?handler={handler}";
                        var before = mayWork ? null : await _fixture.StateAsync(record.Id);
                        using var response = verb == "Get" ? await client.GetAsync(target) : await PostAsync(client, target, record, dangerous: !mayWork);
                        asked++;
                        var status = (int)response.StatusCode;
                        var location = response.Headers.Location?.OriginalString ?? "";
                        string? wrong = asker switch
                        {
                            StaffAsker.Anonymous => status == 302 && location.Contains("/staff/login", StringComparison.Ordinal) ? null : "expected 302 to /staff/login",
                            _ when !mayWork && names => status == 403 ? null : "expected 403",
                            _ when !names || (limited && !ownRegion) => status is 403 or 404 ? null : "expected 403 or 404",
                            _ when !ownRegion => status == 404 ? null : "expected 404",
                            _ when verb == "Get" => status == 200 ? null : "expected 200",
                            // A handler may refuse in its own way (a form's problems, a conflict, a publisher's action, a kind it does not edit).
                            _ => status >= 500 || location.Contains("/staff/login", StringComparison.Ordinal) ? "expected the page's own answer" : null,
                        };
                        if (!mayWork && before != await _fixture.StateAsync(record.Id))
                        {
                            wrong = (wrong is null ? "" : wrong + "; ") + "changed the data";
                        }
                        if (wrong is not null)
                        {
                            failures.Add($"{asker} {verb.ToUpperInvariant()} {target} ({record.Kind} {record.Key}): {status} {location} — {wrong}");
                        }
                    }
                }
            }
        }

        Assert.True(asked > 0, "nothing was asked");
        Assert.True(failures.Count == 0, $"{failures.Count} of {asked} requests:\n" + string.Join("\n", failures.Take(60)));
    }

    /// <summary>The client of the asker for a record; null when no one plays that part (no editor's region is a source's).</summary>
    private HttpClient? ClientFor(StaffAsker asker, PolicyRecord record) => asker switch
    {
        StaffAsker.Anonymous => _fixture.Anonymous,
        StaffAsker.EditorOfAnotherRegion => _fixture.Clients[record.RegionSlug == "beijing" ? StaffRouteMatrixSite.ShanghaiEditor : StaffRouteMatrixSite.BeijingEditor],
        StaffAsker.EditorOfTheRecordsRegion => record.RegionSlug switch
        {
            "beijing" => _fixture.Clients[StaffRouteMatrixSite.BeijingEditor],
            "shanghai" => _fixture.Clients[StaffRouteMatrixSite.ShanghaiEditor],
            _ => null,
        },
        StaffAsker.UnrestrictedEditor => _fixture.Clients[StaffRouteMatrixSite.Editor],
        StaffAsker.Publisher => _fixture.Clients[StaffRouteMatrixSite.Publisher],
        _ => _fixture.Clients[StaffSiteFactory.AdminEmail],
    };

    /// <summary>
    /// Posts a form naming the record. For someone who may not work on it, the form would succeed if let through (the
    /// record's current stamp, its first version, a confirmed retire); otherwise it is refused by the page itself (no
    /// stamp), so the walk does not publish or retire what the next requests ask about.
    /// </summary>
    private async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, PolicyRecord record, bool dangerous)
    {
        var current = await _fixture.Site.WithDbAsync(db => db.Records.AsNoTracking().Include(r => r.Versions).SingleAsync(r => r.Id == record.Id));
        var draft = RecordEditor.Draft(current);
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = _fixture.Tokens[client],
            ["Kind"] = record.Kind.Code,
            ["Key"] = record.Key,
            ["Yaml"] = "",
            ["Note"] = "矩阵测试",
        };
        if (dangerous)
        {
            var stamp = current.ConcurrencyStamp.ToString();
            form["BaseStamp"] = stamp;
            form["stamp"] = stamp;
            form["versionId"] = current.Versions.Min(v => v.Id).ToString(CultureInfo.InvariantCulture);
            form["VersionId"] = (draft?.Id ?? 0).ToString(CultureInfo.InvariantCulture);
            form["ConfirmRetire"] = "true";
            form["Title"] = "不该保存的标题";
            form["Body"] = "不该保存的正文";
            form["Comment"] = "不该保存的意见";
            form["PublishAt"] = "2027-01-01T00:00";
            form["PageKind"] = "faq";
            form["PageTitle"] = "不该保存的页面";
        }
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(url, content);
    }
}
