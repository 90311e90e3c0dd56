using Microsoft.Extensions.Options;
using FamilyMutualAid.Web.Hosting;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Infrastructure;

/// <summary>`dotnet run -- import [--dry-run]`: validates the files and, unless dry-run, applies them.</summary>
public static class ImportCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        var dryRun = args.Contains("--dry-run", StringComparer.Ordinal);
        var unknown = args.Skip(1).Where(a => a != "--dry-run").ToList();
        if (unknown.Count > 0)
        {
            await Console.Error.WriteLineAsync($"import: unknown option {string.Join(' ', unknown)}. Usage: import [--dry-run]");
            return 2;
        }
        await app.InitializeFamilyMutualAidAsync(importFiles: false);
        var options = app.Services.GetRequiredService<IOptions<FamilyMutualAidOptions>>().Value;
        var root = app.Environment.ContentRootPath;
        await using var scope = app.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<PolicyImporter>().ImportAsync(
            options.Resolve(root, options.SeedsDirectory), options.Resolve(root, options.ContentDirectory), dryRun, CancellationToken.None);
        foreach (var problem in report.Problems)
        {
            await Console.Error.WriteLineAsync(problem.ToString());
        }
        if (!report.Succeeded)
        {
            await Console.Error.WriteLineAsync($"import failed: {report.Problems.Count} problem(s); nothing was changed.");
            return 1;
        }
        foreach (var conflict in report.Conflicts)
        {
            Console.WriteLine($"conflict: {conflict}");
        }
        Console.WriteLine($"{(dryRun ? "dry run, nothing written" : "imported")}: {report.Added.Count} added, {report.Updated.Count} updated, {report.Unchanged} unchanged, {report.Conflicts.Count} conflict(s).");
        return 0;
    }
}
