using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Import;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace FamilyMutualAid.Web.Export;

/// <summary>Which of the two folders a file belongs in.</summary>
public enum ExportFolder
{
    Seeds,
    Content,
}

/// <summary>One exported file: its folder, its path inside that folder ('/'-separated) and its text.</summary>
public sealed record ExportedFile(ExportFolder Folder, string Path, string Text);

/// <summary>
/// Writes a snapshot as the text of the seed and content files, in the format <see cref="PolicyFileReader"/> reads
/// (seeds/README.md). Deterministic: records in the snapshot's order, vocabulary groups and files by ordinal name.
/// </summary>
public static class PolicyFiles
{
    private const string Header = "# Written by `dotnet run --project src/FamilyMutualAid.Web -- export` from the published data; the format is in seeds/README.md.\n";

    public static IReadOnlyList<ExportedFile> Render(PolicySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var data = PolicyFileForm.Of(snapshot);
        List<ExportedFile> files =
        [
            Seed("sources.yaml", Header + "\n" + YamlOut.Entries(data.Sources.Select(s => Entry(s.Id, SourceNode(s))), 0, blankLines: true)),
            Seed("regions.yaml", Header + "\n" + YamlOut.Entries(data.Regions.Select(r => Entry(r.Slug, RegionNode(r))), 0, blankLines: false)),
            Seed("vocabulary.yaml", Header + "\n" + YamlOut.Entries(
                data.Vocabulary.Groups.Keys.Order(StringComparer.Ordinal).Select(group => Entry(group, VocabularyNode(data.Vocabulary, group))), 0, blankLines: true)),
            Seed("parameters.yaml", Header + "\n" + YamlOut.Entries(data.Definitions.Select(d => Entry(d.Key, DefinitionNode(d))), 0, blankLines: false)),
        ];
        var regions = data.Parameters.Select(p => p.RegionSlug).Concat(data.Disagreements.Select(d => d.RegionSlug))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        files.AddRange(regions.Select(region => Seed($"policy/{region}.yaml", PolicyFile(data, region))));
        files.AddRange(data.Pages.Select(PageFile).OrderBy(f => f.Path, StringComparer.Ordinal));
        return files;
    }

    private static ExportedFile Seed(string path, string text) => new(ExportFolder.Seeds, path, text);

    private static KeyValuePair<string, YamlNode> Entry(string key, YamlNode value) => new(key, value);

    private static YamlMappingNode SourceNode(Source source)
    {
        var map = YamlOut.Mapping();
        map.AddField("title", source.Title);
        map.AddOptionalField("file", source.File);
        map.AddOptionalField("publisher", source.Publisher);
        if (source.Date is { } date)
        {
            map.AddField("date", YamlOut.Date(date));
        }
        map.AddOptionalField("date_note", source.DateNote);
        map.AddField("confidence", Codes.Of(source.Confidence));
        map.AddOptionalField("note", source.Note);
        return map;
    }

    private static YamlMappingNode RegionNode(Region region)
    {
        var map = YamlOut.Mapping(MappingStyle.Flow);
        map.AddField("name", region.Name);
        map.AddField("level", Codes.Of(region.Level));
        map.AddOptionalField("parent", region.ParentSlug);
        return map;
    }

    private static YamlMappingNode VocabularyNode(Vocabulary vocabulary, string group)
    {
        var map = YamlOut.Mapping();
        foreach (var code in PolicyFileForm.Codes(vocabulary, group))
        {
            map.AddField(code, vocabulary.Groups[group][code]);
        }
        return map;
    }

    private static YamlMappingNode DefinitionNode(ParameterDefinition definition)
    {
        var map = YamlOut.Mapping();
        map.AddField("label", definition.Label);
        map.AddField("type", Codes.Of(definition.Type));
        map.AddOptionalField("vocabulary", definition.Vocabulary);
        map.AddOptionalField("unit", definition.Unit);
        return map;
    }

    private static string PolicyFile(PolicySnapshot data, string region)
    {
        var top = YamlOut.Mapping();
        top.AddField("region", region);
        var text = Header + "\n" + YamlOut.Render(top);
        var parameters = data.Parameters.Where(p => p.RegionSlug == region).ToList();
        if (parameters.Count > 0)
        {
            text += "parameters:\n" + YamlOut.Entries(parameters.Select(p => Entry(p.Key, ParameterNode(p))), 2, blankLines: true);
        }
        var disagreements = data.Disagreements.Where(d => d.RegionSlug == region).ToList();
        if (disagreements.Count > 0)
        {
            text += "\ndisagreements:\n" + YamlOut.Entries(disagreements.Select(d => Entry(d.Id, DisagreementNode(d))), 2, blankLines: true);
        }
        return text;
    }

    private static YamlMappingNode ParameterNode(PolicyParameter parameter)
    {
        var values = YamlOut.Mapping();
        foreach (var value in parameter.Values)
        {
            values.Add(YamlOut.Date(value.From), DatedValueNode(value));
        }
        var map = YamlOut.Mapping();
        map.AddField("values", values);
        if (parameter.LastVerified is { } verified)
        {
            map.AddField("last_verified", YamlOut.Date(verified));
        }
        return map;
    }

    private static YamlMappingNode DatedValueNode(DatedValue value)
    {
        var map = YamlOut.Mapping();
        map.AddField("value", value.Value switch
        {
            ListValue list => YamlOut.List(list.Items),
            NumberValue number => YamlOut.Number(number.Number),
            FlagValue flag => YamlOut.Flag(flag.Flag),
            TextValue text => YamlOut.Text(text.Text),
            _ => throw new NotSupportedException($"cannot write a {value.Value.GetType().Name}"),
        });
        if (value.Value is ListValue { Excluded.IsDefaultOrEmpty: false } excluding)
        {
            map.AddField("excluded", YamlOut.List(excluding.Excluded));
        }
        map.AddField("sources", YamlOut.List(value.SourceIds));
        // The order the hand-written files use, so a first export does not reorder every value.
        if (value.Until is { } until)
        {
            map.AddField("until", YamlOut.Date(until));
        }
        if (value.Reported)
        {
            map.AddField("reported", YamlOut.Flag(true));
        }
        if (value.LocalAdoption)
        {
            map.AddField("local_adoption", YamlOut.Flag(true));
        }
        if (value.Unconfirmed)
        {
            map.AddField("unconfirmed", YamlOut.Flag(true));
        }
        map.AddOptionalField("note", value.Note);
        return map;
    }

    private static YamlMappingNode DisagreementNode(Disagreement disagreement)
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
            AddDecision(map, only);
        }
        else
        {
            var decisions = new YamlSequenceNode { Style = SequenceStyle.Block };
            foreach (var decision in disagreement.Decisions)
            {
                var decisionMap = YamlOut.Mapping();
                AddDecision(decisionMap, decision);
                decisions.Add(decisionMap);
            }
            map.AddField("decisions", decisions);
        }
        return map;
    }

    private static void AddDecision(YamlMappingNode map, DisagreementDecision decision)
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

    /// <summary>content/&lt;region&gt;/&lt;kind&gt;.md, or content/&lt;region&gt;/channels/&lt;id&gt;.md: front matter, then the body as stored.</summary>
    private static ExportedFile PageFile(ContentPage page)
    {
        var front = YamlOut.Mapping();
        front.AddField("title", page.Title);
        front.AddField("kind", page.Kind);
        if (page.Mode is { } mode)
        {
            front.AddField("mode", Codes.Of(mode));
        }
        front.AddField("sources", YamlOut.List(page.SourceIds));
        front.AddField("last_verified", YamlOut.Date(page.LastVerified));
        var path = page.Channel is null ? $"{page.RegionSlug}/{page.Kind}.md" : $"{page.RegionSlug}/channels/{page.Channel}.md";
        return new(ExportFolder.Content, path, "---\n" + YamlOut.Render(front) + "---\n" + page.Markdown);
    }
}
