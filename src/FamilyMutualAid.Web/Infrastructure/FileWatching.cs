using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace FamilyMutualAid.Web.Infrastructure;

/// <summary>
/// One switch for every file watcher of the site: ASP.NET's own `hostBuilder:reloadConfigOnChange` (environment
/// variable `DOTNET_hostBuilder__reloadConfigOnChange=false`). When it is off, neither the configuration files nor the
/// web root (static files, `asp-append-version`) nor the content root are watched. On Linux each watcher takes one of
/// the 128 inotify instances that all processes of a user share; tests, CLI verbs and production need none of them.
/// </summary>
public static class FileWatching
{
    public const string SettingKey = "hostBuilder:reloadConfigOnChange";

    /// <summary>Arguments that start a host without watchers (for the command-line verbs).</summary>
    public static readonly string[] OffArguments = [$"--{SettingKey}=false"];

    public static bool IsOn(IConfiguration configuration) => configuration.GetValue(SettingKey, defaultValue: true);

    /// <summary>Replaces the environment's file providers with ones that read files but never watch them.</summary>
    public static void TurnOffFor(IWebHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        environment.WebRootFileProvider = Unwatched(environment.WebRootPath);
        environment.ContentRootFileProvider = Unwatched(environment.ContentRootPath);
    }

    private static IFileProvider Unwatched(string? root) =>
        root is not null && Directory.Exists(root) ? new UnwatchedFileProvider(new PhysicalFileProvider(root)) : new NullFileProvider();

    /// <summary>Files as they are on disk; a change token that never fires, so nothing starts a FileSystemWatcher.</summary>
    private sealed class UnwatchedFileProvider(PhysicalFileProvider files) : IFileProvider
    {
        public IFileInfo GetFileInfo(string subpath) => files.GetFileInfo(subpath);

        public IDirectoryContents GetDirectoryContents(string subpath) => files.GetDirectoryContents(subpath);

        public IChangeToken Watch(string filter) => NullChangeToken.Singleton;
    }
}
