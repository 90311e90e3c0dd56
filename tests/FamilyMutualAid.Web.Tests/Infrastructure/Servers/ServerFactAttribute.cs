namespace FamilyMutualAid.Web.Tests.Infrastructure.Servers;

/// <summary>
/// A test that needs PostgreSQL or nginx (Debian's packages; `.ci/run` installs them). Without them such a test fails,
/// naming what is missing; only a developer who says so with FMA_SKIP_SERVER_TESTS=1 skips them.
/// </summary>
public sealed class ServerFactAttribute : FactAttribute
{
    public const string SkipVariable = "FMA_SKIP_SERVER_TESTS";

    public ServerFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(SkipVariable) == "1")
        {
            Skip = $"{SkipVariable}=1: the PostgreSQL and nginx tests are skipped";
        }
    }
}

/// <summary>The theory form of <see cref="ServerFactAttribute"/>.</summary>
public sealed class ServerTheoryAttribute : TheoryAttribute
{
    public ServerTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable(ServerFactAttribute.SkipVariable) == "1")
        {
            Skip = $"{ServerFactAttribute.SkipVariable}=1: the PostgreSQL and nginx tests are skipped";
        }
    }
}
