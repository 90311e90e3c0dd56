using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static FamilyMutualAid.Rules.EligibilityEngine;
using static FamilyMutualAid.Rules.Tests.EligibilityPolicy;

namespace FamilyMutualAid.Rules.Tests;

/// <summary>
/// What holds for every case under every choice of the listed codes: a fixed seed (Replay) so a failure reproduces.
/// Written against the public API only (lists of allowed codes), so they are quick to adapt when list semantics change.
/// </summary>
public sealed class EligibilityEngineProperties
{
    private const string Seed = "(20261201,2468013)";

    /// <summary>The lists of allowed codes the engine reads, each with every code its vocabulary has.</summary>
    private static readonly (string Key, string[] Codes)[] AllowLists =
    [
        (Keys.SharerInsurance, CodesOf<InsuranceType>(VocabularyCodes.Of)),
        (Keys.MemberInsurance, CodesOf<InsuranceType>(VocabularyCodes.Of)),
        (Keys.Relatives, CodesOf<Relationship>(VocabularyCodes.Of)),
        (Keys.AllowedUses, CodesOf<Purpose>(VocabularyCodes.Of)),
        (Keys.SharingScope, CodesOf<MemberLocation>(VocabularyCodes.Of)),
    ];

    /// <summary>A case and, for each allowed-codes list, which codes the national rule lists.</summary>
    public sealed record Scenario(EligibilityCase Case, IReadOnlyList<string[]> Listed)
    {
        public PolicySnapshot Snapshot(int? widen = null, string? extra = null) => EligibilityPolicy.Snapshot(
            AllowLists.Select((list, i) => Rule("national", list.Key, From(Start, Codes([.. Listed[i], .. i == widen && extra is not null ? [extra] : Array.Empty<string>()])))));

        public override string ToString() =>
            $"{Case} with {string.Join("; ", AllowLists.Select((l, i) => $"{l.Key}=[{string.Join(",", Listed[i])}]"))}";
    }

    private static string[] CodesOf<TEnum>(Func<TEnum, string> code)
        where TEnum : struct, Enum => [.. Enum.GetValues<TEnum>().Select(code)];

    private static Gen<T> Any<T>()
        where T : struct, Enum => Gen.Elements(Enum.GetValues<T>());

    /// <summary>Mostly a case that could be eligible (statuses normal, a balance), so the properties meet both verdicts.</summary>
    private static Gen<EligibilityCase> Cases() =>
        from sharerInsurance in Any<InsuranceType>()
        from sharerStatus in Mostly(InsuranceStatus.Normal)
        from balance in Gen.OneOf(Gen.Elements(0m, 0.01m, 3000m), Gen.Choose(0, 1_000_000).Select(fen => fen / 100m))
        from relationship in Any<Relationship>()
        from memberInsurance in Any<InsuranceType>()
        from memberStatus in Mostly(InsuranceStatus.Normal)
        from location in Any<MemberLocation>()
        from purpose in Any<Purpose>()
        select Case(sharerInsurance: sharerInsurance, sharerStatus: sharerStatus, balance: balance, relationship: relationship,
            memberInsurance: memberInsurance, memberStatus: memberStatus, location: location, purpose: purpose);

    private static Gen<T> Mostly<T>(T value)
        where T : struct, Enum => Gen.Frequency((4, Gen.Constant(value)), (1, Any<T>()));

    /// <summary>The code of the case each list is asked about, in the order of <see cref="AllowLists"/>.</summary>
    private static string[] AskedCodes(EligibilityCase c) =>
    [
        VocabularyCodes.Of(c.Sharer.Insurance), VocabularyCodes.Of(c.Member.Insurance), VocabularyCodes.Of(c.Member.Relationship),
        VocabularyCodes.Of(c.Purpose), VocabularyCodes.Of(c.Member.Location),
    ];

    /// <summary>A case, and for each list any codes, mostly including the one the case asks about.</summary>
    private static Gen<Scenario> Scenarios() =>
        from c in Cases()
        from listed in Gen.CollectToArray(AllowLists.Zip(AskedCodes(c)).Select(pair =>
            from codes in Gen.SubListOf(pair.First.Codes)
            from includesAsked in Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)))
            select includesAsked ? [.. codes.Append(pair.Second).Distinct()] : codes.Where(code => code != pair.Second).ToArray()))
        select new Scenario(c, [.. listed]);

    [Property(Replay = Seed, MaxTest = 500)]
    public Property A_confirmed_failing_check_always_means_not_eligible_and_not_eligible_always_names_one() =>
        Prop.ForAll(Scenarios().ToArbitrary(), s =>
        {
            var result = Evaluate(s.Snapshot(), s.Case);
            return result.Checks.Any(c => c.Outcome == CheckOutcome.Fail && c.Certainty == Certainty.Confirmed) == (result.Verdict == Verdict.NotEligible);
        });

    [Property(Replay = Seed, MaxTest = 500)]
    public Property A_failing_check_never_leaves_the_case_eligible() =>
        Prop.ForAll(Scenarios().ToArbitrary(), s =>
        {
            var result = Evaluate(s.Snapshot(), s.Case);
            return !result.Checks.Any(c => c.Outcome == CheckOutcome.Fail) || result.Verdict != Verdict.Eligible;
        });

    [Property(Replay = Seed, MaxTest = 500)]
    public Property Adding_an_allowed_code_to_a_list_never_turns_eligible_into_not_eligible() =>
        Prop.ForAll(
            (from s in Scenarios()
             from list in Gen.Choose(0, AllowLists.Length - 1)
             from code in Gen.Elements(AllowLists[list].Codes)
             select (Scenario: s, List: list, Code: code)).ToArbitrary(),
            t =>
            {
                var before = Evaluate(t.Scenario.Snapshot(), t.Scenario.Case).Verdict;
                var after = Evaluate(t.Scenario.Snapshot(t.List, t.Code), t.Scenario.Case).Verdict;
                return before != Verdict.Eligible || after != Verdict.NotEligible;
            });

    [Property(Replay = Seed, MaxTest = 200)]
    public Property Listing_every_code_leaves_only_the_status_balance_and_exclusion_checks_to_fail() =>
        Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            var everything = new Scenario(c, [.. AllowLists.Select(l => l.Codes)]);
            var failing = Evaluate(everything.Snapshot(), c).Failing();
            return failing.All(id => id is CheckIds.SharerStatus or CheckIds.MemberStatus or CheckIds.SharerBalance or CheckIds.PurposeExcluded);
        });
}
