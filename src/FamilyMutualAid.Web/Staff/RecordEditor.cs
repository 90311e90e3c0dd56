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
        var problems = Validate(kind, draft.Payload);
        if (problems.Count > 0)
        {
            return new(EditOutcome.Invalid, draft, problems);
        }
        Published(record)?.Status = VersionStatus.Retired;
        draft.Status = VersionStatus.Published;
        record.ConcurrencyStamp = Guid.NewGuid();
        if (!await TrySaveAsync(cancellationToken))
        {
            return new(EditOutcome.Conflict, null, []);
        }
        await snapshots.RefreshAsync(cancellationToken);
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

    /// <summary>Problems the published whole would have with this payload in place of the record's published one.</summary>
    public IReadOnlyList<string> Validate(string kind, string payload)
    {
        var current = snapshots.Current;
        if (kind == RecordKinds.Parameter)
        {
            return ValidateParameter(current, Payloads.Deserialize<PolicyParameter>(payload));
        }
        if (kind == RecordKinds.Disagreement)
        {
            return ValidateDisagreement(current, Payloads.Deserialize<Disagreement>(payload));
        }
        if (kind != RecordKinds.Content)
        {
            return [$"records of kind {kind} are edited in the seed files, not here"];
        }
        var page = Payloads.Deserialize<ContentPage>(payload);
        var snapshot = new PolicySnapshot(
            current.Regions, current.Sources, current.Definitions, current.Parameters, current.Disagreements,
            current.Pages.Where(p => !(p.RegionSlug == page.RegionSlug && p.Key == page.Key)).Append(page),
            current.Vocabulary);
        var problems = PolicyValidator.Validate(snapshot)
            .Where(i => i.Subject == PolicyValidator.PageSubject(page.RegionSlug, page.Key))
            .Select(i => $"{i.Field}: {i.Message}")
            .Concat(ContentLinkChecker.CheckPage(snapshot, page, markdown).Select(p => $"第 {p.Line + 1} 行: {p.Message}"))
            .ToList();
        if (string.IsNullOrWhiteSpace(page.Title))
        {
            problems.Insert(0, "title: is required");
        }
        if (page.Kind == ContentPage.ChannelKind)
        {
            problems.AddRange(ChannelSections.Problems(page.Markdown).Select(p => $"第 {p.Line + 1} 行: {p.Message}"));
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
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return yaml.Parse(key[..slash], key[(slash + 1)..], text);
    }

    private static List<string> ValidateParameter(PolicySnapshot current, PolicyParameter parameter)
    {
        var snapshot = new PolicySnapshot(
            current.Regions, current.Sources, current.Definitions,
            current.Parameters.Where(p => !(p.RegionSlug == parameter.RegionSlug && p.Key == parameter.Key)).Append(parameter),
            current.Disagreements, current.Pages, current.Vocabulary);
        return ProblemsOf(snapshot, PolicyValidator.ParameterSubject(parameter.RegionSlug, parameter.Key));
    }

    private static List<string> ValidateDisagreement(PolicySnapshot current, Disagreement disagreement)
    {
        var snapshot = new PolicySnapshot(
            current.Regions, current.Sources, current.Definitions, current.Parameters,
            current.Disagreements.Where(d => !(d.RegionSlug == disagreement.RegionSlug && d.Id == disagreement.Id)).Append(disagreement),
            current.Pages, current.Vocabulary);
        return ProblemsOf(snapshot, PolicyValidator.DisagreementSubject(disagreement.RegionSlug, disagreement.Id));
    }

    /// <summary>The whole's problems with one record (or its dated values), and with sources it may have left uncited.</summary>
    private static List<string> ProblemsOf(PolicySnapshot snapshot, string subject) =>
        [.. PolicyValidator.Validate(snapshot)
            .Where(i => i.Subject == subject || i.Subject.StartsWith(subject + "@", StringComparison.Ordinal) || i.Subject.StartsWith("source:", StringComparison.Ordinal))
            .Select(i => $"{i.Subject} {i.Field}: {i.Message}")];

    private PolicyRecordVersion NewVersion(PolicyRecord record, string payload, VersionStatus status, string author, string? note) => new()
    {
        Number = record.Versions.Max(v => v.Number) + 1,
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
