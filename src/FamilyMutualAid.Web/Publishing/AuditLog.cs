using FamilyMutualAid.Web.Data;

namespace FamilyMutualAid.Web.Publishing;

/// <summary>Appends entries to the audit log.</summary>
public sealed class AuditLog(PolicyDbContext db, TimeProvider clock)
{
    /// <summary>Adds an entry that the caller's next save writes, so it commits (or fails) with the change it records.</summary>
    public void Add(string actor, string action, string? region = null, string? subject = null, string? detail = null) =>
        db.Audit.Add(new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            Actor = actor.Length > 256 ? actor[..256] : actor,
            Action = action,
            RegionSlug = region,
            Subject = subject,
            Detail = detail,
        });

    /// <summary>Writes an entry on its own, for what changes nothing else here (a sign-in, a sign-out).</summary>
    public async Task WriteAsync(string actor, string action, string? region = null, string? subject = null, string? detail = null, CancellationToken cancellationToken = default)
    {
        Add(actor, action, region, subject, detail);
        await db.SaveChangesAsync(cancellationToken);
    }
}
