using FamilyMutualAid.Web.Data;
using Microsoft.Extensions.Options;
using FamilyMutualAid.Web.Hosting;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Infrastructure;

/// <summary>
/// `dotnet run -- export [--seeds DIR] [--content DIR]`: writes the published state back to the seed and content
/// files (by default the configured ones), so the changes can be reviewed with git diff.
/// </summary>
public static class ExportCommand
{
    private const string Usage = "Usage: export [--seeds DIR] [--content DIR]";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        var options = app.Services.GetRequiredService<IOptions<FamilyMutualAidOptions>>().Value;
        var root = app.Environment.ContentRootPath;
        // Folders given on the command line are relative to where the command runs, the configured ones to the content root.
        var seeds = options.Resolve(root, options.SeedsDirectory);
        var content = options.Resolve(root, options.ContentDirectory);
        for (var i = 1; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--seeds" when value is not null:
                    seeds = Path.GetFullPath(value);
                    break;
                case "--content" when value is not null:
                    content = Path.GetFullPath(value);
                    break;
                default:
                    await Console.Error.WriteLineAsync($"export: unknown or incomplete option '{args[i]}'. {Usage}");
                    return 2;
            }
        }

        await app.InitializeFamilyMutualAidAsync(importFiles: false);
        await using var scope = app.Services.CreateAsyncScope();
        var snapshot = await PolicySnapshotProvider.LoadAsync(scope.ServiceProvider.GetRequiredService<PolicyDbContext>(), CancellationToken.None);
        var report = await PolicyExporter.ExportAsync(snapshot, seeds, content, CancellationToken.None);
        foreach (var problem in report.Problems)
        {
            await Console.Error.WriteLineAsync(problem);
        }
        if (!report.Succeeded)
        {
            await Console.Error.WriteLineAsync($"export failed: {report.Problems.Count} problem(s); no file was changed.");
            return 1;
        }
        foreach (var path in report.Written)
        {
            Console.WriteLine($"written: {path}");
        }
        foreach (var path in report.Deleted)
        {
            Console.WriteLine($"deleted: {path}");
        }
        Console.WriteLine($"exported to {seeds} and {content}: {report.Written.Count} written, {report.Deleted.Count} deleted, {report.Unchanged} unchanged.");
        return 0;
    }
}
