using Microsoft.EntityFrameworkCore;

namespace FamilyMutualAid.Web.Data;

/// <summary>The site's database: versioned policy records.</summary>
public sealed class PolicyDbContext(DbContextOptions<PolicyDbContext> options) : DbContext(options)
{
    public DbSet<PolicyRecord> Records => Set<PolicyRecord>();

    public DbSet<PolicyRecordVersion> Versions => Set<PolicyRecordVersion>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
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
}
