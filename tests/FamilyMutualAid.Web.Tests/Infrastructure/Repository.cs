namespace FamilyMutualAid.Web.Tests.Infrastructure;

/// <summary>Paths inside the repository checkout the tests run from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Seeds => Path.Combine(Root, "seeds");

    public static string Content => Path.Combine(Root, "content");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FamilyMutualAid.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("FamilyMutualAid.sln not found above " + AppContext.BaseDirectory);
    }
}
