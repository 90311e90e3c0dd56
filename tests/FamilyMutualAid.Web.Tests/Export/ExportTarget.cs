using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Export;

/// <summary>A temp folder with seeds/ and content/ to export into, and helpers to export and read back.</summary>
public sealed class ExportTarget : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "fma-export", Guid.NewGuid().ToString("N"));

    public string Seeds => Path.Combine(Root, "seeds");

    public string Content => Path.Combine(Root, "content");

    public async Task<ExportReport> ExportAsync(PolicySnapshot snapshot)
    {
        var report = await PolicyExporter.ExportAsync(snapshot, Seeds, Content, CancellationToken.None);
        Assert.True(report.Succeeded, string.Join("\n", report.Problems));
        return report;
    }

    public ImportSet Read() => PolicyFileReader.Read(Seeds, Content);

    /// <summary>Every file below the folder, by relative path, with its bytes.</summary>
    public SortedDictionary<string, byte[]> Files() => new(
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .ToDictionary(path => Path.GetRelativePath(Root, path).Replace('\\', '/'), File.ReadAllBytes),
        StringComparer.Ordinal);

    public string Text(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public bool Exists(string relativePath) => File.Exists(Path.Combine(Root, relativePath)) || Directory.Exists(Path.Combine(Root, relativePath));

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
