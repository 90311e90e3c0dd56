namespace FamilyMutualAid.Web.Tests.Infrastructure;

/// <summary>One site (and one database) shared by the read-only integration tests.</summary>
[CollectionDefinition(Name)]
public sealed class SiteGroup : ICollectionFixture<SiteFactory>
{
    public const string Name = "site";
}
