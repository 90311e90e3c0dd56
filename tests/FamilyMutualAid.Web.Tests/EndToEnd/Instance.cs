using FamilyMutualAid.Web.Tests.Infrastructure;
using FamilyMutualAid.Web.Tests.Infrastructure.Servers;
using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FamilyMutualAid.Web.Tests.EndToEnd;

/// <summary>
/// One production instance of the site: Kestrel on a fixed loopback port (so the proxy finds it again after a
/// restart), on a shared PostgreSQL database, importing the repository's files at start as a deployment does.
/// </summary>
public sealed class Instance(string connectionString, int port) : ProductionSiteFactory
{
    public int Port { get; } = port;

    /// <summary>Hooks into the instance's database work, for a test that breaks a step (see DatabaseHooks).</summary>
    public IReadOnlyList<IInterceptor> Interceptors { get; init; } = [];

    protected override bool StartsFromRepositoryData => false;

    /// <summary>Starts Kestrel (migrating and importing first) and returns once it answers.</summary>
    public Instance Start()
    {
        UseKestrel(Port);
        StartServer();
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("FamilyMutualAid:SeedsDirectory", Repository.Seeds);
        builder.UseSetting("FamilyMutualAid:ContentDirectory", Repository.Content);
        // Only LISTEN/NOTIFY can bring another instance's commit within the tests' 2 seconds.
        builder.UseSetting("FamilyMutualAid:DataVersionCheckSeconds", "30");
        if (Interceptors.Count > 0)
        {
            builder.ConfigureTestServices(services => services.ConfigureDbContext<PostgreSqlPolicyDbContext>(options => options.AddInterceptors(Interceptors)));
        }
    }

    protected override void UseDatabase(IWebHostBuilder builder) => PostgresServer.Use(builder, connectionString);

    /// <summary>A client of this instance alone, as the proxy talks to it (plain HTTP, X-Forwarded-Proto: https).</summary>
    public HttpClient Direct(CookieJar cookies)
    {
        var client = new HttpClient(new CookieHandler(cookies) { InnerHandler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false } })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{Port}"),
        };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return client;
    }
}

/// <summary>Cookies by name, kept across instances (HttpClient's own container never sends Secure cookies over http).</summary>
public sealed class CookieJar
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public void Take(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }
        lock (_cookies)
        {
            foreach (var pair in values.Select(v => v.Split(';')[0].Split('=', 2)))
            {
                _cookies[pair[0]] = pair[1];
            }
        }
    }

    public string? Header()
    {
        lock (_cookies)
        {
            return _cookies.Count == 0 ? null : string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));
        }
    }
}

internal sealed class CookieHandler(CookieJar jar) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (jar.Header() is { } cookies)
        {
            request.Headers.Add("Cookie", cookies);
        }
        var response = await base.SendAsync(request, cancellationToken);
        jar.Take(response);
        return response;
    }
}
