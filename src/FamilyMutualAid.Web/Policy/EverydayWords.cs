using FamilyMutualAid.Rules;

namespace FamilyMutualAid.Web.Policy;

/// <summary>
/// Short everyday words for vocabulary codes, for places with no room for the official label (the quick answer on a
/// region page, the check's choices and results): defined here once; the official labels stay in the data's vocabulary. Wording only: which codes a rule lists always comes from the data; unknown codes keep their label.
/// </summary>
public static class EverydayWords
{
    private static readonly Dictionary<(string Group, string Code), string> Words = new()
    {
        [("purpose", "hospital")] = "看病自付的钱",
        [("purpose", "pharmacy")] = "在药店买药",
        [("purpose", "resident_premium")] = "交居民医保",
        [("purpose", "long_term_care_premium")] = "交长期护理保险",
        [("purpose", "commercial_insurance")] = "买商业健康保险",
        [("purpose", "wellness")] = "健身、养生保健",
        [("location", "same_region")] = "同一个城市",
        [("location", "same_province")] = "省内其他城市",
        [("location", "other_province")] = "外省",
        [("insurance", "employee")] = "职工医保",
        [("insurance", "resident")] = "城乡居民医保",
        [("insurance", "none")] = "没有参加医保",
        [("status", "suspended")] = "暂停或断缴了",
    };

    /// <summary>The everyday word for a code this class words (the check's choices use the same words).</summary>
    public static string For(string group, string code) =>
        Words.TryGetValue((group, code), out var word) ? word : throw new ArgumentException($"no everyday word for {group}:{code}", nameof(code));

    /// <summary>A value in everyday words: a list as its codes' short words, anything else as the page words it.</summary>
    public static string Of(ParameterDefinition definition, PolicyValue value, Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(vocabulary);
        return value is ListValue { Items.IsEmpty: false } list && definition.Vocabulary is { } group
            ? string.Join("、", list.Items.Select(code => Words.GetValueOrDefault((group, code)) ?? vocabulary.Label(group, code)))
            : PolicyText.Value(definition, value, vocabulary);
    }
}
