using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>A hash made with the site's own settings, checked for unknown e-mails so they cost what a real account costs.</summary>
public sealed class DummyPassword(IPasswordHasher<StaffUser> hasher)
{
    private static readonly StaffUser Nobody = new() { UserName = "nobody", Email = "nobody" };
    private static string? s_hash;

    public void Verify(string password)
    {
        // Made once per process (the hasher's settings do not change while it runs); made twice at worst, harmlessly.
        s_hash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(Nobody, s_hash, password);
    }
}
