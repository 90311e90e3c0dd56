using static FamilyMutualAid.Rules.EligibilityEngine;
using static FamilyMutualAid.Rules.Tests.EligibilityPolicy;

namespace FamilyMutualAid.Rules.Tests;

public sealed class QuestionRelevanceTests
{
    [Fact]
    public void Under_the_national_rules_every_field_matters_but_the_amount_of_a_balance()
    {
        var relevance = QuestionRelevance.For(Snapshot(), "beta", Today);

        Assert.All(Enum.GetValues<CaseField>(), field => Assert.True(relevance.Matters(field), field.ToString()));
        Assert.False(relevance.AmountMatters);
    }

    [Fact]
    public void A_region_that_sets_no_status_requirement_makes_the_sharers_status_idle()
    {
        var snapshot = Snapshot([Rule("alpha", Keys.SharerNormalStatusRequired, From(Start, No))]);

        var relevance = QuestionRelevance.For(snapshot, "beta", Today);

        Assert.False(relevance.Matters(CaseField.SharerStatus));
        Assert.True(relevance.Matters(CaseField.MemberStatus));
        Assert.True(QuestionRelevance.For(snapshot, "national", Today).Matters(CaseField.SharerStatus));
    }

    [Fact]
    public void A_field_left_out_of_the_probe_counts_as_mattering_even_where_it_is_idle()
    {
        var snapshot = Snapshot([Rule("alpha", Keys.SharerNormalStatusRequired, From(Start, No))]);

        var relevance = QuestionRelevance.For(snapshot, "beta", Today, new HashSet<CaseField> { CaseField.MemberStatus });

        Assert.True(relevance.Matters(CaseField.SharerStatus));
        Assert.False(QuestionRelevance.For(snapshot, "beta", Today, new HashSet<CaseField> { CaseField.SharerStatus }).Matters(CaseField.SharerStatus));
    }

    [Fact]
    public void Without_a_balance_requirement_or_reserve_the_balance_is_idle()
    {
        var snapshot = Snapshot([Rule("national", Keys.SharerPositiveBalanceRequired, From(Start, No))]);

        var relevance = QuestionRelevance.For(snapshot, "alpha", Today);

        Assert.False(relevance.Matters(CaseField.SharerBalance));
        Assert.False(relevance.AmountMatters);
    }

    [Fact]
    public void A_reserve_makes_the_amount_matter_even_without_a_balance_requirement()
    {
        var snapshot = Snapshot([
            Rule("national", Keys.SharerPositiveBalanceRequired, From(Start, No)),
            Rule("alpha", Keys.ReserveAmount, From(Start, new NumberValue(2000)))]);

        var relevance = QuestionRelevance.For(snapshot, "beta", Today);

        Assert.True(relevance.Matters(CaseField.SharerBalance));
        Assert.True(relevance.AmountMatters);
        Assert.False(QuestionRelevance.For(snapshot, "beta", Start.AddDays(-1)).AmountMatters);
    }

    [Fact]
    public void A_region_not_in_the_data_rules_nothing_out()
    {
        Assert.Same(QuestionRelevance.All, QuestionRelevance.For(Snapshot(), "atlantis", Today));
        Assert.Same(QuestionRelevance.All, QuestionRelevance.For(Snapshot(), null, Today));
        Assert.True(QuestionRelevance.All.AmountMatters);
    }
}
