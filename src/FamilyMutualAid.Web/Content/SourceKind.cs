using FamilyMutualAid.Rules;
using YamlDotNet.RepresentationModel;

namespace FamilyMutualAid.Web.Content;

/// <summary>A source (seeds/sources.yaml): shared by every region, keyed by its id.</summary>
public sealed class SourceKind : EditableKind
{
    internal SourceKind()
        : base("source", "sources", "来源")
    {
    }

    public override bool IsGlobal => true;

    public static List<Rules.Source> In(ImportSet set) => set.Sources;

    public override IEnumerable<StoredRecord> Store(ImportSet records) => Stored(In(records), s => s.Id, _ => null);

    public override void Load(ImportSet records, string payload) => In(records).Add(Payloads.Deserialize<Rules.Source>(payload));

    /// <summary>Reads one entry of sources.yaml into the set; a source with a bad field is still registered so references to it add no misleading problems.</summary>
    internal static void Read(ImportSet set, YamlFields y, YamlScalarNode key, YamlNode node)
    {
        var id = y.Identifier(key, "id");
        var map = y.Mapping(node, key.Value ?? "");
        if (id is null || map is null)
        {
            return;
        }
        set.Locate(PolicyValidator.SourceSubject(id), "", y.At(key));
        y.RejectUnknownFields(map, "title", "file", "publisher", "date", "date_note", "tier", "seen_at", "region", "note");
        var title = y.RequiredString(map, "title");
        var file = y.OptionalString(map, "file");
        var publisher = y.OptionalString(map, "publisher");
        // No date when the documents give none: date_note then says what is known.
        var date = y.OptionalDate(map, "date");
        var tier = y.RequiredEnum<SourceTier>(map, "tier");
        if (file is null && publisher is null)
        {
            y.Problem(map, "file", "a source needs a file or a publisher");
        }
        var dateNote = y.OptionalString(map, "date_note");
        if (date is null && dateNote is null && YamlFields.Child(map, "date") is null)
        {
            y.Problem(map, "date_note", "a source without a date needs a date_note saying what is known of its date");
        }
        set.Sources.Add(new(id, title ?? id, file, publisher, date, dateNote, tier ?? SourceTier.Official, y.OptionalString(map, "note"))
        {
            SeenAt = y.OptionalString(map, "seen_at"),
            Region = y.OptionalString(map, "region"),
        });
    }

    internal static YamlMappingNode Write(Rules.Source source)
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
        map.AddField("tier", Codes.Of(source.Tier));
        map.AddOptionalField("seen_at", source.SeenAt);
        map.AddOptionalField("region", source.Region);
        map.AddOptionalField("note", source.Note);
        return map;
    }

    internal static Rules.Source AsWritten(Rules.Source source) => source with
    {
        Title = Written.Required(source.Title),
        File = Written.Optional(source.File),
        Publisher = Written.Optional(source.Publisher),
        DateNote = Written.Optional(source.DateNote),
        SeenAt = Written.Optional(source.SeenAt),
        Region = Written.Optional(source.Region),
        Note = Written.Optional(source.Note),
    };

    public override string Label(PolicySnapshot current, string region, string key)
    {
        ArgumentNullException.ThrowIfNull(current);
        return current.FindSource(key)?.Title ?? key;
    }

    public override string Render(PolicySnapshot current, string payload) =>
        FileText(Holding(current, [Payloads.Deserialize<Rules.Source>(payload)], [], []), PolicyFiles.SourcesFile);

    private protected override ImportSet ReadText(string region, string text) => PolicyFileReader.ReadSourcesText(text);

    public override (PolicySnapshot Whole, string Subject)? Put(PolicySnapshot current, string payload, bool keep)
    {
        ArgumentNullException.ThrowIfNull(current);
        var record = Payloads.Deserialize<Rules.Source>(payload);
        var others = current.Sources.Where(s => s.Id != record.Id);
        return (new PolicySnapshot(current.Regions, others.Concat(keep ? [record] : []), current.Definitions, current.Parameters, current.Disagreements, current.Pages, current.Vocabulary), PolicyValidator.SourceSubject(record.Id));
    }
}
