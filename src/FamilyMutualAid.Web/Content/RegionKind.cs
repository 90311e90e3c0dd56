using FamilyMutualAid.Rules;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace FamilyMutualAid.Web.Content;

/// <summary>A region (seeds/regions.yaml), keyed by its slug; the region of itself.</summary>
public sealed class RegionKind : RecordKind
{
    internal RegionKind()
        : base("region")
    {
    }

    public static List<Rules.Region> In(ImportSet set) => set.Regions;

    public override IEnumerable<StoredRecord> Store(ImportSet records) => Stored(In(records), r => r.Slug, r => r.Slug);

    public override void Load(ImportSet records, string payload) => In(records).Add(Content.Payloads.Deserialize<Rules.Region>(payload));

    internal static void Read(ImportSet set, YamlFields y, YamlScalarNode key, YamlNode node)
    {
        var slug = y.Identifier(key, "slug");
        var map = y.Mapping(node, key.Value ?? "");
        if (slug is null || map is null)
        {
            return;
        }
        var subject = PolicyValidator.RegionSubject(slug);
        set.Locate(subject, "", y.At(key));
        if (YamlFields.Child(map, "parent") is { } parentNode)
        {
            set.Locate(subject, "parent", y.At(parentNode));
        }
        y.RejectUnknownFields(map, "name", "level", "parent");
        var name = y.RequiredString(map, "name");
        var level = y.RequiredEnum<RegionLevel>(map, "level");
        set.Regions.Add(new(slug, name ?? slug, level ?? RegionLevel.Province, y.OptionalString(map, "parent")));
    }

    internal static YamlMappingNode Write(Rules.Region region)
    {
        var map = YamlOut.Mapping(MappingStyle.Flow);
        map.AddField("name", region.Name);
        map.AddField("level", Codes.Of(region.Level));
        map.AddOptionalField("parent", region.ParentSlug);
        return map;
    }

    internal static Rules.Region AsWritten(Rules.Region region) =>
        region with { Name = Written.Required(region.Name), ParentSlug = Written.Optional(region.ParentSlug) };
}
