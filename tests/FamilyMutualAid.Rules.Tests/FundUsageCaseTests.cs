using FamilyMutualAid.Rules.Tests.Cases;
using FamilyMutualAid.Web.Tests.Infrastructure;
using static FamilyMutualAid.Rules.Tests.Cases.FundUsageCases;

namespace FamilyMutualAid.Rules.Tests;

/// <summary>
/// Runs every case of tests/fund-usage/*.yaml written against the test policy (national → alpha → beta) through the
/// fund-usage calculator, so adding a case is adding lines. See tests/fund-usage/README.md.
/// </summary>
public sealed class FundUsageCaseTests
{
    public static TheoryData<string, string> Cases() => Rows(Repository.Root, "test");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string file, string name)
    {
        var (cases, c) = Load(Repository.Root, file, name);
        var snapshot = Snapshot(file, cases, c);

        var result = FundUsageCalculator.Calculate(snapshot, Bill(file, cases, c));

        // One text, so a failure shows the whole difference at once.
        Assert.Equal(Expected(c), Actual(c, result, snapshot));
    }

    [Fact]
    public void A_malformed_case_fails_naming_its_file_and_case()
    {
        const string yaml = """
            policy: test
            cases:
              - name: A good case
                split: { member: 0, shared: 0, cash: 0 }
              - name: A case with a typo
                split: { member: 0, shared: 0, cash: 0 }
                steps:
                  anual_cap: { reason: NoLimit }
            """;
        var cases = Read("broken.yaml", yaml);

        var problem = Assert.Throws<FormatException>(() => Check("broken.yaml", cases, cases.Cases[1])).Message;

        Assert.StartsWith("broken.yaml, case 'A case with a typo': ", problem, StringComparison.Ordinal);
        Assert.Contains("'anual_cap' is not a step", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_file_that_is_not_valid_yaml_fails_naming_its_file_and_the_case_it_breaks_in()
    {
        const string yaml = """
            policy: test
            cases:
              - name: A good case
                split: { member: 0, shared: 0, cash: 0 }
              - name: A case with an unknown field
                splitt: { member: 0, shared: 0, cash: 0 }
            """;

        var problem = Assert.Throws<FormatException>(() => Read("broken.yaml", yaml)).Message;

        Assert.StartsWith("broken.yaml, case 'A case with an unknown field' (line 6): ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_case_file_is_readable_and_names_each_case_once()
    {
        var rows = Rows(Repository.Root, "test").Concat(Rows(Repository.Root, "seeds")).Select(r => ((string)r[0], (string)r[1])).ToList();

        Assert.DoesNotContain(rows, r => r.Item2.StartsWith("(unreadable)", StringComparison.Ordinal));
        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.NotEmpty(rows);
    }

    /// <summary>The case's base rules plus its own (each replacing the base rule of the same region and key), and its disagreements.</summary>
    private static PolicySnapshot Snapshot(string file, CaseFile cases, FundUsageCases.Case c)
    {
        PolicyParameter Rule(string name)
        {
            var rule = cases.Rules.GetValueOrDefault(name) ?? throw new FormatException($"{file}, case '{c.Name}': no rule is named '{name}'");
            return FundUsagePolicy.Rule(rule.Region, rule.Key, new DatedValue(
                Date(file, c, rule.From, $"rules.{name}.from"), null, Value(rule), [.. rule.Sources], null, rule.Unconfirmed));
        }
        PolicyValue Value(RuleSpec rule) => rule.Value switch
        {
            List<object> items => new ListValue([.. items.Select(i => (string)i)]) { Excluded = [.. rule.Excluded] },
            "true" or "false" => new FlagValue(rule.Value is "true"),
            string number when decimal.TryParse(number, System.Globalization.CultureInfo.InvariantCulture, out var n) => new NumberValue(n),
            var other => throw new FormatException($"{file}, case '{c.Name}': a rule's value '{other}' is not a number, true/false or a list"),
        };
        Disagreement Dispute(string name)
        {
            var d = cases.Disagreements.GetValueOrDefault(name) ?? throw new FormatException($"{file}, case '{c.Name}': no disagreement is named '{name}'");
            var resolution = d.Resolution switch
            {
                "follow" => Resolution.Follow,
                "check_locally" => Resolution.CheckLocally,
                _ => throw new FormatException($"{file}, case '{c.Name}': resolution '{d.Resolution}' is not follow or check_locally"),
            };
            return EligibilityPolicy.Dispute(d.Id, d.Region, d.Key, resolution, [.. d.Codes]);
        }

        var given = c.Rules.Select(Rule).ToList();
        var rules = (c.BaseRules ?? cases.BaseRules).Select(Rule)
            .Where(b => !given.Any(g => g.RegionSlug == b.RegionSlug && g.Key == b.Key))
            .Concat(given);
        return new([TestPolicy.National, TestPolicy.Alpha, TestPolicy.Beta], [TestPolicy.SourceA, EligibilityPolicy.SourceB],
            FundUsagePolicy.Definitions, rules, [.. c.Disagreements.Select(Dispute)], [], Vocabulary.Empty);
    }
}
