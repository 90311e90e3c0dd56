using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Import;
using FamilyMutualAid.Web.Markdown;
using FamilyMutualAid.Web.Policy;
using Microsoft.EntityFrameworkCore;

namespace FamilyMutualAid.Web.Staff;

/// <summary>The outcome of saving a draft or publishing.</summary>
public enum EditOutcome
{
    Done,

    /// <summary>Someone else saved or published since the editor's base version; nothing was written.</summary>
    Conflict,

    /// <summary>Publishing would make the published whole invalid; nothing was written.</summary>
    Invalid,

    NotFound,
}

/// <summary>What an edit did, with the current state when it did not go through.</summary>
public sealed record EditResult(EditOutcome Outcome, PolicyRecordVersion? Version, IReadOnlyList<string> Problems)
{
    public static EditResult NotFound { get; } = new(EditOutcome.NotFound, null, []);
}

/// <summary>
/// Drafts, publishing, history and rollback for any versioned record. Saving needs the record's concurrency stamp
/// the editor started from, so a second save from the same base is refused rather than overwriting; publishing is
/// validated against the whole published state and guarded by the same stamp, so two publishes of one draft make
/// exactly one new version.
/// </summary>
public sealed class RecordEditor(PolicyDbContext db, PolicySnapshotProvider snapshots, MarkdownRenderer markdown, AuditLog audit, TimeProvider clock)
{
    public Task<PolicyRecord?> FindAsync(string kind, string key, CancellationToken cancellationToken) =>
        db.Records.Include(r => r.Versions).SingleOrDefaultAsync(r => r.Kind == kind && r.Key == key, cancellationToken);

    public static PolicyRecordVersion? Published(PolicyRecord record) => record?.Versions.SingleOrDefault(v => v.Status == VersionStatus.Published);

    public static PolicyRecordVersion? Draft(PolicyRecord record) => record?.Versions.Where(v => v.Status == VersionStatus.Draft).MaxBy(v => v.Number);

    /// <summary>The version an editor starts from: the draft, else the published version, else (retired) the newest.</summary>
    public static PolicyRecordVersion Latest(PolicyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Draft(record) ?? Published(record) ?? record.Versions.MaxBy(v => v.Number)!;
    }

    /// <summary>Saves <paramref name="payload"/> as the record's new draft, if nobody changed the record since <paramref name="baseStamp"/>.</summary>
    public async Task<EditResult> SaveDraftAsync(string kind, string key, Guid baseStamp, string payload, string author, string? note, CancellationToken cancellationToken) =>
        await SaveDraftAsync(kind, key, baseStamp, payload, draftText: null, author, note, cancellationToken);

    /// <summary>Saves a draft; <paramref name="draftText"/> keeps an incomplete text that does not read back yet.</summary>
    public async Task<EditResult> SaveDraftAsync(string kind, string key, Guid baseStamp, string payload, string? draftText, string author, string? note, CancellationToken cancellationToken)
    {
        if (await FindAsync(kind, key, cancellationToken) is not { } record)
        {
            return EditResult.NotFound;
        }
        if (record.ConcurrencyStamp != baseStamp)
        {
            return new(EditOutcome.Conflict, Draft(record) ?? Published(record), []);
        }
        foreach (var older in record.Versions.Where(v => v.Status == VersionStatus.Draft))
        {
            older.Status = VersionStatus.Retired;
        }
        var version = NewVersion(record, payload, VersionStatus.Draft, author, note);
        version.DraftText = draftText;
        record.Versions.Add(version);
        record.ConcurrencyStamp = Guid.NewGuid();
        if (!await TrySaveAsync(cancellationToken))
        {
            return new(EditOutcome.Conflict, null, []);
        }
        await audit.WriteAsync(author, AuditActions.Edit, record.RegionSlug, $"{kind}:{key}", note, cancellationToken);
        return new(EditOutcome.Done, version, []);
    }

    /// <summary>
    /// Creates a record that exists only as a draft (a new source); nothing public changes until it is published.
    /// Refused as a conflict when a record with that key already exists.
    /// </summary>
    public async Task<EditResult> CreateDraftAsync(string kind, string key, string? regionSlug, string payload, string author, string? note, CancellationToken cancellationToken)
    {
        if (await FindAsync(kind, key, cancellationToken) is { } existing)
        {
            return new(EditOutcome.Conflict, Draft(existing) ?? Published(existing), []);
        }
        var record = new PolicyRecord { Kind = kind, Key = key, RegionSlug = regionSlug };
        var version = NewVersion(record, payload, VersionStatus.Draft, author, note);
        record.Versions.Add(version);
        db.Records.Add(record);
        if (!await TrySaveAsync(cancellationToken))
        {
            return new(EditOutcome.Conflict, null, []);
        }
        await audit.WriteAsync(author, AuditActions.Edit, regionSlug, $"{kind}:{key}", note ?? "created", cancellationToken);
        return new(EditOutcome.Done, version, []);
    }

    /// <summary>Makes the draft version live atomically, after validating the whole published state with it.</summary>
    public async Task<EditResult> PublishAsync(string kind, string key, int draftVersionId, string publisher, CancellationToken cancellationToken)
    {
        if (await FindAsync(kind, key, cancellationToken) is not { } record)
        {
            return EditResult.NotFound;
        }
        var draft = record.Versions.SingleOrDefault(v => v.Id == draftVersionId);
        if (draft is null || draft.Status != VersionStatus.Draft || Draft(record) != draft)
        {
            return new(EditOutcome.Conflict, Published(record), []);
        }
        if (draft.DraftText is not null)
        {
            // An incomplete draft: it must read back as a whole record before it can be published.
            var (payload, textProblems) = ReadDraftText(kind, key, draft.DraftText);
            if (payload is null)
            {
                return new(EditOutcome.Invalid, draft, textProblems);
            }
            draft.Payload = payload;
            draft.PayloadHash = Payloads.Hash(draft.Payload);
            draft.DraftText = null;
        }
        // Sources that exist only as drafts go live with the first record citing them, in the same transaction.
        var newSources = await NewSourcesCitedAsync(kind, draft.Payload, cancellationToken);
        var problems = Validate(kind, draft.Payload, [.. newSources.Select(n => Payloads.Deserialize<Source>(Draft(n)!.Payload))]);
        if (problems.Count > 0)
        {
            return new(EditOutcome.Invalid, draft, problems);
        }
        foreach (var source in newSources.Append(record))
        {
            Published(source)?.Status = VersionStatus.Retired;
            Draft(source)!.Status = VersionStatus.Published;
            source.ConcurrencyStamp = Guid.NewGuid();
        }
        if (!await TrySaveAsync(cancellationToken))
        {
            return new(EditOutcome.Conflict, null, []);
        }
        await snapshots.RefreshAsync(cancellationToken);
        foreach (var source in newSources)
        {
            await audit.WriteAsync(publisher, AuditActions.Publish, null, $"{RecordKinds.Source}:{source.Key}", $"version {Published(source)!.Number}, with {kind}:{key}", cancellationToken);
        }
        await audit.WriteAsync(publisher, AuditActions.Publish, record.RegionSlug, $"{kind}:{key}", $"version {draft.Number}", cancellationToken);
        return new(EditOutcome.Done, draft, []);
    }

    /// <summary>Starts a new draft from an old version; the published version stays until that draft is published.</summary>
    public async Task<EditResult> RollbackAsync(string kind, string key, int versionId, Guid baseStamp, string author, CancellationToken cancellationToken)
    {
        if (await FindAsync(kind, key, cancellationToken) is not { } record || record.Versions.SingleOrDefault(v => v.Id == versionId) is not { } old)
        {
            return EditResult.NotFound;
        }
        var result = await SaveDraftAsync(kind, key, baseStamp, old.Payload, author, $"rollback to version {old.Number}", cancellationToken);
        if (result.Outcome == EditOutcome.Done)
        {
            await audit.WriteAsync(author, AuditActions.Rollback, record.RegionSlug, $"{kind}:{key}", $"from version {old.Number}", cancellationToken);
        }
        return result;
    }

    /// <summary>
    /// Takes a published record out of the published data (its versions stay in the history, and a rollback can bring
    /// it back), if nobody changed it since <paramref name="baseStamp"/> and the rest stays valid without it.
    /// National records are the base every region inherits from, so they are ended with dated values instead.
    /// </summary>
    public async Task<EditResult> RetireAsync(string kind, string key, Guid baseStamp, string publisher, CancellationToken cancellationToken)
    {
        if (await FindAsync(kind, key, cancellationToken) is not { } record || Published(record) is not { } published)
        {
            return EditResult.NotFound;
        }
        if (record.ConcurrencyStamp != baseStamp)
        {
            return new(EditOutcome.Conflict, Draft(record) ?? published, []);
        }
        if (IsBaseRegion(record.RegionSlug))
        {
            return new(EditOutcome.Invalid, published, ["全国的内容是各地区沿用的基础，不能停用；规则不再适用时，请新增一个日期的值或写明 until。"]);
        }
        if (Put(snapshots.Current, kind, published.Payload, keep: false) is not { } put)
        {
            return new(EditOutcome.Invalid, published, [$"records of kind {kind} are retired in the seed files, not here"]);
        }
        var without = put.Whole;
        // Sources only this record cited go with it, as a new source comes with the first record citing it.
        var cited = PolicyValidator.CitedSourceIds(without);
        var orphans = without.Sources.Where(source => !cited.Contains(source.Id)).Select(source => source.Id).ToList();
        without = new PolicySnapshot(
            without.Regions, without.Sources.Where(source => !orphans.Contains(source.Id)), without.Definitions, without.Parameters,
            without.Disagreements, without.Pages, without.Vocabulary);
        var problems = WholeProblems(without).Except(WholeProblems(snapshots.Current)).ToList();
        if (problems.Count > 0)
        {
            return new(EditOutcome.Invalid, published, problems);
        }
        var orphanRecords = await db.Records.Include(r => r.Versions)
            .Where(r => r.Kind == RecordKinds.Source && orphans.Contains(r.Key))
            .ToListAsync(cancellationToken);
        foreach (var version in orphanRecords.Append(record).SelectMany(r => r.Versions).Where(v => v.Status != VersionStatus.Retired))
        {
            version.Status = VersionStatus.Retired;
        }
        foreach (var retired in orphanRecords.Append(record))
        {
            retired.ConcurrencyStamp = Guid.NewGuid();
        }
        if (!await TrySaveAsync(cancellationToken))
        {
            return new(EditOutcome.Conflict, null, []);
        }
        await snapshots.RefreshAsync(cancellationToken);
        foreach (var source in orphanRecords)
        {
            await audit.WriteAsync(publisher, AuditActions.Retire, null, $"{RecordKinds.Source}:{source.Key}", $"with {kind}:{key}", cancellationToken);
        }
        await audit.WriteAsync(publisher, AuditActions.Retire, record.RegionSlug, $"{kind}:{key}", $"version {published.Number}", cancellationToken);
        return new(EditOutcome.Done, published, []);
    }

    /// <summary>Whether the region is a root every other region inherits from (the national rules).</summary>
    public bool IsBaseRegion(string? regionSlug) => regionSlug is not null && snapshots.Current.FindRegion(regionSlug)?.ParentSlug is null;

    /// <summary>
    /// The whole with this record in place of its published version (<paramref name="keep"/>), or without it; and the
    /// validator's subject for it. Null for kinds staff do not edit here.
    /// </summary>
    private static (PolicySnapshot Whole, string Subject)? Put(PolicySnapshot current, string kind, string payload, bool keep)
    {
        var (sources, parameters, disagreements, pages) = (current.Sources.AsEnumerable(), current.Parameters.AsEnumerable(), current.Disagreements.AsEnumerable(), current.Pages.AsEnumerable());
        string subject;
        switch (kind)
        {
            case RecordKinds.Content:
                var page = Payloads.Deserialize<ContentPage>(payload);
                pages = pages.Where(p => !(p.RegionSlug == page.RegionSlug && p.Key == page.Key)).Concat(keep ? [page] : []);
                subject = PolicyValidator.PageSubject(page.RegionSlug, page.Key);
                break;
            case RecordKinds.Parameter:
                var parameter = Payloads.Deserialize<PolicyParameter>(payload);
                parameters = parameters.Where(p => !(p.RegionSlug == parameter.RegionSlug && p.Key == parameter.Key)).Concat(keep ? [parameter] : []);
                subject = PolicyValidator.ParameterSubject(parameter.RegionSlug, parameter.Key);
                break;
            case RecordKinds.Disagreement:
                var disagreement = Payloads.Deserialize<Disagreement>(payload);
                disagreements = disagreements.Where(d => !(d.RegionSlug == disagreement.RegionSlug && d.Id == disagreement.Id)).Concat(keep ? [disagreement] : []);
                subject = PolicyValidator.DisagreementSubject(disagreement.RegionSlug, disagreement.Id);
                break;
            case RecordKinds.Source:
                var source = Payloads.Deserialize<Source>(payload);
                sources = sources.Where(s => s.Id != source.Id).Concat(keep ? [source] : []);
                subject = PolicyValidator.SourceSubject(source.Id);
                break;
            default:
                return null;
        }
        return (new PolicySnapshot(current.Regions, sources, current.Definitions, parameters, disagreements, pages, current.Vocabulary), subject);
    }

    /// <summary>Every problem of a published whole, including broken links between pages, as text.</summary>
    private IEnumerable<string> WholeProblems(PolicySnapshot snapshot) =>
        PolicyValidator.Validate(snapshot).Select(i => $"{i.Subject} {i.Field}: {i.Message}")
            .Concat(snapshot.Pages.SelectMany(p => ContentLinkChecker.CheckPage(snapshot, p, markdown).Select(l => $"page:{p.RegionSlug}/{p.Key} 第 {l.Line + 1} 行: {l.Message}")));

    /// <summary>Problems the published whole would have with this payload and these new sources published with it.</summary>
    private List<string> Validate(string kind, string payload, IReadOnlyList<Source> newSources)
    {
        var published = snapshots.Current;
        var current = newSources.Count == 0 ? published : new PolicySnapshot(
            published.Regions, published.Sources.Concat(newSources), published.Definitions, published.Parameters,
            published.Disagreements, published.Pages, published.Vocabulary);
        if (Put(current, kind, payload, keep: true) is not { } put)
        {
            return [$"records of kind {kind} are edited in the seed files, not here"];
        }
        var (whole, subject) = put;
        var problems = ProblemsOf(whole, subject);
        if (kind == RecordKinds.Source && current.FindSource(Payloads.Deserialize<Source>(payload).Id) is null)
        {
            problems.Add("新来源要和第一条引用它的规则、分歧或页面一起发布：在那条内容的 sources 里写上它的编号，发布那条内容时它会一起发布。");
        }
        if (kind == RecordKinds.Content)
        {
            var page = Payloads.Deserialize<ContentPage>(payload);
            if (string.IsNullOrWhiteSpace(page.Title))
            {
                problems.Insert(0, "title: is required");
            }
            problems.AddRange(ContentLinkChecker.CheckPage(whole, page, markdown).Select(p => $"第 {p.Line + 1} 行: {p.Message}"));
            if (page.Kind == ContentPage.ChannelKind)
            {
                problems.AddRange(ChannelSections.Problems(page.Markdown).Select(p => $"第 {p.Line + 1} 行: {p.Message}"));
            }
        }
        return problems;
    }

    /// <summary>Reads an incomplete draft's text back as the record's payload, or says why it cannot be.</summary>
    private static (string? Payload, IReadOnlyList<string> Problems) ReadDraftText(string kind, string key, string text)
    {
        if (PolicyYaml.FromRecordKind(kind) is not { } yaml)
        {
            return (null, ["the draft text cannot be read"]);
        }
        var (region, id) = yaml.Split(key);
        return yaml.Parse(region, id, text);
    }

    /// <summary>The source records that exist only as drafts and are cited by this payload.</summary>
    private async Task<List<PolicyRecord>> NewSourcesCitedAsync(string kind, string payload, CancellationToken cancellationToken)
    {
        if (Put(snapshots.Current, kind, payload, keep: true) is not { } put)
        {
            return [];
        }
        var ids = PolicyValidator.CitedSourceIds(put.Whole).Where(id => snapshots.Current.FindSource(id) is null).ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        var records = await db.Records.Include(r => r.Versions)
            .Where(r => r.Kind == RecordKinds.Source && ids.Contains(r.Key))
            .ToListAsync(cancellationToken);
        return [.. records.Where(r => Published(r) is null && Draft(r) is { DraftText: null })];
    }

    /// <summary>The whole's problems with one record (or its dated values), and with sources it may have left uncited.</summary>
    private static List<string> ProblemsOf(PolicySnapshot snapshot, string subject) =>
        [.. PolicyValidator.Validate(snapshot)
            .Where(i => i.Subject == subject || i.Subject.StartsWith(subject + "@", StringComparison.Ordinal) || i.Subject.StartsWith("source:", StringComparison.Ordinal))
            .Select(i => $"{i.Subject} {i.Field}: {i.Message}")];

    private PolicyRecordVersion NewVersion(PolicyRecord record, string payload, VersionStatus status, string author, string? note) => new()
    {
        Number = record.Versions.Select(v => v.Number).DefaultIfEmpty(0).Max() + 1,
        Status = status,
        Origin = VersionOrigin.Staff,
        Payload = payload,
        PayloadHash = Payloads.Hash(payload),
        Author = author,
        CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        Note = note,
    };

    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // A concurrency-token mismatch, or the (record, number) unique index hit by a parallel save.
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
