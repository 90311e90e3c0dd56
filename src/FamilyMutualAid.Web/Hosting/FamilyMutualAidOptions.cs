using System.ComponentModel.DataAnnotations;
using System.Net;

namespace FamilyMutualAid.Web.Hosting;

/// <summary>The database engines the site runs on (`FamilyMutualAid:DatabaseProvider`).</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded file (the default): one instance, nothing to install.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server shared by several instances.</summary>
    PostgreSql,
}

/// <summary>Where the site keeps its database and finds its seed and content files, and which proxies it trusts.</summary>
public sealed class FamilyMutualAidOptions : IValidatableObject
{
    public const string SectionName = "FamilyMutualAid";

    /// <summary>The database engine; its connection string is `ConnectionStrings:FamilyMutualAid` (SQLite: optional).</summary>
    public DatabaseProvider DatabaseProvider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder for the SQLite database, relative to the content root unless absolute.</summary>
    [Required]
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>SQLite file name inside <see cref="DataDirectory"/>.</summary>
    [Required]
    public string DatabaseFile { get; set; } = "familymutualaid.db";

    [Required]
    public string SeedsDirectory { get; set; } = "../../seeds";

    [Required]
    public string ContentDirectory { get; set; } = "../../content";

    /// <summary>
    /// How often (seconds) an instance compares the database's data version with its own, to pick up commits made
    /// by other instances or by `import` (PostgreSQL also tells it at once through LISTEN/NOTIFY).
    /// </summary>
    [Range(1, 3600)]
    public int DataVersionCheckSeconds { get; set; } = 1;

    /// <summary>Import seeds and content when the site starts (idempotent; a failing import changes nothing).</summary>
    public bool ImportOnStartup { get; set; } = true;

    /// <summary>
    /// Keep rendered public pages in memory (keyed on their inputs, evicted when new data is installed). Only the
    /// benchmark turns it off, to measure what a page costs rendered fresh.
    /// </summary>
    public bool CacheRenderedPages { get; set; } = true;

    /// <summary>
    /// Seconds a stopping instance (SIGTERM, a rolling restart) lets the requests in flight finish before it exits;
    /// keep it below systemd's TimeoutStopSec (30).
    /// </summary>
    [Range(1, 300)]
    public int ShutdownSeconds { get; set; } = 25;

    /// <summary>
    /// The site's public origin, e.g. https://guide.example.org: absolute addresses are built from it, and outside
    /// Development only its host may be named in a request's Host header. Required outside Development.
    /// </summary>
    public string? PublicOrigin { get; set; }

    /// <summary>
    /// Addresses or networks (CIDR) of the reverse proxies whose X-Forwarded-For/-Proto/-Host headers are believed;
    /// empty means loopback only. Headers from any other peer are ignored.
    /// </summary>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>The trusted proxies as networks (loopback when none are configured).</summary>
    public IReadOnlyList<IPNetwork> TrustedProxyNetworks() =>
        TrustedProxies.Count == 0
            ? [new IPNetwork(IPAddress.Loopback, 8), new IPNetwork(IPAddress.IPv6Loopback, 128)]
            : TrustedProxies.Select(p => ParseNetwork(p)!.Value).ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        TrustedProxies.Where(p => ParseNetwork(p) is null).Select(p => new ValidationResult(
            $"TrustedProxies: '{p}' is neither an IP address nor a network such as 10.0.0.0/24", [nameof(TrustedProxies)]));

    private static IPNetwork? ParseNetwork(string text) =>
        IPNetwork.TryParse(text, out var network) ? network
        : IPAddress.TryParse(text, out var address) ? new IPNetwork(address, address.GetAddressBytes().Length * 8)
        : null;

    public string Resolve(string contentRoot, string path) => Path.GetFullPath(Path.Combine(contentRoot, path));

    public string ConnectionString(string contentRoot) =>
        $"Data Source={Path.Combine(Resolve(contentRoot, DataDirectory), DatabaseFile)}";
}
