// Usage: dotnet run -c Release --project tools/FamilyMutualAid.Benchmarks [-- --rounds 5 --seconds 1], or tools/benchmark.sh
// for this and the HTTP latency benchmark (Http/ holds its wrk script and request body).
// Loads the real seeds, then evaluates a fixed mix of cases on this one thread and prints evaluations per
// second and bytes allocated per evaluation. Target (issue 5): above 100,000 evaluations a second.
using System.Diagnostics;
using System.Globalization;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

var rounds = Option("--rounds", 5);
var secondsPerRound = Option("--seconds", 1);

var root = FindRoot();
var clock = Stopwatch.StartNew();
var set = PolicyFileReader.Read(Path.Combine(root, "seeds"), Path.Combine(root, "content"));
var problems = PolicyImporter.Validate(set);
if (problems.Count > 0)
{
    Console.Error.WriteLine("the seeds have problems; fix them first (dotnet run --project src/FamilyMutualAid.Web -- import --dry-run):");
    problems.ForEach(p => Console.Error.WriteLine(p));
    return 1;
}
var snapshot = set.ToSnapshot();
var loaded = clock.Elapsed;

var cases = Mix(snapshot, count: 4096);
var verdicts = new int[3];
foreach (var c in cases)
{
    verdicts[(int)EligibilityEngine.Evaluate(snapshot, c).Verdict]++;
}

Write($"FamilyMutualAid eligibility engine benchmark: .NET {Environment.Version}, {Configuration()}, one thread, workstation GC");
Write($"seeds: {snapshot.Regions.Length} regions, {snapshot.Parameters.Length} parameters, {snapshot.Disagreements.Length} disagreements; read and validated in {loaded.TotalMilliseconds:0} ms");
Write($"cases: {cases.Length} drawn from every region, dates 2021-01-01 to 2026-12-31 and every code; eligible {Share(Verdict.Eligible)}, not_eligible {Share(Verdict.NotEligible)}, needs_check {Share(Verdict.NeedsCheck)}");

// Warm-up: long enough for tiered compilation to reach its optimised code.
Measure(TimeSpan.FromSeconds(2));

var results = new List<(double PerSecond, double BytesEach)>();
for (var round = 1; round <= rounds; round++)
{
    var result = Measure(TimeSpan.FromSeconds(secondsPerRound));
    results.Add(result);
    Write($"round {round}: {result.PerSecond,12:N0} evaluations/s, {result.BytesEach,6:N0} bytes allocated each");
}
var median = results.OrderBy(r => r.PerSecond).ElementAt(results.Count / 2);
Write($"median: {median.PerSecond:N0} evaluations/s ({1e6 / median.PerSecond:0.00} µs each), {median.BytesEach:N0} bytes allocated per evaluation");
Write($"target (> 100,000 evaluations/s): {(median.PerSecond > 100_000 ? "met" : "NOT met")}");
return 0;

(double PerSecond, double BytesEach) Measure(TimeSpan duration)
{
    long evaluations = 0;
    var checksum = 0;
    var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
    var watch = Stopwatch.StartNew();
    while (watch.Elapsed < duration)
    {
        foreach (var c in cases)
        {
            checksum += EligibilityEngine.Evaluate(snapshot, c).Checks.Length;
        }
        evaluations += cases.Length;
    }
    watch.Stop();
    var bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
    GC.KeepAlive(checksum);
    return (evaluations / watch.Elapsed.TotalSeconds, (double)bytes / evaluations);
}

string Share(Verdict verdict) => string.Create(CultureInfo.InvariantCulture, $"{100.0 * verdicts[(int)verdict] / cases.Length:0}%");

static void Write(FormattableString line) => Console.WriteLine(FormattableString.Invariant(line));

static string Configuration() =>
#if DEBUG
    "Debug build (figures not meaningful: use -c Release)";
#else
    "Release build";
#endif

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
        ? value
        : fallback;
}

static string FindRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FamilyMutualAid.sln")))
            {
                return directory.FullName;
            }
        }
    }
    throw new InvalidOperationException("FamilyMutualAid.sln not found above the current or the program's directory");
}

// A fixed pseudo-random mix (same seed every run), weighted towards typical cases.
static EligibilityCase[] Mix(PolicySnapshot snapshot, int count)
{
#pragma warning disable CA5394 // Not security: a repeatable spread of inputs.
    var random = new Random(20260109);
    var first = new DateOnly(2021, 1, 1).DayNumber;
    var last = new DateOnly(2026, 12, 31).DayNumber;
    decimal[] balances = [0, 0.01m, 500, 1999.99m, 2000, 2000.01m, 3000, 3000, 3000, 50_000];
    InsuranceType[] covered = [InsuranceType.Employee, InsuranceType.Resident];
    Purpose[] typical = [Purpose.Hospital, Purpose.Pharmacy, Purpose.ResidentPremium, Purpose.LongTermCarePremium];
    T Pick<T>(T[] values) => values[random.Next(values.Length)];
    InsuranceStatus Status() => random.Next(10) == 0 ? InsuranceStatus.Suspended : InsuranceStatus.Normal;
    var cases = new EligibilityCase[count];
    for (var i = 0; i < count; i++)
    {
        cases[i] = new(
            snapshot.Regions[random.Next(snapshot.Regions.Length)].Slug,
            DateOnly.FromDayNumber(random.Next(first, last + 1)),
            new(random.Next(5) == 0 ? Pick(Enum.GetValues<InsuranceType>()) : InsuranceType.Employee, Status(), Pick(balances)),
            new(Pick(Enum.GetValues<Relationship>()), random.Next(10) == 0 ? InsuranceType.None : Pick(covered), Status(), Pick(Enum.GetValues<MemberLocation>())),
            random.Next(5) == 0 ? Pick(Enum.GetValues<Purpose>()) : Pick(typical));
    }
    return cases;
#pragma warning restore CA5394
}
