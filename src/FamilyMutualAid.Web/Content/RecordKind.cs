using FamilyMutualAid.Rules;

namespace FamilyMutualAid.Web.Content;

/// <summary>
/// One kind of policy record (a source, a region, a parameter of a region, a page…): the closed set of what the
/// files and the database hold. Each kind owns its key, its region, its stored payload, its form in the files
/// (reading with problems on lines, and writing) and, for the kinds staff edit, its staff URLs; import, export,
/// loading the published data and staff editing loop over the kinds instead of switching on names.
/// </summary>
public abstract class RecordKind
{
    private protected RecordKind(string code) => Code = code;

    /// <summary>The kind's name as stored in the database (PolicyRecord.Kind).</summary>
    public string Code { get; }

    public static SourceKind Source { get; } = new();

    public static RegionKind Region { get; } = new();

    public static VocabularyKind Vocabulary { get; } = new();

    public static DefinitionKind Definition { get; } = new();

    public static ParameterKind Parameter { get; } = new();

    public static DisagreementKind Disagreement { get; } = new();

    public static PageKind Page { get; } = new();

    /// <summary>Every kind, in the order an import stages them.</summary>
    public static IReadOnlyList<RecordKind> All { get; } = [Source, Region, Vocabulary, Definition, Parameter, Disagreement, Page];

    /// <summary>The kinds staff edit as a form or its YAML, by their URL section.</summary>
    public static IReadOnlyList<EditableKind> Editable { get; } = [Parameter, Disagreement, Source];

    public static RecordKind FromCode(string code) =>
        All.FirstOrDefault(k => k.Code == code) ?? throw new ArgumentOutOfRangeException(nameof(code), code, "unknown record kind");

    /// <summary>Each record of this kind that <paramref name="records"/> holds, as the database stores it.</summary>
    public abstract IEnumerable<StoredRecord> Store(ImportSet records);

    /// <summary>Adds a stored payload of this kind to <paramref name="records"/> (loading the published data).</summary>
    public abstract void Load(ImportSet records, string payload);

    /// <summary>
    /// The whole with this record (a payload of this kind) in place of its published version (<paramref name="keep"/>),
    /// or without it, and the validator's subject for it; null for kinds staff do not edit.
    /// </summary>
    public virtual (PolicySnapshot Whole, string Subject)? Put(PolicySnapshot current, string payload, bool keep) => null;

    public override string ToString() => Code;

    /// <summary>Records as stored, one JSON payload of the domain record each.</summary>
    private protected IEnumerable<StoredRecord> Stored<T>(IEnumerable<T> records, Func<T, string> key, Func<T, string?> region) =>
        records.Select(record => new StoredRecord(this, key(record), region(record), Payloads.Serialize(record)));
}

/// <summary>A record of some kind as stored: its kind, key, region (null for records of every region) and payload.</summary>
public sealed record StoredRecord(RecordKind Kind, string Key, string? RegionSlug, string Payload)
{
    public string PayloadHash { get; } = Payloads.Hash(Payload);
}

/// <summary>
/// A kind staff edit as a form or as the YAML of its file: a region's parameter or disagreement as its policy file
/// holds it, or a source as sources.yaml holds it. Sources belong to every region; their URLs use
/// <see cref="Everywhere"/> as the region.
/// </summary>
public abstract class EditableKind : RecordKind
{
    /// <summary>The region segment of staff URLs for records shared by all regions; only staff without region limits may edit them.</summary>
    public const string Everywhere = "all";

    private protected EditableKind(string code, string section, string noun)
        : base(code) => (Section, Noun) = (section, noun);

    /// <summary>The section of the file holding such records, also the staff URL segment.</summary>
    public string Section { get; }

    /// <summary>The kind segment of the record's history URL.</summary>
    public string HistoryKind => Code;

    /// <summary>What staff call it.</summary>
    public string Noun { get; }

    /// <summary>Whether the records belong to every region rather than one.</summary>
    public abstract bool IsGlobal { get; }

    public static EditableKind? FromSection(string? section) => Editable.FirstOrDefault(k => k.Section == section);

    public static EditableKind? Find(string? code) => Editable.FirstOrDefault(k => k.Code == code);

    /// <summary>The record's key in the database: "region/key", or the bare key for records of every region.</summary>
    public string RecordKey(string region, string key) => IsGlobal ? key : $"{region}/{key}";

    /// <summary>The (region, key) of a record key, the inverse of <see cref="RecordKey"/>.</summary>
    public (string Region, string Key) Split(string recordKey)
    {
        ArgumentNullException.ThrowIfNull(recordKey);
        var slash = recordKey.IndexOf('/', StringComparison.Ordinal);
        return IsGlobal ? (Everywhere, recordKey) : (recordKey[..slash], recordKey[(slash + 1)..]);
    }

    public string EditUrl(string region, string key) => $"/staff/{Section}/{region}/{key}";

    public string HistoryUrl(string region, string key) => $"/staff/history/{region}/{HistoryKind}/{key}";

    /// <summary>A name staff recognise: the parameter's label, the disagreement's topic or the source's title.</summary>
    public abstract string Label(PolicySnapshot current, string region, string key);

    /// <summary>The record's payload as the YAML of its file, holding only this record.</summary>
    public abstract string Render(PolicySnapshot current, string payload);

    /// <summary>Reads an edited text of its file into a fresh set, with the problems on lines of that text.</summary>
    private protected abstract ImportSet ReadText(string region, string text);

    /// <summary>Reads an edited text back: the record's payload, or the problems with lines of the text.</summary>
    public (string? Payload, IReadOnlyList<string> Problems) Parse(string region, string key, string? text)
    {
        var set = ReadText(region, text ?? "");
        var problems = set.Problems.Select(p => p.InEditedText).ToList();
        var records = RecordsIn(set);
        if (problems.Count == 0 && (records.Count != 1 || records[0].Kind != this || records[0].Key != key))
        {
            problems.Add($"请只保留{Noun}“{key}”：{Section} 下只有这一项，也不要加入其他部分。");
        }
        return problems.Count == 0 ? (records[0].Payload, problems) : (null, problems);
    }

    /// <summary>Every parameter, disagreement and source a text held, with its kind, key within its region and payload.</summary>
    public static IReadOnlyList<(EditableKind Kind, string Key, string Payload)> RecordsIn(ImportSet set) =>
        [.. Editable.SelectMany(kind => kind.Store(set).Select(record => (kind, kind.Split(record.Key).Key, record.Payload)))];

    /// <summary>The one file of the exported files that holds a snapshot of this single record, without its header comment.</summary>
    private protected static string FileText(PolicySnapshot alone, string path)
    {
        var file = PolicyFiles.Render(alone).Single(f => f.Folder == ExportFolder.Seeds && f.Path == path);
        return string.Join('\n', file.Text.Split('\n').SkipWhile(line => line.StartsWith('#') || line.Length == 0));
    }

    /// <summary>A snapshot of <paramref name="current"/>'s regions, definitions and vocabulary holding just the given records.</summary>
    private protected static PolicySnapshot Holding(PolicySnapshot current, IEnumerable<Rules.Source> sources, IEnumerable<PolicyParameter> parameters, IEnumerable<Rules.Disagreement> disagreements) =>
        new(current.Regions, sources, current.Definitions, parameters, disagreements, [], current.Vocabulary);
}
