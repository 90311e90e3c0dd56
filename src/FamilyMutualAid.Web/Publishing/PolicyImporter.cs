using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Markdown;
using Microsoft.EntityFrameworkCore;
using FamilyMutualAid.Web.Content;

namespace FamilyMutualAid.Web.Publishing;

/// <summary>What an import found and did.</summary>
public sealed record ImportReport(
    IReadOnlyList<ImportProblem> Problems,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Updated,
    int Unchanged,
    IReadOnlyList<string> Conflicts,
    bool DryRun)
{
    public bool Succeeded => Problems.Count == 0;

    /// <summary>Whether the files were left unread: they are the ones the last successful import applied.</summary>
    public bool Skipped { get; init; }
}

/// <summary>Validates the seed and content files as a whole and applies them, with the audit entry, in one transaction.</summary>
public sealed class PolicyImporter(PolicyDbContext db, TimeProvider clock, ILogger<PolicyImporter> logger)
{
    public const string ImportAuthor = "import";

    /// <summary>
    /// Imports the files unless they are, byte for byte and for this build, those the last successful import applied
    /// (<see cref="ImportedFiles"/>): that import's result is in the database already, staff edits since included,
    /// so importing them again would change nothing. `import` on the command line always reads.
    /// </summary>
    public async Task<ImportReport> ImportIfChangedAsync(string seedsDirectory, string contentDirectory, CancellationToken cancellationToken)
    {
        var filesHash = ImportedFileHash.Of(seedsDirectory, contentDirectory);
        return await IsImportedAsync(filesHash, cancellationToken)
            ? Skipped(filesHash)
            : await ImportAsync(PreparedImport.Read(filesHash, seedsDirectory, contentDirectory, cancellationToken), dryRun: false, cancellationToken);
    }

    /// <summary>Whether the last successful import applied the files of this <see cref="ImportedFileHash"/>.</summary>
    public async Task<bool> IsImportedAsync(string filesHash, CancellationToken cancellationToken) =>
        await db.ImportedFiles.AsNoTracking()
            .Where(f => f.Id == ImportedFiles.RowId).Select(f => f.Hash).SingleOrDefaultAsync(cancellationToken) == filesHash;

    /// <summary>The report of an import left out because <see cref="IsImportedAsync"/>.</summary>
    public ImportReport Skipped(string filesHash)
    {
        ArgumentNullException.ThrowIfNull(filesHash);
        logger.LogInformation("Import skipped: seeds and content are unchanged since the last import ({Hash})", filesHash[..12]);
        return new([], [], [], 0, [], DryRun: false) { Skipped = true };
    }

    public Task<ImportReport> ImportAsync(string seedsDirectory, string contentDirectory, bool dryRun, CancellationToken cancellationToken) =>
        ImportAsync(PreparedImport.Read(ImportedFileHash.Of(seedsDirectory, contentDirectory), seedsDirectory, contentDirectory, cancellationToken), dryRun, cancellationToken);

    /// <summary>Applies files read (and validated) by <see cref="PreparedImport.Read"/>, or reports their problems and changes nothing.</summary>
    public async Task<ImportReport> ImportAsync(PreparedImport files, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Problems.Count > 0)
        {
            logger.LogWarning("Import rejected with {Count} problems; nothing was changed", files.Problems.Count);
            return new(files.Problems, [], [], 0, [], dryRun);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var report = await ApplyAsync(files.Records, dryRun, cancellationToken);
        if (dryRun)
        {
            await transaction.RollbackAsync(cancellationToken);
        }
        else
        {
            if (report.Added.Count + report.Updated.Count > 0)
            {
                // The published data changes: move the data version and audit the import, in this same transaction.
                await db.BumpDataVersionAsync(cancellationToken);
                new AuditLog(db, clock).Add(ImportAuthor, AuditActions.Import,
                    detail: $"{report.Added.Count} added, {report.Updated.Count} updated, {report.Conflicts.Count} kept staff edits");
            }
            // What was applied, in the same transaction: a later start on these files has nothing to import.
            await db.ImportedFiles.Where(f => f.Id == ImportedFiles.RowId).ExecuteUpdateAsync(set => set
                .SetProperty(f => f.Hash, files.Hash)
                .SetProperty(f => f.ImportedAtUtc, clock.GetUtcNow().UtcDateTime), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        logger.LogInformation(
            "Import {Mode}: {Added} added, {Updated} updated, {Unchanged} unchanged, {Conflicts} kept staff edits",
            dryRun ? "checked" : "applied", report.Added.Count, report.Updated.Count, report.Unchanged, report.Conflicts.Count);
        return report;
    }

    /// <summary>File-level problems first, then whole-set problems placed at the file and line they come from.</summary>
    public static List<ImportProblem> Validate(ImportSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var problems = new List<ImportProblem>(set.Problems);
        var snapshot = set.ToSnapshot();
        foreach (var issue in PolicyValidator.Validate(snapshot))
        {
            var location = set.Find(issue.Subject, issue.Field) ?? new FileLocation("seeds", 0);
            problems.Add(new(location.File, location.Line, issue.Field, issue.Message));
        }
        problems.AddRange(ContentLinkChecker.Check(snapshot, set, Markdown));
        return problems;
    }

    private static readonly MarkdownRenderer Markdown = new();

    private async Task<ImportReport> ApplyAsync(IReadOnlyList<StoredRecord> staged, bool dryRun, CancellationToken cancellationToken)
    {
        var existing = await db.Records.Include(r => r.Versions).ToDictionaryAsync(r => (r.Kind, r.Key), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        List<string> added = [], updated = [], conflicts = [];
        var unchanged = 0;
        foreach (var item in staged)
        {
            var hash = item.PayloadHash;
            var name = $"{item.Kind}:{item.Key}";
            if (!existing.TryGetValue((item.Kind, item.Key), out var record))
            {
                record = new PolicyRecord { Kind = item.Kind, Key = item.Key, RegionSlug = item.RegionSlug, ImportedHash = hash };
                record.Versions.Add(NewVersion(1, item.Payload, hash, now));
                db.Records.Add(record);
                added.Add(name);
                continue;
            }
            if (record.ImportedHash == hash)
            {
                unchanged++;
                continue;
            }
            var published = record.Versions.SingleOrDefault(v => v.Status == VersionStatus.Published);
            if (published?.PayloadHash == hash)
            {
                // The file says what is published (e.g. staff edits written back by export): in step, nothing to apply.
                record.ImportedHash = hash;
                unchanged++;
                continue;
            }
            // The file may replace the published version only if that is what the file last said and no staff draft waits.
            if (published?.PayloadHash != record.ImportedHash || record.Versions.Any(v => v.Status == VersionStatus.Draft))
            {
                conflicts.Add($"{name}: edited by staff since the last import; kept the staff version, the file change was not applied");
                continue;
            }
            record.ImportedHash = hash;
            record.ConcurrencyStamp = Guid.NewGuid();
            published?.Status = VersionStatus.Retired;
            record.Versions.Add(NewVersion(record.Versions.Max(v => v.Number) + 1, item.Payload, hash, now));
            updated.Add(name);
        }
        return new([], added, updated, unchanged, conflicts, dryRun);
    }

    private static PolicyRecordVersion NewVersion(int number, string payload, string hash, DateTime now) => new()
    {
        Number = number,
        Status = VersionStatus.Published,
        Origin = VersionOrigin.Import,
        Payload = payload,
        PayloadHash = hash,
        Author = ImportAuthor,
        CreatedAtUtc = now,
        Note = "imported from files",
    };
}

/// <summary>The seed and content files read, validated and turned into records with their payloads and hashes: the part of an import that needs no database.</summary>
public sealed class PreparedImport
{
    private PreparedImport(string hash, IReadOnlyList<ImportProblem> problems, IReadOnlyList<StoredRecord> records)
    {
        Hash = hash;
        Problems = problems;
        Records = records;
    }

    /// <summary>The <see cref="ImportedFileHash"/> taken before reading (a file changed since makes it older than the data, never newer).</summary>
    public string Hash { get; }

    public IReadOnlyList<ImportProblem> Problems { get; }

    internal IReadOnlyList<StoredRecord> Records { get; }

    public static PreparedImport Read(string filesHash, string seedsDirectory, string contentDirectory, CancellationToken cancellationToken)
    {
        var set = PolicyFileReader.Read(seedsDirectory, contentDirectory);
        cancellationToken.ThrowIfCancellationRequested();
        var problems = PolicyImporter.Validate(set);
        cancellationToken.ThrowIfCancellationRequested();
        return new(filesHash, problems, problems.Count > 0 ? [] : [.. Stage(set)]);
    }

    private static IEnumerable<StoredRecord> Stage(ImportSet set) => RecordKind.All.SelectMany(kind => kind.Store(set));
}
