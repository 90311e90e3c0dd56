using FamilyMutualAid.Web.Caching;
using System.ComponentModel;
using System.Text.Json;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Api;

/// <summary>GET /api/regions and GET /api/regions/{slug}/policy: the published policy data as JSON.</summary>
public static class PolicyApi
{
    public sealed record RegionDto(string Slug, string Name, string Level, string? Parent);

    /// <summary>
    /// A source: <c>publisher</c> and <c>date</c> are the original ones the page names (<c>date</c> null when no date is
    /// known, <c>dateNote</c> says what is); <c>tier</c> the kind of page (official, news, repost, portal, anonymous,
    /// consumer_page); <c>confidence</c> what it allows (confirmable, reported_by, unconfirmed); <c>attribution</c> the
    /// footnote's words; <c>seenAt</c> where a repost was seen; <c>region</c> the region it speaks about.
    /// </summary>
    public sealed record SourceDto(
        string Id,
        string Title,
        DateOnly? Date,
        string? DateNote,
        string Tier,
        string Confidence,
        string Attribution,
        bool Repost,
        string? Publisher,
        string? SeenAt,
        string? Region,
        string? File)
    {
        public static SourceDto Of(Source source)
        {
            ArgumentNullException.ThrowIfNull(source);
            return new(source.Id, source.Title, source.Date, source.DateNote, Codes.Of(source.Tier), Codes.Of(source.Strength),
                PolicyText.Attribution(source), source.IsRepost, source.Publisher, source.SeenAt, source.Region, source.File);
        }
    }

    /// <summary>
    /// What a list parameter says about one code, as the eligibility check decides it: <c>state</c> allowed, excluded or
    /// not_stated; <c>region</c> the region whose value states it (null when none does), with that value's
    /// <c>effectiveFrom</c>, <c>reported</c> and <c>sources</c> (ids, listed in full on the parameter or via /sources);
    /// <c>unconfirmed</c> when it rests on a weak source or on a local adoption no source confirms;
    /// <c>awaitsLocalAdoption</c> when a national widening each province adopts on its own is not known to apply here yet.
    /// </summary>
    public sealed record CodeDto(
        string Code,
        string Label,
        string State,
        string? Region,
        DateOnly? EffectiveFrom,
        bool Reported,
        bool Unconfirmed,
        bool AwaitsLocalAdoption,
        IReadOnlyList<string> Sources);

    /// <summary>
    /// A rule in force on the date. <c>localAdoption</c>: the value is a national one each province adopts on its own;
    /// <c>awaitsLocalAdoption</c>: what it adds is not known to apply in this region yet (no source says it adopted it),
    /// so those codes are unconfirmed here. For a list of codes, <c>codes</c> gives each code as the check decides it
    /// (a region's own list may state only some codes; the others come from the nearest region stating them); null otherwise.
    /// </summary>
    public sealed record ParameterDto(
        string Key,
        string Label,
        string Type,
        object Value,
        string Display,
        string? Unit,
        DateOnly EffectiveFrom,
        bool Reported,
        DateOnly? Until,
        bool Unconfirmed,
        string? InheritedFrom,
        string? Note,
        IReadOnlyList<SourceDto> Sources,
        bool LocalAdoption,
        bool AwaitsLocalAdoption,
        IReadOnlyList<CodeDto>? Codes);

    public sealed record ClaimDto(string Text, bool Followed, IReadOnlyList<SourceDto> Sources);

    public sealed record DecisionDto(DateOnly? From, DateOnly? Until, string Resolution, string Reason);

    /// <summary>A disagreement in force on the date: the decision for that date, and every period's decision.</summary>
    public sealed record DisagreementDto(string Id, string Region, string Topic, string? Parameter, IReadOnlyList<string> Codes, string Resolution, string Reason, IReadOnlyList<DecisionDto> Decisions, IReadOnlyList<ClaimDto> Claims);

    public sealed record PolicyDto(string Region, DateOnly AsOf, IReadOnlyList<ParameterDto> Parameters, IReadOnlyList<DisagreementDto> Disagreements);

    public static IEndpointRouteBuilder MapPolicyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("policy");
        api.MapGet("/regions", (PolicySnapshotProvider policy, IOptions<JsonOptions> json) => Results.Bytes(
                policy.Views.Get(new RegionsKey(), (snapshot, _) => JsonSerializer.SerializeToUtf8Bytes(
                    snapshot.Regions.Select(r => new RegionDto(r.Slug, r.Name, Codes.Of(r.Level), r.ParentSlug)), json.Value.SerializerOptions)),
                "application/json; charset=utf-8"))
            .WithSummary("列出地区")
            .WithDescription("返回所有地区：slug、name、level（national | province | city）、parent。")
            .Produces<RegionDto[]>()
            .WithMetadata(new PublishedPageAttribute());
        api.MapGet("/regions/{slug}/policy", GetPolicy)
            .WithSummary("某地区某日适用的规则")
            .WithDescription("返回当日适用的每条规则：取值、日期（effectiveFrom；reported 为 true 时它只是最早报道这条规则的资料的日期，规则可能更早就已开始）、是否未经证实、是否沿用上级地区（inheritedFrom）、是否要由各地分别落地（localAdoption；awaitsLocalAdoption 为 true 时没有资料说明本地区已经执行，它新增的内容在这里未经证实）；名单类规则另有 codes，按检查结果的判断逐项给出：allowed（可以）、excluded（明确不包括）或 not_stated（资料没有说明），写明由哪个地区的规定决定（region）、日期、出处和是否未经证实或尚待本地落地（awaitsLocalAdoption）；出处（来源的 date 在资料没有注明日期时为 null，dateNote 说明已知的情况）；以及当日适用的资料说法不一致的地方：当日的处理方式（resolution、reason）和各时间段的处理（decisions，每段有 from、until）。地区不存在时返回 404 problem+json。")
            .Produces<PolicyDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithMetadata(new PublishedPageAttribute("asOf"));
        return app;
    }

    private static IResult GetPolicy(
        [Description("地区代码：GET /api/regions 列出的 slug")] string slug,
        [Description("按哪一天，YYYY-MM-DD；可省略，默认今天")] string? asOf,
        PolicySnapshotProvider policy, TimeProvider clock, IOptions<JsonOptions> json)
    {
        var views = policy.Views;
        var errors = new FieldErrors();
        var today = PolicyText.Today(clock);
        var date = ApiValues.Date(asOf, "asOf", today, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        if (views.Snapshot.FindRegion(slug) is not { } region)
        {
            return ApiValues.RegionNotFound(slug);
        }
        // Today's answer is serialized once per snapshot; another date (any a client names) is computed each time.
        var body = date == today
            ? views.Get(today, new PolicyKey(region), (snapshot, _) => Serialize(Policy(snapshot, slug, today), json.Value))
            : Serialize(Policy(views.Snapshot, slug, date!.Value), json.Value);
        return Results.Bytes(body, "application/json; charset=utf-8");
    }

    private sealed record PolicyKey(Region Region);

    private sealed record RegionsKey;

    private static byte[] Serialize(PolicyDto policy, JsonOptions json) => JsonSerializer.SerializeToUtf8Bytes(policy, json.SerializerOptions);

    private static PolicyDto Policy(PolicySnapshot snapshot, string slug, DateOnly date)
    {
        var parameters = new List<ParameterDto>();
        foreach (var e in snapshot.ResolveAll(slug, date))
        {
            var codes = CodesOf(snapshot, slug, e.Definition, date);
            parameters.Add(new ParameterDto(
                e.Definition.Key,
                e.Definition.Label,
                Codes.Of(e.Definition.Type),
                RawValue(e.Value.Value),
                PolicyText.Value(e.Definition, e.Value.Value, snapshot.Vocabulary),
                e.Definition.Unit,
                e.Value.From,
                e.Value.Reported,
                e.Value.Until,
                e.Value.Unconfirmed,
                e.Inherited ? e.Owner.Slug : null,
                e.Value.Note,
                Sources(snapshot, e.Value.SourceIds),
                e.Value.LocalAdoption,
                codes?.Any(c => c.AwaitsLocalAdoption) == true,
                codes));
        }
        // Outside its periods a disagreement does not apply, so only those with a decision for the date are listed.
        var disagreements = snapshot.DisagreementsFor(slug).Select(d => (d, Decision: d.DecisionOn(date))).Where(x => x.Decision is not null).Select(x => new DisagreementDto(
            x.d.Id,
            x.d.RegionSlug,
            x.d.Topic,
            x.d.ParameterKey,
            x.d.Codes.IsDefault ? [] : x.d.Codes,
            Codes.Of(x.Decision!.Resolution),
            x.Decision.Reason,
            [.. x.d.Decisions.Select(p => new DecisionDto(p.From, p.Until, Codes.Of(p.Resolution), p.Reason))],
            [.. x.d.Claims.Select(c => new ClaimDto(c.Text, ReferenceEquals(c, x.d.FollowedClaim(x.Decision)), Sources(snapshot, c.SourceIds)))])).ToList();
        return new PolicyDto(slug, date, parameters, disagreements);
    }

    /// <summary>Each code of a list parameter as the engine decides it; null for any other parameter.</summary>
    private static List<CodeDto>? CodesOf(PolicySnapshot snapshot, string slug, ParameterDefinition definition, DateOnly date)
    {
        if (definition is not { Type: ParameterType.List, Vocabulary: { } group })
        {
            return null;
        }
        return [.. snapshot.ResolveCodes(slug, definition.Key, date).Select(c =>
        {
            var stated = c.Ruling.State != CodeState.NotStated ? c.Ruling.Rule : null;
            return new CodeDto(
                c.Code,
                snapshot.Vocabulary.Label(group, c.Code),
                Codes.Of(c.Ruling.State),
                stated?.Owner.Slug,
                stated?.Value.From,
                stated?.Value.Reported ?? false,
                c.Ruling.Unconfirmed,
                c.Ruling.AwaitsAdoption,
                stated is null ? [] : stated.Value.SourceIds);
        })];
    }

    public static IReadOnlyList<SourceDto> Sources(PolicySnapshot snapshot, IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return [.. ids.Select(snapshot.FindSource).OfType<Source>()
            .Select(SourceDto.Of)];
    }

    private static object RawValue(PolicyValue value) => value switch
    {
        ListValue list => list.Items,
        NumberValue number => number.Number,
        TextValue text => text.Text,
        FlagValue flag => flag.Flag,
        _ => "",
    };
}
