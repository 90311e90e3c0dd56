using System.Security.Cryptography;
using System.Text;

namespace FamilyMutualAid.Web.Publishing;

/// <summary>
/// One hash over every file under seeds/ and content/ (relative path and bytes, in ordinal order of the path) and the
/// build of the code that turns them into records: equal hashes mean an import would read the same input the same way.
/// </summary>
public static class ImportedFileHash
{
    public static string Of(string seedsDirectory, string contentDirectory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // A new build may store the same files differently (payload shape, validation): it imports once.
        foreach (var assembly in new[] { typeof(ImportedFileHash).Assembly, typeof(Rules.PolicySnapshot).Assembly })
        {
            hash.AppendData(assembly.ManifestModule.ModuleVersionId.ToByteArray());
        }
        Append(hash, "seeds", seedsDirectory);
        Append(hash, "content", contentDirectory);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string name, string directory)
    {
        hash.AppendData(Encoding.UTF8.GetBytes($"{name}\0"));
        if (!Directory.Exists(directory))
        {
            return;
        }
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(path => (Path: path, Relative: Path.GetRelativePath(directory, path).Replace('\\', '/')))
            .OrderBy(file => file.Relative, StringComparer.Ordinal);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file.Path);
            hash.AppendData(Encoding.UTF8.GetBytes($"{file.Relative}\0{bytes.Length}\0"));
            hash.AppendData(bytes);
        }
    }
}
