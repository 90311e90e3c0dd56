using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

using FamilyMutualAid.Web.Content;

namespace FamilyMutualAid.Web.Data;

/// <summary>
/// The site's database: versioned policy records, the published data's version, staff accounts, the audit log, and
/// the Data Protection keys that sign cookies and form tokens (shared by every instance and kept across restarts).
/// </summary>
public class PolicyDbContext : IdentityDbContext<StaffUser>, IDataProtectionKeyContext
{
    public PolicyDbContext(DbContextOptions<PolicyDbContext> options)
        : base(options)
    {
    }

    /// <summary>For <see cref="PostgreSqlPolicyDbContext"/>, the same model on another provider.</summary>
    protected PolicyDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<PolicyRecord> Records => Set<PolicyRecord>();

    public DbSet<PolicyRecordVersion> Versions => Set<PolicyRecordVersion>();

    public DbSet<DataVersion> DataVersions => Set<DataVersion>();

    public DbSet<ImportedFiles> ImportedFiles => Set<ImportedFiles>();

    public DbSet<ReviewRequest> Reviews => Set<ReviewRequest>();

    /// <summary>The version of the published data as committed (see <see cref="DataVersion"/>).</summary>
    public Task<long> DataVersionAsync(CancellationToken cancellationToken) =>
        DataVersions.AsNoTracking().Where(v => v.Id == DataVersion.RowId).Select(v => v.Version).SingleAsync(cancellationToken);

    /// <summary>
    /// Moves the data version on, inside the caller's transaction; called first in a publishing transaction, it holds
    /// the write lock (SQLite) or the row's lock (PostgreSQL) until commit, so publishers run one at a time.
    /// </summary>
    public async Task<long> BumpDataVersionAsync(CancellationToken cancellationToken)
    {
        if (Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The data version moves only inside the transaction that changes the published data.");
        }
        var updated = await DataVersions.Where(v => v.Id == DataVersion.RowId)
            .ExecuteUpdateAsync(set => set.SetProperty(v => v.Version, v => v.Version + 1), cancellationToken);
        if (updated != 1)
        {
            throw new InvalidOperationException("The DataVersion row is missing; the database migrations create it.");
        }
        return await DataVersionAsync(cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var modelBuilder = builder;
        base.OnModelCreating(builder);
        modelBuilder.Entity<StaffUser>().Property(u => u.Regions).HasMaxLength(2000);
        modelBuilder.Entity<AuditEntry>(audit =>
        {
            audit.ToTable("AuditLog");
            audit.HasIndex(a => a.AtUtc);
            audit.HasIndex(a => a.RegionSlug);
            audit.HasIndex(a => a.Actor);
            audit.Property(a => a.Actor).HasMaxLength(256);
            audit.Property(a => a.Action).HasMaxLength(64);
            audit.Property(a => a.RegionSlug).HasMaxLength(64);
            audit.Property(a => a.Subject).HasMaxLength(300);
            audit.Property(a => a.Detail).HasMaxLength(2000);
        });
        modelBuilder.Entity<DataVersion>(version =>
        {
            version.ToTable("DataVersion");
            version.Property(v => v.Id).ValueGeneratedNever();
            version.HasData(new DataVersion { Id = DataVersion.RowId, Version = 0 });
        });
        modelBuilder.Entity<ImportedFiles>(imported =>
        {
            imported.ToTable("ImportedFiles");
            imported.Property(f => f.Id).ValueGeneratedNever();
            imported.Property(f => f.Hash).HasMaxLength(64);
            imported.HasData(new ImportedFiles { Id = Data.ImportedFiles.RowId });
        });
        modelBuilder.Entity<PolicyRecord>(record =>
        {
            record.ToTable("PolicyRecords");
            record.HasIndex(r => new { r.Kind, r.Key }).IsUnique();
            record.HasIndex(r => r.RegionSlug);
            record.Property(r => r.Kind).HasMaxLength(32).HasConversion(kind => kind.Code, code => RecordKind.FromCode(code));
            record.Property(r => r.Key).HasMaxLength(200);
            record.Property(r => r.RegionSlug).HasMaxLength(64);
            record.Property(r => r.ImportedHash).HasMaxLength(64);
            record.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
            record.HasMany(r => r.Versions).WithOne(v => v.Record).HasForeignKey(v => v.RecordId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PolicyRecordVersion>(version =>
        {
            version.ToTable("PolicyRecordVersions");
            version.HasIndex(v => new { v.RecordId, v.Number }).IsUnique();
            version.HasIndex(v => v.Status);
            version.Property(v => v.Status).HasConversion<string>().HasMaxLength(16);
            version.Property(v => v.Origin).HasConversion<string>().HasMaxLength(16);
            version.Property(v => v.PayloadHash).HasMaxLength(64);
            version.Property(v => v.Author).HasMaxLength(256);
            version.Property(v => v.Note).HasMaxLength(2000);
        });
        modelBuilder.Entity<ReviewRequest>(review =>
        {
            review.ToTable("Reviews");
            review.HasIndex(r => r.State);
            review.HasIndex(r => r.SubmittedBy);
            review.HasOne(r => r.Record).WithMany(r => r.Reviews).HasForeignKey(r => r.RecordId).OnDelete(DeleteBehavior.Cascade);
            review.HasOne(r => r.Version).WithMany().HasForeignKey(r => r.VersionId).OnDelete(DeleteBehavior.Cascade);
            review.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
            review.Property(r => r.SubmittedBy).HasMaxLength(256);
            review.Property(r => r.Note).HasMaxLength(2000);
            review.Property(r => r.DecidedBy).HasMaxLength(256);
            review.Property(r => r.Comment).HasMaxLength(2000);
            review.Property(r => r.Problem).HasMaxLength(2000);
            review.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
        });
    }

    /// <summary>The audit log is append-only: changing or deleting an entry is refused.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditRewrites();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditRewrites();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void RefuseAuditRewrites()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit log is append-only.");
        }
    }
}
