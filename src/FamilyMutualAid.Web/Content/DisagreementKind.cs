using System.Collections.Immutable;
using System.Globalization;
using FamilyMutualAid.Rules;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace FamilyMutualAid.Web.Content;

/// <summary>A disagreement between sources (the disagreements section of seeds/policy/&lt;region&gt;.yaml): claims and the decision per period.</summary>
public sealed class DisagreementKind : EditableKind
{
    private static readonly string[] DecisionFields = ["from", "until", "resolution", "follow", "reason"];

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
        y.RejectUnknownFields(map, "topic", "parameter", "codes", "claims", "decisions", "from", "until", "resolution", "follow", "reason");
        var topic = y.RequiredString(map, "topic");
        var decisions = ImmutableArray.CreateBuilder<DisagreementDecision>();
        var complete = true;
        if (YamlFields.Child(map, "decisions") is { } decisionsNode)
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
                    complete &= y.Mapping(decisionNode, "decisions") is { } decisionMap && ReadDecision(y, decisionMap, decisions);
                }
            }
            else
            {
                y.Problem(decisionsNode, "decisions", "expected a list of decisions, each with from, until, resolution, follow and reason");
                complete = false;
            }
        }
        else
        {
            complete = ReadDecision(y, map, decisions);
        }
        var claims = ImmutableArray.CreateBuilder<Claim>();
        if (YamlFields.Child(map, "claims") is YamlSequenceNode claimNodes)
        {
            foreach (var claimNode in claimNodes.Children)
            {
                if (y.Mapping(claimNode, "claims") is { } claim)
                {
                    y.RejectUnknownFields(claim, "text", "sources");
                    var text = y.RequiredString(claim, "text");
                    var sources = y.StringList(claim, "sources", required: true);
                    if (text is not null && sources is not null)
                    {
                        claims.Add(new(text, [.. sources]));
                    }
                }
            }
        }
        else
        {
            y.Problem(map, "claims", "expected a list of claims");
        }
        if (topic is not null && complete)
        {
            set.Disagreements.Add(new(id, region, topic, y.OptionalString(map, "parameter"), claims.ToImmutable(), decisions.ToImmutable())
            {
                Codes = [.. y.StringList(map, "codes", required: false) ?? []],
            });
        }
    }

    /// <summary>Reads one decision (from, until, resolution, follow, reason) of a disagreement; false when it is incomplete.</summary>
    private static bool ReadDecision(YamlFields y, YamlMappingNode map, ImmutableArray<DisagreementDecision>.Builder decisions)
    {
        if (YamlFields.Child(map, "topic") is null)
        {
            y.RejectUnknownFields(map, DecisionFields);
        }
        var resolution = y.RequiredEnum<Resolution>(map, "resolution");
        var reason = y.RequiredString(map, "reason");
        int? follow = null;
        if (y.OptionalString(map, "follow") is { } followText)
        {
            if (int.TryParse(followText, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                follow = index;
            }
            else
            {
                y.Problem(YamlFields.Child(map, "follow")!, "follow", "expected the 0-based index of a claim");
            }
        }
        if (resolution is null || reason is null)
        {
            return false;
        }
        decisions.Add(new(y.OptionalDate(map, "from"), y.OptionalDate(map, "until"), resolution.Value, follow, reason));
        return true;
    }

    internal static YamlMappingNode Write(Rules.Disagreement disagreement)
    {
        var map = YamlOut.Mapping();
        map.AddField("topic", disagreement.Topic);
        map.AddOptionalField("parameter", disagreement.ParameterKey);
        if (!disagreement.Codes.IsEmpty)
        {
            map.AddField("codes", YamlOut.List(disagreement.Codes));
        }
        var claims = new YamlSequenceNode { Style = SequenceStyle.Block };
        foreach (var claim in disagreement.Claims)
        {
            var claimMap = YamlOut.Mapping();
            claimMap.AddField("text", claim.Text);
            claimMap.AddField("sources", YamlOut.List(claim.SourceIds));
            claims.Add(claimMap);
        }
        map.AddField("claims", disagreement.Claims.IsEmpty ? new YamlSequenceNode { Style = SequenceStyle.Flow } : claims);
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
            map.AddField("decisions", decisions);
        }
        return map;
    }

    private static void WriteDecision(YamlMappingNode map, DisagreementDecision decision)
    {
        if (decision.From is { } from)
        {
            map.AddField("from", YamlOut.Date(from));
        }
        if (decision.Until is { } until)
        {
            map.AddField("until", YamlOut.Date(until));
        }
        map.AddField("resolution", Codes.Of(decision.Resolution));
        if (decision.Follow is { } follow)
        {
            map.AddField("follow", YamlOut.Integer(follow));
        }
        map.AddField("reason", decision.Reason);
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
}
