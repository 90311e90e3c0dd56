using FamilyMutualAid.Web.Data;

namespace FamilyMutualAid.Web.Staff;

/// <summary>Appends entries to the audit log.</summary>
public sealed class AuditLog(PolicyDbContext db, TimeProvider clock)
{
    public async Task WriteAsync(string actor, string action, string? region = null, string? subject = null, string? detail = null, CancellationToken cancellationToken = default)
    {
        db.Audit.Add(new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            Actor = actor.Length > 256 ? actor[..256] : actor,
            Action = action,
            RegionSlug = region,
            Subject = subject,
            Detail = detail,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
