using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

// Shared by Rules.Tests (cases on the test policy) and Web.Tests (cases on the real seeds): one format, read and checked here.
namespace FamilyMutualAid.Rules.Tests.Cases;

/// <summary>
/// The fund-usage cases in tests/fund-usage/*.yaml: reading a file, naming its cases for a theory, and comparing a
/// result with what a case expects as one text, so a failure shows every difference at once. See tests/fund-usage/README.md.
/// </summary>
internal static class FundUsageCases
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();

    private static readonly string[] StepFields =
        ["reason", "paid", "outstanding", "available", "base", "limit", "alreadyShared", "limitedBy", "parameter", "ruleValue", "sources", "effectiveFrom", "inheritedFrom", "unconfirmed", "disagreement"];

    private static readonly string[] WarningFields = ["kind", "step", "parameter", "sources", "affects", "disagreement"];

    public static string Directory(string root) => Path.Combine(root, "tests", "fund-usage");

    /// <summary>Every case of every file run against <paramref name="policy"/> (test or seeds), as (file, case name) rows; an unreadable file is a row that fails.</summary>
    public static TheoryData<string, string> Rows(string root, string policy)
    {
        var data = new TheoryData<string, string>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory(root), "*.yaml").Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            CaseFile cases;
            try
            {
                cases = Read(file, File.ReadAllText(path));
            }
            catch (FormatException e)
            {
                data.Add(file, "(unreadable) " + e.Message);
                continue;
            }
            if (cases.Policy == policy)
            {
                foreach (var name in cases.Cases.Select(c => c.Name))
                {
                    data.Add(file, name);
                }
            }
        }
        return data;
    }

    /// <summary>The case <paramref name="name"/> of <paramref name="file"/>, checked for shape; any problem names the file and the case.</summary>
    public static (CaseFile File, Case Case) Load(string root, string file, string name)
    {
        var cases = Read(file, File.ReadAllText(Path.Combine(Directory(root), file)));
        var matching = cases.Cases.Where(c => c.Name == name).ToList();
        if (matching.Count != 1)
        {
            throw new FormatException($"{file}, case '{name}': {matching.Count} cases have this name (a name must be unique in its file)");
        }
        Check(file, cases, matching[0]);
        return (cases, matching[0]);
    }

    public static CaseFile Read(string file, string yaml)
    {
        try
        {
            var cases = Yaml.Deserialize<CaseFile?>(yaml) ?? throw new FormatException($"{file}: the file is empty");
            if (cases.Policy is not ("test" or "seeds"))
            {
                throw new FormatException($"{file}: policy must be test or seeds, not '{cases.Policy}'");
            }
            var unnamed = cases.Cases.FindIndex(c => string.IsNullOrWhiteSpace(c.Name));
            if (unnamed >= 0)
            {
                throw new FormatException($"{file}, case {unnamed + 1}: it has no name");
            }
            return cases;
        }
        catch (YamlException e)
        {
            throw new FormatException($"{file}, case '{CaseAt(yaml, (int)e.Start.Line)}' (line {e.Start.Line}): {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    /// <summary>The bill of <paramref name="c"/>, each field missing from it taken from the file's default bill.</summary>
    public static FundUsageCase Bill(string file, CaseFile cases, Case c)
    {
        var (given, defaults) = (c.Bill ?? new(), cases.Defaults ?? new());
        T Need<T>(T? value, T? fallback, string field)
            where T : struct =>
            value ?? fallback ?? throw new FormatException($"{file}, case '{c.Name}': bill.{field} is missing and has no default");
        var region = given.Region ?? defaults.Region ?? throw new FormatException($"{file}, case '{c.Name}': bill.region is missing and has no default");
        var venue = given.Venue ?? defaults.Venue ?? "hospital";
        return new(
            region,
            Date(file, c, given.AsOf ?? defaults.AsOf, "bill.asOf"),
            Enum.TryParse<Venue>(venue, ignoreCase: true, out var v) ? v : throw new FormatException($"{file}, case '{c.Name}': bill.venue '{venue}' is not hospital or pharmacy"),
            Need(given.SelfPay, defaults.SelfPay, "selfPay"),
            Need(given.Member, defaults.Member, "member"),
            Need(given.Sharer, defaults.Sharer, "sharer"),
            Need(given.SharedThisYear, defaults.SharedThisYear, "sharedThisYear"));
    }

    public static DateOnly Date(string file, Case c, string? text, string field) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"{file}, case '{c.Name}': {field} '{text}' is not a yyyy-MM-dd date");

    /// <summary>What the case expects, as text: the split, the step order if given, the named fields of the named steps, and every warning.</summary>
    public static string Expected(Case c) => Describe(
        c.Split is null ? "" : Split(c.Split.Member, c.Split.Shared, c.Split.Cash),
        c.Order,
        c.Steps.SelectMany(step => step.Value.Select(field => $"{step.Key}.{field.Key}: {Normalise(field.Value)}")),
        c.Warnings.Select(w => Warning(w, w)));

    /// <summary>The result projected onto what <paramref name="c"/> names, in the same text as <see cref="Expected"/>.</summary>
    public static string Actual(Case c, FundUsageResult result, PolicySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Describe(
            Split(result.FromMemberAccount, result.FromSharedAccount, result.Cash),
            c.Order is null ? null : [.. result.Steps.Select(s => s.Id)],
            c.Steps.SelectMany(step => step.Value.Select(field =>
            {
                var actual = result.Steps.Where(s => s.Id == step.Key).ToList();
                return $"{step.Key}.{field.Key}: " + (actual.Count == 1 ? StepField(actual[0], field.Key, snapshot) : $"({actual.Count} steps)");
            })),
            result.Warnings.Select((w, i) => Warning(Fields(w, snapshot), i < c.Warnings.Count ? c.Warnings[i] : null)));
    }

    public static void Check(string file, CaseFile cases, Case c)
    {
        var problems = new List<string>();
        if (c.Split is null)
        {
            problems.Add("split is missing");
        }
        string[] stepIds =
        [
            FundUsageStepIds.Venue, FundUsageStepIds.PaymentOrder, FundUsageStepIds.MemberAccount, FundUsageStepIds.Reserve,
            FundUsageStepIds.AnnualCap, FundUsageStepIds.PerUseLimit, FundUsageStepIds.SharedAccount, FundUsageStepIds.Cash,
        ];
        problems.AddRange(c.Steps.Keys.Concat(c.Order ?? []).Except(stepIds).Select(id => $"'{id}' is not a step (steps: {string.Join(", ", stepIds)})"));
        problems.AddRange(c.Steps.Values.SelectMany(f => f.Keys).Except(StepFields).Select(f => $"'{f}' is not a step field ({string.Join(", ", StepFields)})"));
        problems.AddRange(c.Warnings.SelectMany(w => w.Keys).Except(WarningFields).Select(f => $"'{f}' is not a warning field ({string.Join(", ", WarningFields)})"));
        problems.AddRange(c.Warnings.Where(w => !w.ContainsKey("kind") || !w.ContainsKey("step")).Select(_ => "a warning needs a kind and a step (~ for none)"));
        problems.AddRange(c.Warnings.Select(w => w.GetValueOrDefault("kind") as string).OfType<string>()
            .Where(k => !Enum.TryParse<FundUsageWarningKind>(k, out _)).Select(k => $"'{k}' is not a warning kind"));
        problems.AddRange(c.Steps.Values.Select(f => f.GetValueOrDefault("reason") as string).OfType<string>()
            .Where(r => !Enum.TryParse<FundUsageReason>(r, out _)).Select(r => $"'{r}' is not a reason"));
        if (cases.Policy == "seeds" && (c.Rules.Count > 0 || c.BaseRules is not null || c.Disagreements.Count > 0))
        {
            problems.Add("a case on the seeds cannot add rules or disagreements");
        }
        if (problems.Count > 0)
        {
            throw new FormatException($"{file}, case '{c.Name}': {string.Join("; ", problems)}");
        }
        _ = Bill(file, cases, c);
    }

    private static string Describe(string split, IEnumerable<string>? order, IEnumerable<string> steps, IEnumerable<string> warnings) =>
        string.Join("\n",
            new[] { split, order is null ? "" : $"order: [{string.Join(", ", order)}]" }
                .Concat(steps)
                .Append($"warnings: [{string.Join("; ", warnings)}]")
                .Where(l => l.Length > 0));

    private static string Split(decimal member, decimal shared, decimal cash) =>
        $"split: member {Money(member)}, shared {Money(shared)}, cash {Money(cash)}";

    /// <summary>A warning as kind:step, with the fields <paramref name="shape"/> names; for a warning no case expects, just kind:step.</summary>
    private static string Warning(Dictionary<string, object?> warning, Dictionary<string, object?>? shape) =>
        $"{Normalise(warning.GetValueOrDefault("kind"))}:{Normalise(warning.GetValueOrDefault("step"))}" + string.Concat(
            (shape?.Keys.AsEnumerable() ?? []).Where(k => k is not ("kind" or "step")).Order(StringComparer.Ordinal)
                .Select(k => $" {k}={Normalise(warning.GetValueOrDefault(k))}"));

    private static Dictionary<string, object?> Fields(FundUsageWarning w, PolicySnapshot snapshot) => new()
    {
        ["kind"] = w.Kind.ToString(),
        ["step"] = w.StepId,
        ["parameter"] = w.ParameterKey,
        ["sources"] = w.SourceIds.ToList<object?>(),
        ["affects"] = Figures(w.Affects),
        ["disagreement"] = Disagreement(w.Disagreement, snapshot),
    };

    private static string StepField(FundUsageStep step, string field, PolicySnapshot snapshot) => Normalise(field switch
    {
        "reason" => step.Reason.ToString(),
        "paid" => step.Paid,
        "outstanding" => step.Outstanding,
        "available" => step.Available,
        "base" => step.Base,
        "limit" => step.LimitAmount,
        "alreadyShared" => step.AlreadyShared,
        "limitedBy" => step.LimitedBy,
        "parameter" => step.ParameterKey,
        "ruleValue" => step.RuleValue switch
        {
            null => null,
            NumberValue n => n.Number,
            FlagValue f => f.Flag,
            ListValue l => l.Items.ToList<object?>(),
            TextValue t => t.Text,
            var other => other.ToString(),
        },
        "sources" => step.SourceIds.ToList<object?>(),
        "effectiveFrom" => step.EffectiveFrom,
        "inheritedFrom" => step.InheritedFrom?.Slug,
        "unconfirmed" => step.Unconfirmed,
        "disagreement" => Disagreement(step.Disagreement, snapshot),
        _ => throw new FormatException($"'{field}' is not a step field"),
    });

    /// <summary>The disagreement's id, if it is the policy's own disagreement of that id (the whole record, not only its id).</summary>
    private static string? Disagreement(Disagreement? disagreement, PolicySnapshot snapshot) =>
        disagreement is null ? null
        : snapshot.Disagreements.Any(d => d.Id == disagreement.Id && d == disagreement) ? disagreement.Id
        : disagreement.Id + " (differs from the policy's)";

    private static List<object?> Figures(FundUsageFigures figures) =>
    [
        .. new[] { (FundUsageFigures.MemberAccount, "member_account"), (FundUsageFigures.SharedAccount, "shared_account"), (FundUsageFigures.Cash, "cash") }
            .Where(f => figures.HasFlag(f.Item1)).Select(f => (object?)f.Item2),
    ];

    /// <summary>One text per value, so 864.2 and 864.20, or a list and its YAML, compare equal.</summary>
    private static string Normalise(object? value) => value switch
    {
        null => "~",
        decimal d => Money(d),
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        string s when decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => Money(d),
        string s when s is "~" or "null" => "~",
        string s => s,
        IEnumerable<object?> items => $"[{string.Join(", ", items.Select(Normalise))}]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "~",
    };

    private static string Money(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    private static string CaseAt(string yaml, int line)
    {
        var name = "(before the first case)";
        foreach (var text in yaml.Split('\n').Take(line))
        {
            var trimmed = text.Trim();
            if (trimmed.StartsWith("- name:", StringComparison.Ordinal))
            {
                name = trimmed["- name:".Length..].Trim();
            }
        }
        return name;
    }

    public sealed class CaseFile
    {
        /// <summary>test: the small test policy (national → alpha → beta); seeds: the repository's seeds and content.</summary>
        public string Policy { get; set; } = "";

        /// <summary>The bill fields a case leaves out.</summary>
        public BillSpec? Defaults { get; set; }

        /// <summary>Named rules a case on the test policy lists by name.</summary>
        public Dictionary<string, RuleSpec> Rules { get; set; } = [];

        /// <summary>The rules every case starts from unless it lists its own base rules.</summary>
        public List<string> BaseRules { get; set; } = [];

        /// <summary>Named disagreements a case on the test policy lists by name.</summary>
        public Dictionary<string, DisagreementSpec> Disagreements { get; set; } = [];

        public List<Case> Cases { get; set; } = [];
    }

    public sealed class Case
    {
        public string Name { get; set; } = "";

        /// <summary>Replaces the file's base rules (e.g. to leave one out).</summary>
        public List<string>? BaseRules { get; set; }

        /// <summary>Added to the base rules, each replacing a base rule of the same region and key.</summary>
        public List<string> Rules { get; set; } = [];

        public List<string> Disagreements { get; set; } = [];

        public BillSpec? Bill { get; set; }

        public SplitSpec? Split { get; set; }

        /// <summary>If given, the steps in order.</summary>
        public List<string>? Order { get; set; }

        /// <summary>Step id → field → expected value (~ for none).</summary>
        public Dictionary<string, Dictionary<string, object?>> Steps { get; set; } = [];

        /// <summary>Every warning, in order; an empty list when omitted.</summary>
        public List<Dictionary<string, object?>> Warnings { get; set; } = [];
    }

    public sealed class BillSpec
    {
        public string? Region { get; set; }

        /// <summary>yyyy-MM-dd.</summary>
        public string? AsOf { get; set; }

        public string? Venue { get; set; }

        public decimal? SelfPay { get; set; }

        public decimal? Member { get; set; }

        public decimal? Sharer { get; set; }

        public decimal? SharedThisYear { get; set; }
    }

    public sealed class SplitSpec
    {
        public decimal Member { get; set; }

        public decimal Shared { get; set; }

        public decimal Cash { get; set; }
    }

    public sealed class RuleSpec
    {
        public string Region { get; set; } = "";

        public string Key { get; set; } = "";

        /// <summary>yyyy-MM-dd.</summary>
        public string From { get; set; } = "";

        /// <summary>A number, true/false, or a list of codes.</summary>
        public object? Value { get; set; }

        public List<string> Excluded { get; set; } = [];

        public List<string> Sources { get; set; } = [];

        public bool Unconfirmed { get; set; }
    }

    public sealed class DisagreementSpec
    {
        public string Id { get; set; } = "";

        public string Region { get; set; } = "";

        public string? Key { get; set; }

        /// <summary>follow or check_locally.</summary>
        public string Resolution { get; set; } = "";

        public List<string> Codes { get; set; } = [];
    }
}
