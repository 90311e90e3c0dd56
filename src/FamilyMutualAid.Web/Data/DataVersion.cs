namespace FamilyMutualAid.Web.Data;

/// <summary>
/// The version of the published data: one row, moved by every transaction that changes what is published (publish,
/// retire, an import that changes something). A snapshot remembers the version it was loaded at, so an instance can
/// tell whether it is behind; and since a publishing transaction updates this row first, publishers wait for each
/// other there and each one validates against what the one before it committed.
/// </summary>
public sealed class DataVersion
{
    /// <summary>The id of the only row, created by the migration.</summary>
    public const int RowId = 1;

    public int Id { get; set; }

    public long Version { get; set; }
}
