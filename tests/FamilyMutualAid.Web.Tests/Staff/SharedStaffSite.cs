namespace FamilyMutualAid.Web.Tests.Staff;

/// <summary>
/// One staff site (review required, as in production) shared by the tests of a class that neither move the clock nor
/// change configuration; each test creates its own accounts and records, or touches records no other test of the class does.
/// </summary>
public sealed class SharedStaffSite : IAsyncLifetime
{
    public StaffSiteFactory Site { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Site.DisposeAsync();
}
