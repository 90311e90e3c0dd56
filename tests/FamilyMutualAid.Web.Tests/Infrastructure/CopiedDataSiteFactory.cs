using Microsoft.AspNetCore.Hosting;

namespace FamilyMutualAid.Web.Tests.Infrastructure;

/// <summary>The site over a temp copy of the repository's seeds and content, which a test may change before start.</summary>
public sealed class CopiedDataSiteFactory : SiteFactory
{
    public CopiedDataSiteFactory()
    {
        Copy(Repository.Seeds, Path.Combine(DataRoot, "seeds"));
        Copy(Repository.Content, Path.Combine(DataRoot, "content"));
    }

    public string DataRoot { get; } = Path.Combine(Path.GetTempPath(), "fma-copy", Guid.NewGuid().ToString("N"));

    public void Replace(string relativePath, string oldText, string newText)
    {
        var path = Path.Combine(DataRoot, relativePath);
        var text = File.ReadAllText(path);
        Assert.Contains(oldText, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(oldText, newText, StringComparison.Ordinal));
    }

    protected override bool StartsFromRepositoryData => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("FamilyMutualAid:SeedsDirectory", Path.Combine(DataRoot, "seeds"));
        builder.UseSetting("FamilyMutualAid:ContentDirectory", Path.Combine(DataRoot, "content"));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DataRoot))
        {
            Directory.Delete(DataRoot, recursive: true);
        }
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
