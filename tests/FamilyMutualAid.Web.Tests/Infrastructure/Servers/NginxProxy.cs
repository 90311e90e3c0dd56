using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FamilyMutualAid.Web.Tests.Infrastructure.Servers;

/// <summary>
/// Debian's nginx running the repository's own site file (deploy/nginx/familymutualaid.conf) with a self-signed
/// certificate made for the test, test ports and paths put in for the production ones, in front of the given
/// instances. Clients connect from a chosen loopback address (127.0.0.0/8 is all local), so tests act as several
/// client addresses.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    private const string Nginx = "/usr/sbin/nginx";

    // Debian's package enables it in /etc/nginx/modules-enabled; the test's own nginx.conf loads it by name.
    private const string BrotliModule = "/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so";
    private readonly string _root;
    private readonly string _certificateHash;

    private NginxProxy(string root, int httpsPort, int httpPort, string certificateHash)
    {
        _root = root;
        HttpsPort = httpsPort;
        HttpPort = httpPort;
        _certificateHash = certificateHash;
    }

    public int HttpsPort { get; }

    public int HttpPort { get; }

    public string AccessLog => Path.Combine(_root, "access.log");

    public static async Task<NginxProxy> StartAsync(IReadOnlyList<int> instancePorts)
    {
        ArgumentNullException.ThrowIfNull(instancePorts);
        ExternalProcess.Require(Nginx, "nginx");
        ExternalProcess.Require("/usr/bin/openssl", "openssl");
        ExternalProcess.Require(BrotliModule, "libnginx-mod-http-brotli-filter");
        var root = Path.Combine(Path.GetTempPath(), "fma-nginx-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var certificate = Path.Combine(root, "cert.pem");
        var key = Path.Combine(root, "key.pem");
        await ExternalProcess.RunAsync("/usr/bin/openssl",
        [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", certificate,
        ]);
        var hash = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(certificate)).GetCertHashString(HashAlgorithmName.SHA256);

        var httpsPort = ExternalProcess.FreePort();
        var httpPort = ExternalProcess.FreePort();
        var site = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "deploy", "nginx", "familymutualaid.conf"));
        site = Substitute(site, "    server 127.0.0.1:5001 max_fails=0;\n    server 127.0.0.1:5002 max_fails=0;\n",
            string.Concat(instancePorts.Select(p => $"    server 127.0.0.1:{p} max_fails=0;\n")));
        site = Substitute(site, "server_name guide.example.org;", "server_name localhost;");
        site = Substitute(site, "listen 80 default_server;", $"listen 127.0.0.1:{httpPort} default_server;");
        site = Substitute(site, "listen [::]:80 default_server;", "");
        site = Substitute(site, "listen 443 ssl http2 default_server;", $"listen 127.0.0.1:{httpsPort} ssl http2 default_server;");
        site = Substitute(site, "listen [::]:443 ssl http2 default_server;", "");
        site = Substitute(site, "listen 80;", $"listen 127.0.0.1:{httpPort};");
        site = Substitute(site, "listen [::]:80;", "");
        site = Substitute(site, "listen 443 ssl http2;", $"listen 127.0.0.1:{httpsPort} ssl http2;");
        site = Substitute(site, "listen [::]:443 ssl http2;", "");
        site = Substitute(site, "/etc/letsencrypt/live/guide.example.org/fullchain.pem", certificate);
        site = Substitute(site, "/etc/letsencrypt/live/guide.example.org/privkey.pem", key);
        site = Substitute(site, "/var/log/nginx/familymutualaid.access.log", Path.Combine(root, "access.log"));
        site = Substitute(site, "/var/cache/nginx/familymutualaid", Path.Combine(root, "cache"));
        await File.WriteAllTextAsync(Path.Combine(root, "site.conf"), site);
        await File.WriteAllTextAsync(Path.Combine(root, "nginx.conf"), $$"""
            load_module {{BrotliModule}};
            worker_processes 1;
            pid {{root}}/nginx.pid;
            error_log {{root}}/error.log warn;
            events { worker_connections 512; }
            http {
                client_body_temp_path {{root}}/body;
                proxy_temp_path {{root}}/proxy;
                fastcgi_temp_path {{root}}/fastcgi;
                uwsgi_temp_path {{root}}/uwsgi;
                scgi_temp_path {{root}}/scgi;
                include {{root}}/site.conf;
            }
            """);
        var proxy = new NginxProxy(root, httpsPort, httpPort, hash);
        await ExternalProcess.RunAsync(Nginx, proxy.Arguments());
        return proxy;
    }

    /// <summary>A browser-like client (cookies, no automatic redirects) connecting from <paramref name="clientAddress"/>.</summary>
    public HttpClient CreateClient(string clientAddress = "127.0.0.1")
    {
        var local = IPAddress.Parse(clientAddress);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            SslOptions = new SslClientAuthenticationOptions
            {
                // Only the certificate made for this proxy is accepted: the test talks TLS to nginx, not to anything else.
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && certificate.GetCertHashString(HashAlgorithmName.SHA256) == _certificateHash,
            },
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{HttpsPort}") };
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExternalProcess.RunAsync(Nginx, [.. Arguments(), "-s", "stop"]);
        }
        finally
        {
            for (var i = 0; i < 50 && File.Exists(Path.Combine(_root, "nginx.pid")); i++)
            {
                await Task.Delay(100);
            }
            Directory.Delete(_root, recursive: true);
        }
    }

    private string[] Arguments() => ["-p", _root, "-c", Path.Combine(_root, "nginx.conf"), "-e", Path.Combine(_root, "error.log")];

    private static string Substitute(string text, string production, string test) =>
        text.Contains(production, StringComparison.Ordinal)
            ? text.Replace(production, test, StringComparison.Ordinal)
            : throw new InvalidOperationException($"deploy/nginx/familymutualaid.conf no longer contains '{production}'; update NginxProxy");
}
