using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Markdown;
using FamilyMutualAid.Web.Policy;
using FamilyMutualAid.Web.Content;

namespace FamilyMutualAid.Web.Pages.Check;

/// <summary>A phone number to call, from the data, with its sources.</summary>
/// <summary>Everything the result page and the printable 结果单 show: verdict, next steps, reasons, answers.</summary>
public sealed class CheckOutcomeView
{
    public required CheckAnswers Answers { get; init; }

    public required CheckEvaluation Evaluation { get; init; }

    public IReadOnlyList<WordedCheck> Checks { get; private set; } = [];

    public required Region Region { get; init; }

    public required DateOnly CheckedOn { get; init; }

    public required Footnotes Footnotes { get; init; }

    public required PolicySnapshot Snapshot { get; init; }

    public required CheckPlaces Places { get; init; }

    /// <summary>The questions asked in this region, in order (those its rules make irrelevant are left out).</summary>
    public required IReadOnlyList<CheckQuestion> Asked { get; init; }

    public required string? BindingUrl { get; init; }

    public required string? CrossRegionUrl { get; init; }

    /// <summary>The documents section of the nearest binding channel that lists them, rendered, with the channel's title.</summary>
    public required (string Channel, string Html)? Documents { get; init; }

    public required Hotline? Call { get; init; }

    /// <summary>How this case's answer changed over time, oldest first (empty when the answer depends on an unknown answer).</summary>
    public required IReadOnlyList<TimelinePeriod> Timeline { get; init; }

    /// <summary>For a relative insured in another province: the 医保钱包 rule and both provinces' status on the date.</summary>
    public required WalletView? Wallet { get; init; }

    /// <summary>Where to apply or check, from the data.</summary>
    public required WhereToAsk? WhereToAsk { get; init; }

    public EligibilityCase Case => Evaluation.Case;

    public EligibilityResult Result => Evaluation.Result;

    /// <summary>The engine's verdict as the API names it: eligible, not_eligible, needs_check.</summary>
    public string VerdictCode => VocabularyCodes.SnakeCase(Result.Verdict.ToString());

    /// <summary>The headline: never surer than the sources or the answers.</summary>
    public string Headline => Evaluation.DependsOnAnswers
        ? $"还不能确定：要看{string.Join("和", Evaluation.Effects.Where(e => e.Matters).Select(e => e.Question.ShortLabel))}"
        : EligibilityText.Verdict(Result);

    /// <summary>How sure the headline is, in words; null where the headline already says it (资料说法不一, 未经证实, 没有说明).</summary>
    public string? CertaintyNote => Evaluation.DependsOnAnswers
        ? "您有问题选了“不清楚”，结果取决于它。"
        : (Result.Verdict, Result.Certainty) switch
        {
            (Verdict.NeedsCheck, _) => null,
            (_, Certainty.Confirmed) => "依据已确认：都有官方原文或媒体的原始报道。",
            (_, Certainty.Reported) => "依据是转载的报道：都写明了原发布者和日期，但我们没有看到官方原文，办理前最好向当地核实。",
            (Verdict.Eligible, _) => "依据未经证实：有的只见于网上问答文章，或资料没有说明。",
            _ => null,
        };

    /// <summary>
    /// For an open answer, how many points are settled: checks that pass on confirmed or reported rules, no disagreement
    /// open about them (the reasons below list them).
    /// </summary>
    public int Settled => Result.Verdict != Verdict.NeedsCheck || Evaluation.DependsOnAnswers ? 0
        : Result.Checks.Count(k => k.Outcome == CheckOutcome.Pass && k.Certainty <= Certainty.Reported && k.Id is not (CheckIds.RegionKnown or CheckIds.Disagreement)
            && !Result.Checks.Any(d => d.Id == CheckIds.Disagreement && d.Disagreement?.ParameterKey == k.ParameterKey));

    /// <summary>What a reader must know before relying on the headline, in plain words (worded once: the page reads it twice).</summary>
    public IReadOnlyList<string> Caveats => _caveats ??= WordCaveats();

    /// <summary>What to ask the 医保 office, from the points the sources leave open and the answers not known (worded once).</summary>
    public IReadOnlyList<string> QuestionsToAsk => _questionsToAsk ??= WordQuestionsToAsk();

    private IReadOnlyList<string>? _caveats;
    private IReadOnlyList<string>? _questionsToAsk;

    private List<string> WordCaveats()
    {
        var caveats = new List<string>();
        foreach (var effect in Evaluation.Effects.Where(e => e.Matters))
        {
            caveats.Add(EffectText(effect));
        }
        // Two provinces are simply two provinces; within one, a city is taken as one pooling area, which the reader may know better.
        if (Evaluation.LocationInferred && Evaluation.MemberPlace is not null && Case.Member.Location != MemberLocation.OtherProvince)
        {
            var location = Label("location", VocabularyCodes.Of(Case.Member.Location));
            caveats.Add(Case.Member.Location == MemberLocation.SameRegion ? $"两地是同一个城市，按“{location}”算。" : $"两地不在同一个城市，按“{location}”算。");
        }
        if (!Evaluation.SharerPlace.OwnRules)
        {
            var unsettled = Evaluation.SharerPlace.UnsettledRegionSlug is { } other ? Snapshot.FindRegion(other) : null;
            caveats.Add($"{Evaluation.SharerPlace.Name.Split(" · ")[0]}没有单独的资料，按{string.Join("和", Snapshot.LineageOf(Region.Slug).Select(r => r.Name))}的规则判断"
                + (unsettled is null ? "。" : $"；也没有资料说明这里按{Region.Name}还是{unsettled.Name}的规则，请向当地医保部门问清楚。"));
        }
        if (Region.ParentSlug is not null && Snapshot.CoverageOf(Region.Slug) != LocalCoverage.LocalSources)
        {
            caveats.Add($"我们没有找到{Region.Name}自己的通知或说明，按{string.Join("、", Snapshot.LineageOf(Region.Slug).Skip(1).Select(r => r.Name))}的规则和不专讲当地的资料判断，当地可能另有规定。");
        }
        return caveats;
    }

    private string[] WordQuestionsToAsk()
    {
        var questions = new List<string>();
        foreach (var effect in Evaluation.Effects.Where(e => e.Matters))
        {
            questions.Add(effect.Question.Field switch
            {
                CheckQuestions.SharerInsurance => "我参加的是职工医保吗？",
                CheckQuestions.SharerStatus => "我现在是正常参保吗？",
                CheckQuestions.Balance => "我的个人账户现在有多少余额？",
                CheckQuestions.MemberInsurance => "家人参加的是哪种医保？",
                CheckQuestions.MemberStatus => "家人现在是正常参保吗？",
                _ => "家人和我算不算同一个统筹地区？",
            });
        }
        var doubtful = Result.Checks.Where(k => k.Id != CheckIds.RegionKnown && Evaluation.EffectOn(k) is not { Matters: true }
            && (k.Outcome == CheckOutcome.Unknown || (k.Certainty > Certainty.Reported && (Result.Verdict == Verdict.Eligible || k.Outcome == CheckOutcome.Fail))));
        foreach (var check in doubtful)
        {
            questions.Add(Question(check));
        }
        return [.. questions.Distinct(StringComparer.Ordinal)];
    }

    public string VerdictClass => Evaluation.DependsOnAnswers ? "verdict-check" : Result.Verdict switch
    {
        Verdict.Eligible => "verdict-yes",
        Verdict.NotEligible => "verdict-no",
        _ => "verdict-check",
    };

    /// <summary>Evaluates complete answers; null when some are missing.</summary>
    public static CheckOutcomeView? Evaluate(CheckAnswers answers, CheckPlaces places, MarkdownRenderer markdown, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(markdown);
        var snapshot = places.Snapshot;
        if (CheckEvaluation.Evaluate(answers, places, today) is not { } evaluation)
        {
            return null;
        }
        var c = evaluation.Case;
        var text = new EligibilityText(snapshot);
        var footnotes = new Footnotes(snapshot);
        var relevance = places.Relevance(c.RegionSlug, c.AsOf, today);
        var view = new CheckOutcomeView
        {
            Answers = answers,
            Evaluation = evaluation,
            Region = snapshot.FindRegion(c.RegionSlug)!,
            CheckedOn = today,
            Footnotes = footnotes,
            Snapshot = snapshot,
            Places = places,
            Asked = [.. CheckQuestions.All.Where(relevance.Asks)],
            BindingUrl = PageUrl(snapshot, c.RegionSlug, ContentKinds.Binding),
            CrossRegionUrl = c.Member.Location == MemberLocation.SameRegion ? null : PageUrl(snapshot, c.RegionSlug, "cross-region"),
            Documents = DocumentsOf(places, markdown, footnotes, c.RegionSlug),
            Call = CallOf(snapshot, footnotes, c),
            Timeline = evaluation.DependsOnAnswers ? [] : CaseTimeline.Of(snapshot, c),
            Wallet = WalletView.Of(snapshot, footnotes, c, evaluation.MemberPlace),
            WhereToAsk = WhereToAsk.Of(snapshot, footnotes, c.RegionSlug, c.AsOf),
        };
        view.Checks = [.. evaluation.Result.Checks.Select(check => view.Word(text, check))];
        foreach (var check in view.Checks)
        {
            footnotes.Cite(check.Check.SourceIds);
        }
        return view;
    }

    /// <summary>The answer as the check-your-answers list and the 结果单 show it.</summary>
    public string AnswerLabel(CheckQuestion question) => AnswerLabel(question, Answers, Places);

    public static string AnswerLabel(CheckQuestion question, CheckAnswers answers, CheckPlaces places)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answers);
        var value = CheckQuestions.CombinedAs(question) is { } combined ? combined.ChoiceOf(answers) : answers[question.Field];
        return question.Kind switch
        {
            AnswerKind.Place => value == CheckAnswers.Unknown ? "不清楚" : places?.Find(value)?.Name ?? value ?? "",
            AnswerKind.Balance when value == "some" && answers.Amount is { } amount => $"有余额，约 {amount:#,0.##} 元",
            _ => question.Label(value, places.Snapshot.Vocabulary),
        };
    }

    public IReadOnlyList<(int Number, Source Source)> Citations(WordedCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return Footnotes.Cite(check.Check.SourceIds);
    }

    /// <summary>The badge of a check: its outcome, or that it depends on an answer not known.</summary>
    public string Badge(WordedCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return Evaluation.EffectOn(check.Check) is { Matters: true } ? "要看您的情况" : EligibilityText.Outcome(check.Check.Outcome);
    }

    private WordedCheck Word(EligibilityText text, EligibilityCheck check)
    {
        var worded = text.Word(check, Case);
        return Evaluation.EffectOn(check) is { } effect ? worded with { Reason = EffectText(effect) } : worded;
    }

    private static string EffectText(AnswerEffect effect)
    {
        if (!effect.Matters)
        {
            var all = string.Join("还是", effect.Outcomes.Select(o => o.Label));
            return $"{effect.Why}：按这里的规则，{all}，结果都一样（{EligibilityText.Verdict(effect.Outcomes[0].Result)}）。";
        }
        var cases = string.Join("；", effect.Outcomes.Select(o => $"如果{o.Label}，{EligibilityText.Verdict(o.Result)}"));
        return $"{effect.Why}：{cases}。";
    }

    private string Label(string group, string code) => Snapshot.Vocabulary.Label(group, code);

    private string Question(EligibilityCheck check) => check.Id switch
    {
        CheckIds.SharerInsurance => "我的医保能不能给家人共济？",
        CheckIds.SharerStatus => "我的参保状态有没有要求？",
        CheckIds.SharerBalance or CheckIds.SharerReserve => "我的个人账户要留多少余额，超出的部分才能给家人用？",
        CheckIds.MemberInsurance => "家人参加的这种医保能不能被共济？",
        CheckIds.MemberStatus => "家人的参保状态有没有要求？",
        CheckIds.Relationship => $"{Label("relationship", VocabularyCodes.Of(Case.Member.Relationship))}能不能加入家庭共济？",
        CheckIds.PurposeAllowed or CheckIds.PurposeExcluded => $"共济的钱能不能用来付“{Label("purpose", VocabularyCodes.Of(Case.Purpose))}”？",
        CheckIds.Location => $"家人在{Label("location", VocabularyCodes.Of(Case.Member.Location))}参保，能不能共济？从什么时候开始？",
        _ => $"{EligibilityText.Title(check)}，现在按哪种说法办？",
    };

    /// <summary>The nearest page of this kind: the region's own, else an ancestor's.</summary>
    private static string? PageUrl(PolicySnapshot snapshot, string regionSlug, string kind) =>
        snapshot.LineageOf(regionSlug).Select(r => snapshot.FindPage(r.Slug, kind)).OfType<ContentPage>()
            .Select(p => kind == ContentKinds.Binding ? $"/regions/{regionSlug}/binding" : $"/regions/{p.RegionSlug}/{p.Kind}").FirstOrDefault();

    /// <summary>
    /// The documents section, rendered once per snapshot and region with footnotes numbered from 1: the page cites nothing
    /// before it, so citing the same sources in the same order numbers them the same (otherwise it is rendered here).
    /// </summary>
    internal static (string, string)? DocumentsOf(CheckPlaces places, MarkdownRenderer markdown, Footnotes footnotes, string regionSlug)
    {
        if (footnotes.Cited.Count > 0)
        {
            return RenderDocuments(places.Snapshot, markdown, regionSlug, footnotes.NumberOf);
        }
        var documents = places.Timeless(new DocumentsKey(regionSlug), (snapshot, key) =>
        {
            var cited = new List<string>();
            var numbering = new Footnotes(snapshot);
            var rendered = RenderDocuments(snapshot, markdown, key.RegionSlug, id =>
            {
                cited.Add(id);
                return numbering.NumberOf(id);
            });
            return new DocumentsView(rendered, cited);
        });
        footnotes.Cite(documents.Cited);
        return documents.Rendered;
    }

    private static (string, string)? RenderDocuments(PolicySnapshot snapshot, MarkdownRenderer markdown, string regionSlug, Func<string, int?> numberOf)
    {
        foreach (var region in snapshot.LineageOf(regionSlug))
        {
            foreach (var channel in snapshot.ChannelsOf(region.Slug))
            {
                var (_, sections) = ChannelSections.Split(channel.Markdown);
                if (sections.FirstOrDefault(s => s.Heading == ChannelSections.Documents) is { } documents)
                {
                    return (channel.Title, markdown.ToHtml(documents.Markdown, numberOf));
                }
            }
        }
        return null;
    }

    private sealed record DocumentsKey(string RegionSlug);

    private sealed record DocumentsView((string Channel, string Html)? Rendered, IReadOnlyList<string> Cited);

    private static Hotline? CallOf(PolicySnapshot snapshot, Footnotes footnotes, EligibilityCase c) => Hotline.Of(snapshot, footnotes, c.RegionSlug, c.AsOf);
}

/// <summary>The 医保钱包 for a relative in another province: the rule, and each side's status on the case's date, cited.</summary>
public sealed record WalletView(string? Rule, IReadOnlyList<(int Number, Source Source)> RuleCitations, IReadOnlyList<WalletSideView> Sides)
{
    public static WalletView? Of(PolicySnapshot snapshot, Footnotes footnotes, EligibilityCase c, InsuredPlace? memberPlace)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(footnotes);
        ArgumentNullException.ThrowIfNull(c);
        if (c.Member.Location != MemberLocation.OtherProvince)
        {
            return null;
        }
        var rule = snapshot.Resolve(c.RegionSlug, "wallet_rule", c.AsOf);
        var sides = new List<WalletSideView>();
        foreach (var (who, slug) in new[] { ("您", c.RegionSlug), ("家人", memberPlace?.RegionSlug) })
        {
            if (slug is not null && WalletAvailability.On(snapshot, slug, c.AsOf) is { } side)
            {
                sides.Add(new(who, side.Province.Name, WalletSideView.Words(side), side.Unconfirmed && side.Status != WalletStatus.Unknown,
                    footnotes.Cite([.. side.Values.SelectMany(v => v.SourceIds).Concat(side.OpenDisagreement?.Claims.SelectMany(x => x.SourceIds) ?? []).Distinct(StringComparer.Ordinal)]),
                    side.OpenDisagreement?.Topic));
            }
            else if (slug is null)
            {
                sides.Add(new(who, "（参保地不详）", "不知道家人在哪个省参保，无法查开通情况。", false, [], null));
            }
        }
        return new(rule?.Value.Value is TextValue text ? text.Text : null, rule is null ? [] : footnotes.Cite(rule.Value.SourceIds), sides);
    }
}

/// <summary>One side of a wallet transfer: whose, which province, its status in words, and the sources.</summary>
public sealed record WalletSideView(string Who, string Province, string Status, bool Unconfirmed, IReadOnlyList<(int Number, Source Source)> Citations, string? Disputed)
{
    public static string Words(WalletSide side)
    {
        ArgumentNullException.ThrowIfNull(side);
        var since = side.Values.Length == 0 ? "" : $"（据{PolicyText.ReportedMonth(side.Values.Max(v => v.From))}的资料）";
        return side.Status switch
        {
            WalletStatus.WholeArea => $"全省（区、市）已开通{since}",
            WalletStatus.SomeAreas => $"部分地市已开通，资料没有说是哪些，请向参保地核实{since}",
            WalletStatus.NotYet => $"当时的名单里还没有，可能尚未开通{since}",
            _ => "资料没有说明是否已开通",
        };
    }
}
