using System.Text;
using System.Text.RegularExpressions;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Content;

namespace FamilyMutualAid.Web.Publishing;

/// <summary>What an export found and did; paths are shown as seeds/… and content/….</summary>
public sealed record ExportReport(IReadOnlyList<string> Problems, IReadOnlyList<string> Written, IReadOnlyList<string> Deleted, int Unchanged)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Writes a snapshot (the published state) to seed and content folders in the importer's format, so content changes
/// can be reviewed in version control. The files are first written to a staging folder beside each target and read
/// back with the importer's reader; only when they validate and read back as the same data are the targets changed.
/// The exporter owns sources.yaml, regions.yaml, vocabulary.yaml, parameters.yaml and policy/*.yaml in the seeds
/// folder and every *.md in the content folder: it replaces what changed, deletes what is no longer published and
/// leaves other files (seeds/README.md, images) alone.
/// </summary>
public static partial class PolicyExporter
{
    private static readonly string[] SeedFiles = ["sources.yaml", "regions.yaml", "vocabulary.yaml", "parameters.yaml"];
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task<ExportReport> ExportAsync(PolicySnapshot snapshot, string seedsDirectory, string contentDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var seeds = Path.TrimEndingDirectorySeparator(Path.GetFullPath(seedsDirectory));
        var content = Path.TrimEndingDirectorySeparator(Path.GetFullPath(contentDirectory));
        if (snapshot.Regions.IsEmpty)
        {
            return Failed("nothing is published (no regions): refusing to replace the files with nothing; import or publish first");
        }
        var files = PolicyFiles.Render(snapshot);
        var unsafePaths = files.Where(f => !f.Path.Split('/').All(part => PathPart().IsMatch(part))).Select(f => $"{f.Folder}: '{f.Path}' is not a safe file name").ToList();
        if (unsafePaths.Count > 0)
        {
            return new(unsafePaths, [], [], 0);
        }

        var staging = new Staging(seeds, content);
        try
        {
            foreach (var file in files)
            {
                var path = staging.PathOf(file);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, Utf8.GetBytes(file.Text), cancellationToken);
            }
            var problems = Verify(snapshot, staging);
            if (problems.Count > 0)
            {
                return new(problems, [], [], 0);
            }
            return await ReplaceAsync(snapshot, files, staging, cancellationToken);
        }
        finally
        {
            staging.Delete();
        }
    }

    /// <summary>Reads the staged files as an import would: they must validate and hold exactly the exported data.</summary>
    private static List<string> Verify(PolicySnapshot snapshot, Staging staging)
    {
        var set = PolicyFileReader.Read(staging.Seeds, staging.Content);
        var problems = PolicyImporter.Validate(set).Select(p => $"the exported files would not import: {p}").ToList();
        if (problems.Count == 0)
        {
            problems.AddRange(SnapshotDifferences.Between(PolicyFileForm.Of(snapshot), set.ToSnapshot())
                .Select(d => $"the exported files would not read back as the published data: {d}"));
        }
        return problems;
    }

    private static async Task<ExportReport> ReplaceAsync(PolicySnapshot snapshot, IReadOnlyList<ExportedFile> files, Staging staging, CancellationToken cancellationToken)
    {
        var replace = new List<(string Staged, string Target, string Name)>();
        var unchanged = 0;
        foreach (var file in files)
        {
            var staged = staging.PathOf(file);
            var target = staging.TargetOf(file);
            if (File.Exists(target) && (Same(await File.ReadAllBytesAsync(target, cancellationToken), await File.ReadAllBytesAsync(staged, cancellationToken))
                || SaysTheSame(snapshot, staging, staged, target)))
            {
                unchanged++;
            }
            else
            {
                replace.Add((staged, target, staging.NameOf(target)));
            }
        }
        var exported = files.Select(staging.TargetOf).ToHashSet(StringComparer.Ordinal);
        var delete = OwnedFiles(staging.TargetSeeds, staging.TargetContent).Where(path => !exported.Contains(path)).Order(StringComparer.Ordinal).ToList();

        cancellationToken.ThrowIfCancellationRequested();
        // From here on, any failure puts back every file already touched.
        var undo = new Stack<Action>();
        try
        {
            foreach (var (staged, target, _) in replace)
            {
                if (File.Exists(target))
                {
                    var backup = staging.NewBackupPath();
                    File.Copy(target, backup);
                    undo.Push(() => File.Move(backup, target, overwrite: true));
                }
                else
                {
                    undo.Push(() => File.Delete(target));
                }
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(staged, target, overwrite: true);
            }
            foreach (var target in delete)
            {
                var backup = staging.NewBackupPath();
                File.Move(target, backup);
                undo.Push(() => File.Move(backup, target, overwrite: true));
            }
        }
        catch
        {
            while (undo.TryPop(out var step))
            {
                step();
            }
            throw;
        }
        foreach (var target in delete)
        {
            RemoveEmptyFolders(Path.GetDirectoryName(target)!, target.StartsWith(staging.TargetContent + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? staging.TargetContent : staging.TargetSeeds);
        }
        return new([], [.. replace.Select(r => r.Name)], [.. delete.Select(staging.NameOf)], unchanged);
    }

    /// <summary>
    /// Whether the file already there holds the same data as the one written (only its order, layout or comments
    /// differ): then it is left as it is, so exporting unchanged data changes no file. Tried by putting the file in
    /// place of the staged one and reading the staged set back; if it says the same, it stays in the staging set.
    /// </summary>
    private static bool SaysTheSame(PolicySnapshot snapshot, Staging staging, string staged, string target)
    {
        var written = staged + ".written";
        File.Move(staged, written);
        File.Copy(target, staged);
        var set = PolicyFileReader.Read(staging.Seeds, staging.Content);
        if (PolicyImporter.Validate(set).Count == 0 && SnapshotDifferences.Between(PolicyFileForm.Of(snapshot), set.ToSnapshot()).Count == 0)
        {
            File.Delete(written);
            return true;
        }
        File.Move(written, staged, overwrite: true);
        return false;
    }

    /// <summary>The files an export writes or removes: what the importer reads.</summary>
    private static IEnumerable<string> OwnedFiles(string seeds, string content)
    {
        foreach (var name in SeedFiles.Select(name => Path.Combine(seeds, name)).Where(File.Exists))
        {
            yield return name;
        }
        var policy = Path.Combine(seeds, "policy");
        if (Directory.Exists(policy))
        {
            foreach (var file in Directory.EnumerateFiles(policy, "*.yaml"))
            {
                yield return file;
            }
        }
        if (Directory.Exists(content))
        {
            foreach (var file in Directory.EnumerateFiles(content, "*.md", SearchOption.AllDirectories))
            {
                yield return file;
            }
        }
    }

    private static void RemoveEmptyFolders(string folder, string root)
    {
        while (folder.Length > root.Length && folder.StartsWith(root, StringComparison.Ordinal)
            && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
            folder = Path.GetDirectoryName(folder)!;
        }
    }

    private static bool Same(byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b);

    private static ExportReport Failed(string problem) => new([problem], [], [], 0);

    /// <summary>Region slugs, kinds and channel ids as the importer allows them, so no record can write outside the folders.</summary>
    [GeneratedRegex(@"^[a-z0-9][a-z0-9_-]*(\.yaml|\.md)?$")]
    private static partial Regex PathPart();

    /// <summary>
    /// Hidden staging folders beside the targets (same file system, so moving a file into place replaces it in one step),
    /// each holding a folder named like its target so that problems read "seeds/…" and "content/…".
    /// </summary>
    private sealed class Staging
    {
        private readonly string _id = Guid.NewGuid().ToString("N");
        private readonly HashSet<string> _roots = new(StringComparer.Ordinal);
        private int _backups;

        public Staging(string seeds, string content)
        {
            TargetSeeds = seeds;
            TargetContent = content;
            Seeds = Stage(seeds);
            Content = Stage(content);
            Backups = Path.Combine(Path.GetDirectoryName(Seeds)!, "backup");
            Directory.CreateDirectory(Seeds);
            Directory.CreateDirectory(Content);
            Directory.CreateDirectory(Backups);
        }

        public string TargetSeeds { get; }
        public string TargetContent { get; }
        public string Seeds { get; }
        public string Content { get; }
        private string Backups { get; }

        public string PathOf(ExportedFile file) => Path.Combine(file.Folder == ExportFolder.Seeds ? Seeds : Content, file.Path);

        public string TargetOf(ExportedFile file) => Path.Combine(file.Folder == ExportFolder.Seeds ? TargetSeeds : TargetContent, file.Path);

        public string NameOf(string target)
        {
            var root = target.StartsWith(TargetContent + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? TargetContent : TargetSeeds;
            return Path.Combine(Path.GetFileName(root), Path.GetRelativePath(root, target)).Replace('\\', '/');
        }

        public string NewBackupPath() => Path.Combine(Backups, $"{_backups++}");

        public void Delete()
        {
            foreach (var root in _roots.Where(Directory.Exists))
            {
                try
                {
                    Directory.Delete(root, recursive: true);
                }
                catch (IOException)
                {
                    // A leftover hidden staging folder is harmless; the export itself has finished or failed already.
                }
            }
        }

        private string Stage(string target)
        {
            var root = Path.Combine(Path.GetDirectoryName(target) ?? target, $".export-{_id}");
            _roots.Add(root);
            return Path.Combine(root, Path.GetFileName(target));
        }
    }
}
