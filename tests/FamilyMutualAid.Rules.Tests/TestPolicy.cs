using System.Collections.Immutable;

namespace FamilyMutualAid.Rules.Tests;

/// <summary>Builds small policy snapshots for tests: national → alpha (province) → beta (city).</summary>
internal static class TestPolicy
{
    public static readonly DateOnly Guideline2021 = new(2021, 4, 22);
    public static readonly DateOnly Extension2024 = new(2024, 8, 7);

    public static Region National { get; } = new("national", "全国", RegionLevel.National, null);
    public static Region Alpha { get; } = new("alpha", "甲省", RegionLevel.Province, "national");
    public static Region Beta { get; } = new("beta", "乙市", RegionLevel.City, "alpha");

    public static Source SourceA { get; } = new("src-a", "来源甲", null, "测试", new(2024, 1, 1), null, SourceTier.Official, null);

    public static ParameterDefinition Relatives { get; } = new("relatives", "亲属范围", ParameterType.List, "relationship", null);
    public static ParameterDefinition Cap { get; } = new("cap", "额度上限", ParameterType.Number, null, "比例");

    public static Vocabulary Vocabulary { get; } = new(ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty
        .Add("relationship", ImmutableDictionary<string, string>.Empty.Add("spouse", "配偶").Add("parent", "父母").Add("sibling", "兄弟姐妹")));

    public static DatedValue Value(DateOnly from, PolicyValue value, DateOnly? until = null, params string[] sources) =>
        new(from, until, value, sources.Length == 0 ? ["src-a"] : [.. sources], null, false);

    public static ListValue List(params string[] items) => new([.. items]);

    public static PolicyParameter NationalRelatives { get; } = new("national", "relatives",
        [Value(Guideline2021, List("spouse", "parent")), Value(Extension2024, List("spouse", "parent", "sibling"))], null);

    public static PolicySnapshot Snapshot(
        IEnumerable<Region>? regions = null,
        IEnumerable<PolicyParameter>? parameters = null,
        IEnumerable<Disagreement>? disagreements = null,
        IEnumerable<ContentPage>? pages = null,
        IEnumerable<Source>? sources = null) =>
        new(regions ?? [National, Alpha, Beta], sources ?? [SourceA], [Relatives, Cap], parameters ?? [NationalRelatives], disagreements ?? [], pages ?? [], Vocabulary);
}
