using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace FamilyMutualAid.Web.Hosting;

/// <summary>
/// Links to the site's own CSS and scripts with a version from their content (as asp-append-version gives), hashed once
/// per process: the files change only with a deploy, and the tag helper's per-request cache lookup was a large part of
/// what every page paid before its first byte.
/// </summary>
public sealed class StaticAssets(IWebHostEnvironment environment)
{
    private readonly ConcurrentDictionary<string, string> _urls = new(StringComparer.Ordinal);

    /// <summary>"/css/site.css?v=…"; the path alone when the file is missing.</summary>
    public string Url(string path) => _urls.GetOrAdd(path, Versioned, environment.WebRootFileProvider);

    private static string Versioned(string path, Microsoft.Extensions.FileProviders.IFileProvider files)
    {
        var file = files.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory)
        {
            return path;
        }
        using var stream = file.CreateReadStream();
        return path + "?v=" + WebEncoders.Base64UrlEncode(SHA256.HashData(stream));
    }
}
