using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace FamilyMutualAid.Web.Data;

/// <summary>The site's database: versioned policy records, staff accounts and the audit log.</summary>
public sealed class PolicyDbContext(DbContextOptions<PolicyDbContext> options) : IdentityDbContext<StaffUser>(options)
{
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    public DbSet<PolicyRecord> Records => Set<PolicyRecord>();

    public DbSet<PolicyRecordVersion> Versions => Set<PolicyRecordVersion>();

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
        modelBuilder.Entity<PolicyRecord>(record =>
        {
            record.ToTable("PolicyRecords");
            record.HasIndex(r => new { r.Kind, r.Key }).IsUnique();
            record.HasIndex(r => r.RegionSlug);
            record.Property(r => r.Kind).HasMaxLength(32);
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
