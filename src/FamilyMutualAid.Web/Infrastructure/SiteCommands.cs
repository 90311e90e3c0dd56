namespace FamilyMutualAid.Web.Infrastructure;

/// <summary>Command-line verbs of the site (`dotnet run --project src/FamilyMutualAid.Web -- VERB ...`).</summary>
public static class SiteCommands
{
    private static readonly Dictionary<string, Func<WebApplication, string[], Task<int>>> Verbs = new(StringComparer.Ordinal)
    {
        ["import"] = ImportCommand.RunAsync,
        ["create-admin"] = CreateAdminCommand.RunAsync,
        ["export"] = ExportCommand.RunAsync,
    };

    public static bool Matches(string[] args) => args.Length > 0 && Verbs.ContainsKey(args[0]);

    public static Task<int> RunAsync(WebApplication app, string[] args) => Verbs[args[0]](app, args);
}
