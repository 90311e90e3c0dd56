using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FamilyMutualAid.Web.Tests.Infrastructure.Servers;

/// <summary>Runs the server programs the deployment tests need, and finds free loopback ports for them.</summary>
public static class ExternalProcess
{
    /// <summary>PostgreSQL refuses to run as root; as root the servers run as this user (made by Debian's postgresql package).</summary>
    public const string ServiceUser = "postgres";

    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Runs a program to its end; a non-zero exit throws with its output.</summary>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, bool asServiceUser = false, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo
        {
            FileName = asServiceUser && IsRoot ? "runuser" : program,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asServiceUser && IsRoot)
        {
            foreach (var argument in new[] { "-u", ServiceUser, "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish in time");
        }
        var text = await output + await error;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {text}");
        }
        return text;
    }

    /// <summary>A folder for a server's files, owned by the user the server runs as.</summary>
    public static async Task<string> CreateServerDirectoryAsync(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), name + "-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        if (IsRoot)
        {
            await RunAsync("chown", [$"{ServiceUser}:", path]);
        }
        return path;
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The path of a program, or a failure naming the Debian package that provides it.</summary>
    public static string Require(string path, string package) => File.Exists(path) ? path : throw Missing(path, package);

    public static InvalidOperationException Missing(string what, string package) => new(
        $"{what} is missing: apt-get install {package} (.ci/run does), or set {ServerFactAttribute.SkipVariable}=1 to skip these tests locally");
}
