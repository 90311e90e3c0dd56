using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Tests.Infrastructure;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;
using static FamilyMutualAid.Rules.Tests.Cases.FundUsageCases;

namespace FamilyMutualAid.Web.Tests.FundUsage;

/// <summary>
/// Runs every case of tests/fund-usage/*.yaml written against the seeds (policy: seeds) through the fund-usage
/// calculator on the real seeds and content, so adding a case is adding lines. See tests/fund-usage/README.md.
/// </summary>
public sealed class FundUsageSeedTests
{
    private static readonly Lazy<PolicySnapshot> Seeds = new(() =>
    {
        var set = PolicyFileReader.Read(Repository.Seeds, Repository.Content);
        var problems = PolicyImporter.Validate(set);
        Assert.True(problems.Count == 0, "the seeds have problems:\n" + string.Join("\n", problems));
        return set.ToSnapshot();
    });

    public static TheoryData<string, string> Cases() => Rows(Repository.Root, "seeds");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string file, string name)
    {
        var (cases, c) = Load(Repository.Root, file, name);

        var result = FundUsageCalculator.Calculate(Seeds.Value, Bill(file, cases, c));

        // One text, so a failure shows the whole difference at once.
        Assert.Equal(Expected(c), Actual(c, result, Seeds.Value));
    }
}
