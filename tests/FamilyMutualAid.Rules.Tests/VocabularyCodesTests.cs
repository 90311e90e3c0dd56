namespace FamilyMutualAid.Rules.Tests;

public sealed class VocabularyCodesTests
{
    [Fact]
    public void Each_case_value_maps_to_the_snake_case_code_used_in_the_policy_data()
    {
        Assert.Equal("other_province", VocabularyCodes.Of(MemberLocation.OtherProvince));
        Assert.Equal("long_term_care_premium", VocabularyCodes.Of(Purpose.LongTermCarePremium));
        Assert.Equal("grandchild", VocabularyCodes.Of(Relationship.Grandchild));
        Assert.Equal("none", VocabularyCodes.Of(InsuranceType.None));
        Assert.Equal("suspended", VocabularyCodes.Of(InsuranceStatus.Suspended));
    }

    [Fact]
    public void A_value_outside_the_enum_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VocabularyCodes.Of((Purpose)99));
    }
}
