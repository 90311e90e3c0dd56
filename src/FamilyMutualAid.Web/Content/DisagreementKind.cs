using System.Collections.Immutable;
using System.Globalization;
using FamilyMutualAid.Rules;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace FamilyMutualAid.Web.Content;

/// <summary>A disagreement between sources (the disagreements section of seeds/policy/&lt;region&gt;.yaml): claims and the decision per period.</summary>
public sealed class DisagreementKind : EditableKind
{
    private static readonly string[] DecisionFields = [Field.From, Field.Until, Field.Resolution, Field.Follow, Field.Reason];

    internal DisagreementKind()
        : base("disagreement", "disagreements", "分歧")
    {
    }

    public override bool IsGlobal => false;

    public static List<Rules.Disagreement> In(ImportSet set) => set.Disagreements;

    public override IEnumerable<StoredRecord> Store(ImportSet records) => Stored(In(records), d => $"{d.RegionSlug}/{d.Id}", d => d.RegionSlug);

    public override void Load(ImportSet records, string payload) => In(records).Add(Payloads.Deserialize<Rules.Disagreement>(payload));

    internal static void Read(ImportSet set, YamlFields y, string region, YamlScalarNode key, YamlNode node)
    {
        var id = y.Identifier(key, "disagreement");
        var map = y.Mapping(node, key.Value ?? "");
        if (id is null || map is null)
        {
            return;
        }
        var subject = PolicyValidator.DisagreementSubject(region, id);
        set.Locate(subject, "", y.At(key));
        foreach (var (fieldKey, fieldNode) in YamlFields.Entries(map))
        {
            set.Locate(subject, fieldKey.Value ?? "", y.At(fieldNode));
        }
        y.RejectUnknownFields(map, Field.Topic, Field.Parameter, Field.Codes, Field.Claims, Field.Decisions, Field.From, Field.Until, Field.Resolution, Field.Follow, Field.Reason);
        var topic = y.RequiredString(map, Field.Topic);
        var decisions = ImmutableArray.CreateBuilder<DisagreementDecision>();
        var complete = true;
        if (YamlFields.Child(map, Field.Decisions) is { } decisionsNode)
        {
            // One decision per period; a single decision may also be written in the disagreement itself.
            foreach (var field in DecisionFields.Where(f => YamlFields.Child(map, f) is not null))
            {
                y.Problem(YamlFields.Child(map, field)!, field, "write it in one of the 'decisions', not beside them");
            }
            if (decisionsNode is YamlSequenceNode { Children.Count: > 0 } list)
            {
                foreach (var decisionNode in list.Children)
                {
                    complete &= y.Mapping(decisionNode, Field.Decisions) is { } decisionMap && ReadDecision(y, decisionMap, decisions);
                }
            }
            else
            {
                y.Problem(decisionsNode, Field.Decisions, "expected a list of decisions, each with from, until, resolution, follow and reason");
                complete = false;
            }
        }
        else
        {
            complete = ReadDecision(y, map, decisions);
        }
        var claims = ImmutableArray.CreateBuilder<Claim>();
        if (YamlFields.Child(map, Field.Claims) is YamlSequenceNode claimNodes)
        {
            foreach (var claimNode in claimNodes.Children)
            {
                if (y.Mapping(claimNode, Field.Claims) is { } claim)
                {
                    y.RejectUnknownFields(claim, Field.Text, Field.Sources);
                    var text = y.RequiredString(claim, Field.Text);
                    var sources = y.StringList(claim, Field.Sources, required: true);
                    if (text is not null && sources is not null)
                    {
                        claims.Add(new(text, [.. sources]));
                    }
                }
            }
        }
        else
        {
            y.Problem(map, Field.Claims, "expected a list of claims");
        }
        if (topic is not null && complete)
        {
            set.Disagreements.Add(new(id, region, topic, y.OptionalString(map, Field.Parameter), claims.ToImmutable(), decisions.ToImmutable())
            {
                Codes = [.. y.StringList(map, Field.Codes, required: false) ?? []],
            });
        }
    }

    /// <summary>Reads one decision (from, until, resolution, follow, reason) of a disagreement; false when it is incomplete.</summary>
    private static bool ReadDecision(YamlFields y, YamlMappingNode map, ImmutableArray<DisagreementDecision>.Builder decisions)
    {
        if (YamlFields.Child(map, Field.Topic) is null)
        {
            y.RejectUnknownFields(map, DecisionFields);
        }
        var resolution = y.RequiredEnum<Resolution>(map, Field.Resolution);
        var reason = y.RequiredString(map, Field.Reason);
        int? follow = null;
        if (y.OptionalString(map, Field.Follow) is { } followText)
        {
            if (int.TryParse(followText, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                follow = index;
            }
            else
            {
                y.Problem(YamlFields.Child(map, Field.Follow)!, Field.Follow, "expected the 0-based index of a claim");
            }
        }
        if (resolution is null || reason is null)
        {
            return false;
        }
        decisions.Add(new(y.OptionalDate(map, Field.From), y.OptionalDate(map, Field.Until), resolution.Value, follow, reason));
        return true;
    }

    internal static YamlMappingNode Write(Rules.Disagreement disagreement)
    {
        var map = YamlOut.Mapping();
        map.AddField(Field.Topic, disagreement.Topic);
        map.AddOptionalField(Field.Parameter, disagreement.ParameterKey);
        if (!disagreement.Codes.IsEmpty)
        {
            map.AddField(Field.Codes, YamlOut.List(disagreement.Codes));
        }
        var claims = new YamlSequenceNode { Style = SequenceStyle.Block };
        foreach (var claim in disagreement.Claims)
        {
            var claimMap = YamlOut.Mapping();
            claimMap.AddField(Field.Text, claim.Text);
            claimMap.AddField(Field.Sources, YamlOut.List(claim.SourceIds));
            claims.Add(claimMap);
        }
        map.AddField(Field.Claims, disagreement.Claims.IsEmpty ? new YamlSequenceNode { Style = SequenceStyle.Flow } : claims);
        // One decision is written in the disagreement itself, as the hand-written files do; several as a list.
        if (disagreement.Decisions is [var only])
        {
            WriteDecision(map, only);
        }
        else
        {
            var decisions = new YamlSequenceNode { Style = SequenceStyle.Block };
            foreach (var decision in disagreement.Decisions)
            {
                var decisionMap = YamlOut.Mapping();
                WriteDecision(decisionMap, decision);
                decisions.Add(decisionMap);
            }
            map.AddField(Field.Decisions, decisions);
        }
        return map;
    }

    private static void WriteDecision(YamlMappingNode map, DisagreementDecision decision)
    {
        if (decision.From is { } from)
        {
            map.AddField(Field.From, YamlOut.Date(from));
        }
        if (decision.Until is { } until)
        {
            map.AddField(Field.Until, YamlOut.Date(until));
        }
        map.AddField(Field.Resolution, Codes.Of(decision.Resolution));
        if (decision.Follow is { } follow)
        {
            map.AddField(Field.Follow, YamlOut.Integer(follow));
        }
        map.AddField(Field.Reason, decision.Reason);
    }

    /// <summary>The record as typed for a disagreement's YAML text, read leniently; null when the text is not YAML of this disagreement.</summary>
    public static T? ReadTyped<T>(string text, string key)
        where T : TypedDisagreement, new()
    {
        if (TypedYaml.Record(text, "disagreements", key) is not { } map)
        {
            return null;
        }
        var typed = new T
        {
            Topic = TypedYaml.Scalar(map, Field.Topic),
            Parameter = TypedYaml.Scalar(map, Field.Parameter),
            Codes = TypedYaml.List(map, Field.Codes),
        };
        if (TypedYaml.Child(map, Field.Claims) is YamlSequenceNode claims)
        {
            typed.Claims.AddRange(claims.Children.Select(node => node as YamlMappingNode ?? new YamlMappingNode())
                .Select(claim => new ClaimRow { Text = TypedYaml.Scalar(claim, Field.Text), Sources = TypedYaml.List(claim, Field.Sources) }));
        }
        var decisionMaps = TypedYaml.Child(map, Field.Decisions) is YamlSequenceNode decisions
            ? decisions.Children.Select(node => node as YamlMappingNode ?? new YamlMappingNode())
            : DecisionFields.Any(f => TypedYaml.Child(map, f) is not null) ? [map] : [];
        typed.Decisions.AddRange(decisionMaps.Select(decision => new DecisionRow
        {
            From = TypedYaml.Scalar(decision, Field.From),
            Until = TypedYaml.Scalar(decision, Field.Until),
            Resolution = TypedYaml.Scalar(decision, Field.Resolution),
            Follow = TypedYaml.Scalar(decision, Field.Follow),
            Reason = TypedYaml.Scalar(decision, Field.Reason),
        }));
        return typed;
    }

    /// <summary>The record as typed as the YAML of the region's policy file holding only this disagreement.</summary>
    public static string WriteTyped(TypedDisagreement typed, string region, string key)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var map = YamlOut.Mapping();
        if (!string.IsNullOrWhiteSpace(typed.Topic))
        {
            map.AddField(Field.Topic, TypedYaml.Lines(typed.Topic));
        }
        if (!string.IsNullOrWhiteSpace(typed.Parameter))
        {
            map.AddField(Field.Parameter, typed.Parameter.Trim());
            if (typed.Codes.Count > 0)
            {
                map.AddField(Field.Codes, YamlOut.List(typed.Codes.Distinct(StringComparer.Ordinal)));
            }
        }
        var claims = typed.KeptClaims.ToList();
        var claimNodes = new YamlSequenceNode { Style = claims.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block };
        foreach (var (claim, _) in claims)
        {
            var claimMap = YamlOut.Mapping();
            if (!string.IsNullOrWhiteSpace(claim.Text))
            {
                claimMap.AddField(Field.Text, TypedYaml.Lines(claim.Text));
            }
            claimMap.AddField(Field.Sources, YamlOut.List(claim.Sources.Distinct(StringComparer.Ordinal)));
            claimNodes.Add(claimMap);
        }
        map.AddField(Field.Claims, claimNodes);
        // One decision is written in the disagreement itself, as the hand-written files and the export do; several as a list.
        var decisions = typed.KeptDecisions.ToList();
        if (decisions is [var (only, _)])
        {
            WriteTypedDecision(map, only, claims);
        }
        else if (decisions.Count > 1)
        {
            var list = new YamlSequenceNode { Style = SequenceStyle.Block };
            foreach (var (decision, _) in decisions)
            {
                var decisionMap = YamlOut.Mapping();
                WriteTypedDecision(decisionMap, decision, claims);
                list.Add(decisionMap);
            }
            map.AddField(Field.Decisions, list);
        }
        return TypedYaml.File(region, "disagreements", key, map);
    }

    private static void WriteTypedDecision(YamlMappingNode map, DecisionRow decision, List<(ClaimRow Row, int Index)> claims)
    {
        if (!string.IsNullOrWhiteSpace(decision.From))
        {
            map.AddField(Field.From, TypedYaml.DateNode(decision.From.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(decision.Until))
        {
            map.AddField(Field.Until, TypedYaml.DateNode(decision.Until.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(decision.Resolution))
        {
            map.AddField(Field.Resolution, decision.Resolution.Trim());
        }
        if (decision.Resolution == Codes.Of(Resolution.Follow) && TypedDisagreement.FollowedIndex(decision, claims) is { } follow)
        {
            map.AddField(Field.Follow, YamlOut.Integer(follow));
        }
        if (!string.IsNullOrWhiteSpace(decision.Reason))
        {
            map.AddField(Field.Reason, TypedYaml.Lines(decision.Reason));
        }
    }

    internal static Rules.Disagreement AsWritten(Rules.Disagreement disagreement) => disagreement with
    {
        Topic = Written.Required(disagreement.Topic),
        ParameterKey = Written.Optional(disagreement.ParameterKey),
        Claims = [.. Written.Items(disagreement.Claims).Select(c => new Claim(Written.Required(c.Text), Written.Items(c.SourceIds)))],
        Decisions = [.. Written.Items(disagreement.Decisions).Select(decision => decision with { Reason = Written.Required(decision.Reason) })],
        Codes = Written.Items(disagreement.Codes),
    };

    public override string Label(PolicySnapshot current, string region, string key)
    {
        ArgumentNullException.ThrowIfNull(current);
        return current.Disagreements.FirstOrDefault(d => d.RegionSlug == region && d.Id == key)?.Topic ?? key;
    }

    public override string Render(PolicySnapshot current, string payload)
    {
        var disagreement = Payloads.Deserialize<Rules.Disagreement>(payload);
        return FileText(Holding(current, [], [], [disagreement]), PolicyFiles.PolicyFile(disagreement.RegionSlug));
    }

    private protected override ImportSet ReadText(string region, string text) => PolicyFileReader.ReadPolicyText(region, text);

    public override (PolicySnapshot Whole, string Subject)? Put(PolicySnapshot current, string payload, bool keep)
    {
        ArgumentNullException.ThrowIfNull(current);
        var record = Payloads.Deserialize<Rules.Disagreement>(payload);
        var others = current.Disagreements.Where(d => !(d.RegionSlug == record.RegionSlug && d.Id == record.Id));
        return (new PolicySnapshot(current.Regions, current.Sources, current.Definitions, current.Parameters, others.Concat(keep ? [record] : []), current.Pages, current.Vocabulary), PolicyValidator.DisagreementSubject(record.RegionSlug, record.Id));
    }

    /// <summary>The field names of a disagreement, its claims and its decisions, shared by the strict and the as-typed reading and writing.</summary>
    private static class Field
    {
        public const string Topic = "topic";
        public const string Parameter = "parameter";
        public const string Codes = "codes";
        public const string Claims = "claims";
        public const string Decisions = "decisions";
        public const string Text = "text";
        public const string Sources = "sources";
        public const string From = "from";
        public const string Until = "until";
        public const string Resolution = "resolution";
        public const string Follow = "follow";
        public const string Reason = "reason";
    }
}
