using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Import;
using FamilyMutualAid.Web.Policy;

namespace FamilyMutualAid.Web.Api;

/// <summary>GET /api/regions and GET /api/regions/{slug}/policy: the published policy data as JSON.</summary>
public static class PolicyApi
{
    public sealed record RegionDto(string Slug, string Name, string Level, string? Parent);

    public sealed record SourceDto(string Id, string Title, DateOnly Date, string Confidence, string? Publisher, string? File);

    public sealed record ParameterDto(
        string Key,
        string Label,
        string Type,
        object Value,
        string Display,
        string? Unit,
        DateOnly EffectiveFrom,
        DateOnly? Until,
        bool Unconfirmed,
        string? InheritedFrom,
        string? Note,
        IReadOnlyList<SourceDto> Sources);

    public sealed record ClaimDto(string Text, bool Followed, IReadOnlyList<SourceDto> Sources);

    public sealed record DisagreementDto(string Id, string Region, string Topic, string? Parameter, string Resolution, string Reason, IReadOnlyList<ClaimDto> Claims);

    public sealed record PolicyDto(string Region, DateOnly AsOf, IReadOnlyList<ParameterDto> Parameters, IReadOnlyList<DisagreementDto> Disagreements);

    public static IEndpointRouteBuilder MapPolicyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("policy");
        api.MapGet("/regions", (PolicySnapshotProvider policy) =>
            policy.Current.Regions.Select(r => new RegionDto(r.Slug, r.Name, Codes.Of(r.Level), r.ParentSlug)));
        api.MapGet("/regions/{slug}/policy", GetPolicy);
        return app;
    }

    private static IResult GetPolicy(string slug, string? asOf, PolicySnapshotProvider policy, TimeProvider clock)
    {
        var snapshot = policy.Current;
        var errors = new FieldErrors();
        var date = ApiValues.Date(asOf, "asOf", PolicyText.Today(clock), errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        if (snapshot.FindRegion(slug) is null)
        {
            return ApiValues.RegionNotFound(slug);
        }
        var parameters = snapshot.ResolveAll(slug, date!.Value).Select(e => new ParameterDto(
            e.Definition.Key,
            e.Definition.Label,
            Codes.Of(e.Definition.Type),
            RawValue(e.Value.Value),
            PolicyText.Value(e.Definition, e.Value.Value, snapshot.Vocabulary),
            e.Definition.Unit,
            e.Value.From,
            e.Value.Until,
            e.Value.Unconfirmed,
            e.Inherited ? e.Owner.Slug : null,
            e.Value.Note,
            Sources(snapshot, e.Value.SourceIds))).ToList();
        var disagreements = snapshot.DisagreementsFor(slug).Select(d => new DisagreementDto(
            d.Id,
            d.RegionSlug,
            d.Topic,
            d.ParameterKey,
            Codes.Of(d.Resolution),
            d.Reason,
            [.. d.Claims.Select(c => new ClaimDto(c.Text, ReferenceEquals(c, d.FollowedClaim), Sources(snapshot, c.SourceIds)))])).ToList();
        return Results.Ok(new PolicyDto(slug, date.Value, parameters, disagreements));
    }

    public static IReadOnlyList<SourceDto> Sources(PolicySnapshot snapshot, IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return [.. ids.Select(snapshot.FindSource).OfType<Source>()
            .Select(s => new SourceDto(s.Id, s.Title, s.Date, Codes.Of(s.Confidence), s.Publisher, s.File))];
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
