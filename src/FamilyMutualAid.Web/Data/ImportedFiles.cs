namespace FamilyMutualAid.Web.Data;

/// <summary>
/// What the last successful import applied: one row holding the hash of the seed and content files it read (and of
/// the importer's build), written in the import's own transaction. A start that finds the same files skips the import,
/// which would change nothing; a failed or dry-run import leaves the row as it was.
/// </summary>
public sealed class ImportedFiles
{
    /// <summary>The id of the only row, created by the migration.</summary>
    public const int RowId = 1;

    public int Id { get; set; }

    /// <summary>SHA-256 (hex) of <see cref="Publishing.ImportedFileHash"/>; null before the first successful import.</summary>
    public string? Hash { get; set; }

    public DateTime? ImportedAtUtc { get; set; }
}
