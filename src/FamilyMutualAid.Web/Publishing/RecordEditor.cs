using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Markdown;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using FamilyMutualAid.Web.Content;

namespace FamilyMutualAid.Web.Publishing;

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
/// the editor started from, so a second save from the same base is refused rather than overwriting. Publishing and
/// retiring run one at a time (each moves the data version first, see <see cref="DataVersion"/>) and are validated
/// against the whole published state read inside their transaction, so two publishes of different records cannot
/// together break it. Every change is saved with its audit entries in one save.
/// </summary>
public sealed class RecordEditor(PolicyDbContext db, PolicySnapshotProvider snapshots, MarkdownRenderer markdown, AuditLog audit, TimeProvider clock)
{
    public Task<PolicyRecord?> FindAsync(RecordKind kind, string key, CancellationToken cancellationToken) =>
        db.Records.Include(r => r.Versions).Include(r => r.Reviews).AsSplitQuery().SingleOrDefaultAsync(r => r.Kind == kind && r.Key == key, cancellationToken);

    public static PolicyRecordVersion? Published(PolicyRecord record) => record?.Versions.SingleOrDefault(v => v.Status == VersionStatus.Published);

    public static PolicyRecordVersion? Draft(PolicyRecord record) => record?.Versions.Where(v => v.Status == VersionStatus.Draft).MaxBy(v => v.Number);

    /// <summary>The version an editor starts from: the draft, else the published version, else (retired) the newest.</summary>
    public static PolicyRecordVersion Latest(PolicyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Draft(record) ?? Published(record) ?? record.Versions.MaxBy(v => v.Number)!;
    }

    /// <summary>Saves <paramref name="payload"/> as the record's new draft, if nobody changed the record since <paramref name="baseStamp"/>.</summary>
    public async Task<EditResult> SaveDraftAsync(RecordKind kind, string key, Guid baseStamp, string payload, string author, string? note, CancellationToken cancellationToken) =>
        await SaveDraftAsync(kind, key, baseStamp, payload, draftText: null, author, note, cancellationToken);

    /// <summary>Saves a draft; <paramref name="draftText"/> keeps an incomplete text that does not read back yet.</summary>
    public async Task<EditResult> SaveDraftAsync(RecordKind kind, string key, Guid baseStamp, string payload, string? draftText, string author, string? note, CancellationToken cancellationToken) =>
        await FindAsync(kind, key, cancellationToken) is { } record
            ? await SaveDraftAsync(record, baseStamp, payload, draftText, author, note, rollbackOf: null, cancellationToken)
            : EditResult.NotFound;

    /// <summary>
    /// Creates a record that exists only as a draft (a new source); nothing public changes until it is published.
    /// Refused as a conflict when a record with that key already exists.
    /// </summary>
    /// <param name="draftText">For a record started incomplete (a new parameter whose sources are still to be chosen): its text, see <see cref="PolicyRecordVersion.DraftText"/>.</param>
    public async Task<EditResult> CreateDraftAsync(RecordKind kind, string key, string? regionSlug, string payload, string author, string? note, CancellationToken cancellationToken, string? draftText = null)
    {
        if (await FindAsync(kind, key, cancellationToken) is { } existing)
        {
            return new(EditOutcome.Conflict, Draft(existing) ?? Published(existing), []);
        }
        var record = new PolicyRecord { Kind = kind, Key = key, RegionSlug = regionSlug };
        var version = NewVersion(record, payload, VersionStatus.Draft, author, note);
        version.DraftText = draftText;
        record.Versions.Add(version);
        db.Records.Add(record);
        audit.Add(author, AuditActions.Edit, regionSlug, $"{kind}:{key}", note ?? "created");
        return await TrySaveAsync(cancellationToken) ? new(EditOutcome.Done, version, []) : await RefusedAsync(kind, key, cancellationToken);
    }

    /// <summary>
    /// Makes the draft version live atomically, after validating the whole published state with it: the published
    /// state as read inside the publishing transaction, so a publish committed just before is part of it.
    /// </summary>
    public Task<EditResult> PublishAsync(RecordKind kind, string key, int draftVersionId, string publisher, CancellationToken cancellationToken) =>
        PublishAsync(kind, key, draftVersionId, publisher, approve: null, cancellationToken);

    /// <summary>
    /// Publishes as <see cref="PublishAsync(RecordKind, string, int, string, CancellationToken)"/> does, after
    /// <paramref name="approve"/> has looked at the record as read inside the publishing transaction: it returns a
    /// refusal, or null to go on, and what it changes on the record (its review) is saved with the publish or not at all.
    /// Open submissions of the draft count as approved by the publish.
    /// </summary>
    public async Task<EditResult> PublishAsync(RecordKind kind, string key, int draftVersionId, string publisher, Func<PolicyRecord, EditResult?>? approve, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginPublishingAsync(cancellationToken);
        var current = await PolicySnapshotProvider.LoadAsync(db, cancellationToken);
        if (await FindAsync(kind, key, cancellationToken) is not { } record)
        {
            return EditResult.NotFound;
        }
        var draft = record.Versions.SingleOrDefault(v => v.Id == draftVersionId);
        if (draft is null || draft.Status != VersionStatus.Draft || Draft(record) != draft)
        {
            return new(EditOutcome.Conflict, Published(record), []);
        }
        if (approve?.Invoke(record) is { } refused)
        {
            return refused;
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
        var newSources = await NewSourcesCitedAsync(current, kind, draft.Payload, cancellationToken);
        var problems = Validate(current, kind, draft.Payload, [.. newSources.Select(n => Payloads.Deserialize<Source>(Draft(n)!.Payload))]);
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
        foreach (var source in newSources)
        {
            audit.Add(publisher, AuditActions.Publish, null, $"{RecordKind.Source}:{source.Key}", $"version {Published(source)!.Number}, with {kind}:{key}");
        }
        foreach (var review in record.Reviews.Where(r => r.IsOpen))
        {
            (review.State, review.DecidedBy, review.DecidedAtUtc, review.ConcurrencyStamp) = (ReviewState.Published, publisher, clock.GetUtcNow().UtcDateTime, Guid.NewGuid());
        }
        audit.Add(publisher, AuditActions.Publish, record.RegionSlug, $"{kind}:{key}", $"version {draft.Number}");
        return await CommitPublishingAsync(transaction, kind, key, new(EditOutcome.Done, draft, []), cancellationToken);
    }

    /// <summary>
    /// What publishing the draft would be refused for, checked against the published data as it is now (publishing
    /// checks again inside its transaction): for a decision that publishes later, such as scheduling.
    /// </summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync(PolicyRecord record, PolicyRecordVersion draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(draft);
        var current = await PolicySnapshotProvider.LoadAsync(db, cancellationToken);
        var payload = draft.Payload;
        if (draft.DraftText is not null)
        {
            var (read, textProblems) = ReadDraftText(record.Kind, record.Key, draft.DraftText);
            if (read is null)
            {
                return textProblems;
            }
            payload = read;
        }
        var newSources = await NewSourcesCitedAsync(current, record.Kind, payload, cancellationToken);
        return Validate(current, record.Kind, payload, [.. newSources.Select(n => Payloads.Deserialize<Source>(Draft(n)!.Payload))]);
    }

    /// <summary>Starts a new draft from an old version; the published version stays until that draft is published.</summary>
    public async Task<EditResult> RollbackAsync(RecordKind kind, string key, int versionId, Guid baseStamp, string author, CancellationToken cancellationToken)
    {
        if (await FindAsync(kind, key, cancellationToken) is not { } record || record.Versions.SingleOrDefault(v => v.Id == versionId) is not { } old)
        {
            return EditResult.NotFound;
        }
        return await SaveDraftAsync(record, baseStamp, old.Payload, draftText: null, author, $"rollback to version {old.Number}", rollbackOf: old, cancellationToken);
    }

    /// <summary>
    /// Takes a published record out of the published data (its versions stay in the history, and a rollback can bring
    /// it back), if nobody changed it since <paramref name="baseStamp"/> and the rest stays valid without it.
    /// National records are the base every region inherits from, so they are ended with dated values instead.
    /// </summary>
    public async Task<EditResult> RetireAsync(RecordKind kind, string key, Guid baseStamp, string publisher, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginPublishingAsync(cancellationToken);
        var current = await PolicySnapshotProvider.LoadAsync(db, cancellationToken);
        if (await FindAsync(kind, key, cancellationToken) is not { } record || Published(record) is not { } published)
        {
            return EditResult.NotFound;
        }
        if (record.ConcurrencyStamp != baseStamp)
        {
            return new(EditOutcome.Conflict, Draft(record) ?? published, []);
        }
        if (IsBaseRegion(current, record.RegionSlug))
        {
            return new(EditOutcome.Invalid, published, ["全国的内容是各地区沿用的基础，不能停用；规则不再适用时，请新增一个日期的值或写明 until。"]);
        }
        if (kind.Put(current, published.Payload, keep: false) is not { } put)
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
        var problems = WholeProblems(without).Except(WholeProblems(current)).ToList();
        if (problems.Count > 0)
        {
            return new(EditOutcome.Invalid, published, problems);
        }
        var orphanRecords = await db.Records.Include(r => r.Versions)
            .Where(r => r.Kind == RecordKind.Source && orphans.Contains(r.Key))
            .ToListAsync(cancellationToken);
        foreach (var version in orphanRecords.Append(record).SelectMany(r => r.Versions).Where(v => v.Status != VersionStatus.Retired))
        {
            version.Status = VersionStatus.Retired;
        }
        foreach (var retired in orphanRecords.Append(record))
        {
            retired.ConcurrencyStamp = Guid.NewGuid();
        }
        WithdrawOpenReviews(record, publisher, "停用");
        foreach (var source in orphanRecords)
        {
            audit.Add(publisher, AuditActions.Retire, null, $"{RecordKind.Source}:{source.Key}", $"with {kind}:{key}");
        }
        audit.Add(publisher, AuditActions.Retire, record.RegionSlug, $"{kind}:{key}", $"version {published.Number}");
        return await CommitPublishingAsync(transaction, kind, key, new(EditOutcome.Done, published, []), cancellationToken);
    }

    /// <summary>Whether the region is a root every other region inherits from (the national rules).</summary>
    public bool IsBaseRegion(string? regionSlug) => IsBaseRegion(snapshots.Current, regionSlug);

    private static bool IsBaseRegion(PolicySnapshot snapshot, string? regionSlug) => regionSlug is not null && snapshot.FindRegion(regionSlug)?.ParentSlug is null;

    /// <summary>
    /// Opens a transaction that changes the published data. Moving the data version comes first: from then on this
    /// transaction holds the lock other publishers wait for, so what it reads next is what the one before committed.
    /// </summary>
    private async Task<IDbContextTransaction> BeginPublishingAsync(CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.BumpDataVersionAsync(cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Saves the changes with their audit entries and commits, then installs the new snapshot (and evicts the cached
    /// pages); or, refused by the database, rolls back and shows what won.
    /// </summary>
    private async Task<EditResult> CommitPublishingAsync(IDbContextTransaction transaction, RecordKind kind, string key, EditResult done, CancellationToken cancellationToken)
    {
        if (!await TrySaveAsync(cancellationToken))
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return await RefusedAsync(kind, key, cancellationToken);
        }
        // Saved: the change stands even if the request is abandoned now, so neither the commit nor the refresh listens to it.
        await transaction.CommitAsync(CancellationToken.None);
        await snapshots.RefreshAsync();
        return done;
    }

    /// <summary>Saves a new draft and its audit entries in one save, if nobody changed the record since <paramref name="baseStamp"/>.</summary>
    private async Task<EditResult> SaveDraftAsync(PolicyRecord record, Guid baseStamp, string payload, string? draftText, string author, string? note, PolicyRecordVersion? rollbackOf, CancellationToken cancellationToken)
    {
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
        var subject = $"{record.Kind}:{record.Key}";
        audit.Add(author, AuditActions.Edit, record.RegionSlug, subject, note);
        WithdrawOpenReviews(record, author, "提交后修改了草稿");
        if (rollbackOf is not null)
        {
            audit.Add(author, AuditActions.Rollback, record.RegionSlug, subject, $"from version {rollbackOf.Number}");
        }
        return await TrySaveAsync(cancellationToken) ? new(EditOutcome.Done, version, []) : await RefusedAsync(record.Kind, record.Key, cancellationToken);
    }

    /// <summary>
    /// A submitted or scheduled draft that is edited or retired is no longer what was reviewed: its submission is
    /// withdrawn (the draft goes back to its editor's list) in the same save.
    /// </summary>
    private void WithdrawOpenReviews(PolicyRecord record, string actor, string why)
    {
        foreach (var review in record.Reviews.Where(r => r.IsOpen))
        {
            (review.State, review.PublishAtUtc, review.ConcurrencyStamp) = (ReviewState.Withdrawn, null, Guid.NewGuid());
            audit.Add(actor, AuditActions.ReviewWithdrawn, record.RegionSlug, $"{record.Kind}:{record.Key}", $"submission {review.Id}: {why}");
        }
    }

    /// <summary>After a save the database refused (someone else's save won): the record as it is now, to show what won.</summary>
    private async Task<EditResult> RefusedAsync(RecordKind kind, string key, CancellationToken cancellationToken) =>
        new(EditOutcome.Conflict, await FindAsync(kind, key, cancellationToken) is { } record ? Draft(record) ?? Published(record) : null, []);

    /// <summary>Every problem of a published whole, including broken links between pages, as text.</summary>
    private IEnumerable<string> WholeProblems(PolicySnapshot snapshot) =>
        PolicyValidator.Validate(snapshot).Select(i => $"{i.Subject} {i.Field}: {i.Message}")
            .Concat(snapshot.Pages.SelectMany(p => ContentLinkChecker.CheckPage(snapshot, p, markdown).Select(l => $"page:{p.RegionSlug}/{p.Key} 第 {l.Line + 1} 行: {l.Message}")));

    /// <summary>Problems the published whole would have with this payload and these new sources published with it.</summary>
    private List<string> Validate(PolicySnapshot published, RecordKind kind, string payload, IReadOnlyList<Source> newSources)
    {
        var current = newSources.Count == 0 ? published : new PolicySnapshot(
            published.Regions, published.Sources.Concat(newSources), published.Definitions, published.Parameters,
            published.Disagreements, published.Pages, published.Vocabulary);
        if (kind.Put(current, payload, keep: true) is not { } put)
        {
            return [$"records of kind {kind} are edited in the seed files, not here"];
        }
        var (whole, subject) = put;
        var problems = ProblemsOf(whole, subject);
        if (kind == RecordKind.Source && current.FindSource(Payloads.Deserialize<Source>(payload).Id) is null)
        {
            problems.Add("新来源要和第一条引用它的规则、分歧或页面一起发布：在那条内容的 sources 里写上它的编号，发布那条内容时它会一起发布。");
        }
        if (kind == RecordKind.Page)
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
    private static (string? Payload, IReadOnlyList<string> Problems) ReadDraftText(RecordKind kind, string key, string text)
    {
        if ((kind as EditableKind) is not { } yaml)
        {
            return (null, ["the draft text cannot be read"]);
        }
        var (region, id) = yaml.Split(key);
        return yaml.Parse(region, id, text);
    }

    /// <summary>The source records that exist only as drafts and are cited by this payload.</summary>
    private async Task<List<PolicyRecord>> NewSourcesCitedAsync(PolicySnapshot published, RecordKind kind, string payload, CancellationToken cancellationToken)
    {
        if (kind.Put(published, payload, keep: true) is not { } put)
        {
            return [];
        }
        var ids = PolicyValidator.CitedSourceIds(put.Whole).Where(id => published.FindSource(id) is null).ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        var records = await db.Records.Include(r => r.Versions)
            .Where(r => r.Kind == RecordKind.Source && ids.Contains(r.Key))
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
        catch (DbUpdateException ex) when (!DatabaseFailure.IsUnavailable(ex))
        {
            // A concurrency-token mismatch, or the (record, number) unique index hit by a parallel save (a full disk is not a conflict).
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
