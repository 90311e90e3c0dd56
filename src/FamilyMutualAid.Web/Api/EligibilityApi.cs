using System.ComponentModel;
using System.Text.Json.Serialization;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Policy;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Api;

/// <summary>POST /api/eligibility: the rules engine over JSON, with every bad field named in a problem+json answer.</summary>
public static class EligibilityApi
{
    public sealed record CheckDto(string Id, string Outcome, string Certainty, string Title, string Reason, IReadOnlyList<PolicyApi.SourceDto> Sources, DateOnly? EffectiveFrom, bool Reported, bool Unconfirmed, string? InheritedFrom);

    public sealed record NextStepDto(string Text, string? Url);

    /// <summary>The answer: <c>certainty</c> is confirmed, unconfirmed or conflicting; <c>headline</c> words verdict and certainty together.</summary>
    public sealed record EligibilityDto(string Verdict, string Certainty, string Headline, string Region, DateOnly AsOf, IReadOnlyList<CheckDto> Checks, IReadOnlyList<NextStepDto> NextSteps);

    /// <summary>The body of POST /api/eligibility: may this sharer's account pay for this relative, for this purpose, here, on this day?</summary>
    public sealed record EligibilityRequest(
        [property: Description("共济人参保地区的代码：GET /api/regions 列出的 slug"), RequiredField, KnownRegion] RequestText? Region,
        [property: Description("按哪一天的规则判断，YYYY-MM-DD；可省略，默认今天"), PolicyDate] RequestDate? AsOf,
        [property: Description("共济人：用自己的个人账户为家人付费的人"), RequiredField, JsonConverter(typeof(RequestPartConverter<SharerRequest>))] SharerRequest? Sharer,
        [property: Description("家人：用共济人的账户付费的人"), RequiredField, JsonConverter(typeof(RequestPartConverter<MemberRequest>))] MemberRequest? Member,
        [property: Description("用途"), RequiredField, KnownCode] RequestCode<Rules.Purpose>? Purpose)
    {
        public EligibilityCase ToCase(DateOnly today) => new(
            Region.Known(),
            AsOf.OrDefault(today),
            new Rules.Sharer(Sharer!.Insurance.Known(), Sharer.Status.Known(), Sharer.Balance.Known()),
            new Rules.Member(Member!.Relationship.Known(), Member.Insurance.Known(), Member.Status.Known(), Member.Location.Known()) { RegionSlug = Member.Place?.Text },
            Purpose.Known());
    }

    /// <summary>The sharer: whose individual account would pay.</summary>
    public sealed record SharerRequest(
        [property: Description("医保类型"), RequiredField, KnownCode] RequestCode<InsuranceType>? Insurance,
        [property: Description("参保状态"), RequiredField, KnownCode] RequestCode<InsuranceStatus>? Status,
        [property: Description("个人账户余额（元），须为整分（最多两位小数）"), RequiredField, WholeFen] RequestAmount? Balance) : IRequestPart<SharerRequest>
    {
        public static SharerRequest NotAnObject { get; } = new(null, null, null) { IsNotAnObject = true };

        [JsonIgnore]
        public bool IsNotAnObject { get; private init; }
    }

    /// <summary>The relative the money would be used for.</summary>
    public sealed record MemberRequest(
        [property: Description("家人与共济人的关系"), RequiredField, KnownCode] RequestCode<Rules.Relationship>? Relationship,
        [property: Description("医保类型"), RequiredField, KnownCode] RequestCode<InsuranceType>? Insurance,
        [property: Description("参保状态"), RequiredField, KnownCode] RequestCode<InsuranceStatus>? Status,
        [property: Description("家人参保地与共济人的关系：same_region、same_province 或 other_province"), RequiredField, KnownCode] RequestCode<MemberLocation>? Location,
        [property: Description("家人参保地区的代码（可省略）：GET /api/regions 列出的 slug。家人在外省参保时，用来查双方是否都已开通医保钱包"), KnownRegion] RequestText? Place = null) : IRequestPart<MemberRequest>
    {
        public static MemberRequest NotAnObject { get; } = new(null, null, null, null) { IsNotAnObject = true };

        [JsonIgnore]
        public bool IsNotAnObject { get; private init; }
    }

    /// <summary>A request that shows every field; the developer page and the OpenAPI document show it as the example.</summary>
    public const string SampleRequest = """
        {
          "region": "shanghai",
          "asOf": "2026-11-01",
          "sharer": { "insurance": "employee", "status": "normal", "balance": 3000 },
          "member": { "relationship": "spouse", "insurance": "resident", "status": "normal", "location": "same_region" },
          "purpose": "hospital"
        }
        """;

    public static IEndpointRouteBuilder MapEligibilityApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/eligibility", Evaluate)
            .DisableAntiforgery()
            .WithTags("eligibility")
            .WithSummary("判断能否共济")
            .WithDescription("按某地区某日的规则，判断共济人的个人账户能否为这位家人支付这项费用，并列出每一项判断及其出处。")
            .WithJsonRequest(SampleRequest)
            .Produces<EligibilityDto>();
        return app;
    }

    private static EligibilityDto Evaluate(EligibilityRequest request, PolicySnapshotProvider policy, TimeProvider clock)
    {
        var snapshot = policy.Current;
        var c = request.ToCase(PolicyText.Today(clock));
        return ToDto(snapshot, c, EligibilityEngine.Evaluate(snapshot, c));
    }

    public static EligibilityDto ToDto(PolicySnapshot snapshot, EligibilityCase c, EligibilityResult result)
    {
        var text = new EligibilityText(snapshot);
        return new EligibilityDto(
            Codes.Of(result.Verdict),
            Codes.Of(result.Certainty),
            EligibilityText.Verdict(result),
            result.RegionSlug,
            result.AsOf,
            [.. result.Checks.Select(check => text.Word(check, c)).Select(w => new CheckDto(
                w.Check.Id,
                Codes.Of(w.Check.Outcome),
                Codes.Of(w.Check.Certainty),
                w.Title,
                w.Reason,
                PolicyApi.Sources(snapshot, w.Check.SourceIds),
                w.Check.EffectiveFrom,
                w.Check.Reported,
                w.Check.Unconfirmed,
                w.Check.InheritedFrom?.Slug))],
            [.. text.NextSteps(result, c).Select(s => new NextStepDto(s.Text, s.Url))]);
    }
}
