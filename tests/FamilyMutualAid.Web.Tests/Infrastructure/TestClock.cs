using Microsoft.Extensions.Time.Testing;

namespace FamilyMutualAid.Web.Tests.Infrastructure;

/// <summary>The date every test site lives on, so no test depends on the real date.</summary>
public static class TestClock
{
    /// <summary>2026-12-01 10:00 in Beijing (02:00 UTC): after every source and verification date in the seeds.</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider New() => new(Start);
}
