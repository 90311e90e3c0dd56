using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using FamilyMutualAid.Web.Policy;

namespace FamilyMutualAid.Web.Publishing;

/// <summary>The outcome of a step of review.</summary>
public enum ReviewOutcome
{
    Done,

    NotFound,

    /// <summary>Someone decided or edited first (the draft changed, or the submission is no longer in that state); nothing was written.</summary>
    Conflict,

    /// <summary>The draft would not publish, or the input is not acceptable; nothing was written.</summary>
    Invalid,

    /// <summary>A publisher asked to approve their own submission while <see cref="StaffOptions.ForbidSelfApproval"/> is on.</summary>
    SelfApproval,
}

/// <summary>What a step of review did, and why not when it did not.</summary>
public sealed record ReviewResult(ReviewOutcome Outcome, IReadOnlyList<string> Problems)
{
    public static ReviewResult Done { get; } = new(ReviewOutcome.Done, []);

    public static ReviewResult NotFound { get; } = new(ReviewOutcome.NotFound, []);

    public static ReviewResult Conflict(string why) => new(ReviewOutcome.Conflict, [why]);

    public static ReviewResult Invalid(params IReadOnlyList<string> problems) => new(ReviewOutcome.Invalid, problems);
}

/// <summary>What one scheduled publish did when its time came.</summary>
public enum ScheduledOutcome
{
    Published,

    /// <summary>Not applied: the submission is back for review with the reason.</summary>
    ReturnedToReview,

    /// <summary>Nothing to do: not due, cancelled, or another instance took it first.</summary>
    Skipped,
}

/// <summary>
/// Review before publishing (after Wagtail's moderation): an editor submits a draft with a note; a publisher approves
/// it (published now, through <see cref="RecordEditor.PublishAsync(RecordKind, string, int, string, Func{PolicyRecord, EditResult?}?, CancellationToken)"/>),
/// schedules it for a time, or returns it with a comment. Each step is saved with its audit entry, and a submission's
/// concurrency stamp makes two decisions on it (or two instances publishing it when due) exclusive.
/// </summary>
public sealed class ReviewWorkflow(PolicyDbContext db, RecordEditor editor, AuditLog audit, TimeProvider clock, IOptions<StaffOptions> options)
{
    public const int MaxTextLength = 2000;

    /// <summary>The refusal of a scheduled publish that another instance (or a publisher) decided first.</summary>
    private static readonly EditResult AlreadyDecided = new(EditOutcome.Conflict, null, ["这份提交已经处理过了。"]);

    public Task<ReviewRequest?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.Reviews.Include(r => r.Record).ThenInclude(r => r!.Versions).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>Whether this publisher is refused deciding on this submission because they made it.</summary>
    public bool IsSelfApproval(ReviewRequest review, string publisher) =>
        options.Value.ForbidSelfApproval && string.Equals(review?.SubmittedBy, publisher, StringComparison.OrdinalIgnoreCase);

    /// <summary>Submits the record's draft <paramref name="versionId"/> for review; refused if it is no longer the draft, is already submitted, or would not publish now.</summary>
    public async Task<ReviewResult> SubmitAsync(RecordKind kind, string key, int versionId, string submitter, string? note, CancellationToken cancellationToken)
    {
        if (await editor.FindAsync(kind, key, cancellationToken) is not { } record)
        {
            return ReviewResult.NotFound;
        }
        if (RecordEditor.Draft(record) is not { } draft || draft.Id != versionId)
        {
            return ReviewResult.Conflict("草稿在您打开之后又被修改或发布了，请查看最新的草稿后再提交。");
        }
        if (record.Reviews.Any(r => r.IsOpen))
        {
            return ReviewResult.Conflict("这份草稿已经提交审核了。");
        }
        if (draft.DraftText is not null)
        {
            return ReviewResult.Invalid("草稿尚不完整，请先修正编辑页上列出的问题并保存，再提交审核。");
        }
        // Said to the editor now rather than to the reviewer later; approving checks again inside the publishing transaction.
        if (await editor.ProblemsAsync(record, draft, cancellationToken) is { Count: > 0 } problems)
        {
            return ReviewResult.Invalid(["草稿现在还不能发布，请修改后再提交审核：", .. problems]);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        record.Reviews.Add(new ReviewRequest { VersionId = draft.Id, State = ReviewState.Submitted, SubmittedBy = submitter, SubmittedAtUtc = now, Note = note });
        // A write to the record: a save from a form opened before the submission is refused, so nobody edits it unawares.
        record.ConcurrencyStamp = Guid.NewGuid();
        audit.Add(submitter, AuditActions.ReviewSubmitted, record.RegionSlug, Subject(record), $"version {draft.Number}" + (string.IsNullOrWhiteSpace(note) ? "" : $": {note}"));
        return await TrySaveAsync() ? ReviewResult.Done : ReviewResult.Conflict("草稿在您提交时被修改或提交了，请查看最新的草稿后再提交。");
    }

    /// <summary>Approves a submission: publishes its draft now, validated inside the publishing transaction.</summary>
    public async Task<ReviewResult> ApproveAsync(int reviewId, string publisher, CancellationToken cancellationToken)
    {
        if (await FindAsync(reviewId, cancellationToken) is not { Record: { } record } review)
        {
            return ReviewResult.NotFound;
        }
        if (IsSelfApproval(review, publisher))
        {
            return new(ReviewOutcome.SelfApproval, ["您不能审核通过自己提交的草稿，请另一位发布人员审核。"]);
        }
        db.ChangeTracker.Clear();
        var result = await editor.PublishAsync(record.Kind, record.Key, review.VersionId, publisher, current =>
        {
            if (current.Reviews.SingleOrDefault(r => r.Id == reviewId) is not { State: ReviewState.Submitted } submitted)
            {
                return AlreadyDecided;
            }
            audit.Add(publisher, AuditActions.ReviewApproved, current.RegionSlug, Subject(current), $"submission {reviewId}, version {RecordEditor.Draft(current)!.Number}");
            return null;
        }, cancellationToken);
        return Outcome(result);
    }

    /// <summary>Returns a submitted or scheduled draft to its editor with a comment; the draft stays as it is.</summary>
    public async Task<ReviewResult> ReturnAsync(int reviewId, string publisher, string comment, CancellationToken cancellationToken)
    {
        if (await FindAsync(reviewId, cancellationToken) is not { Record: { } record } review)
        {
            return ReviewResult.NotFound;
        }
        if (!review.IsOpen)
        {
            return ReviewResult.Conflict("这份提交已经处理过了。");
        }
        (review.State, review.Comment, review.PublishAtUtc) = (ReviewState.Returned, comment, null);
        Decide(review, publisher);
        audit.Add(publisher, AuditActions.ReviewReturned, record.RegionSlug, Subject(record), $"submission {review.Id}: {comment}");
        return await TrySaveAsync() ? ReviewResult.Done : ReviewResult.Conflict("这份提交在您处理时已被其他人处理。");
    }

    /// <summary>Approves a submission for publishing at <paramref name="publishAtUtc"/>, if its draft would publish now.</summary>
    public async Task<ReviewResult> ScheduleAsync(int reviewId, string publisher, DateTime publishAtUtc, CancellationToken cancellationToken)
    {
        if (await FindAsync(reviewId, cancellationToken) is not { Record: { } record } review)
        {
            return ReviewResult.NotFound;
        }
        if (IsSelfApproval(review, publisher))
        {
            return new(ReviewOutcome.SelfApproval, ["您不能审核通过自己提交的草稿，请另一位发布人员审核。"]);
        }
        if (review.State != ReviewState.Submitted)
        {
            return ReviewResult.Conflict("这份提交已经处理过了。");
        }
        if (publishAtUtc <= clock.GetUtcNow().UtcDateTime)
        {
            return ReviewResult.Invalid("发布时间要晚于现在。");
        }
        if (RecordEditor.Draft(record) is not { } draft || draft.Id != review.VersionId)
        {
            return ReviewResult.Conflict("草稿在提交之后又被修改了。");
        }
        if (await editor.ProblemsAsync(record, draft, cancellationToken) is { Count: > 0 } problems)
        {
            return ReviewResult.Invalid(problems);
        }
        (review.State, review.PublishAtUtc, review.Problem) = (ReviewState.Scheduled, DateTime.SpecifyKind(publishAtUtc, DateTimeKind.Utc), null);
        Decide(review, publisher);
        audit.Add(publisher, AuditActions.PublishScheduled, record.RegionSlug, Subject(record), $"submission {review.Id}, version {draft.Number}, at {BeijingTime.Format(publishAtUtc)}");
        return await TrySaveAsync() ? ReviewResult.Done : ReviewResult.Conflict("这份提交在您处理时已被其他人处理。");
    }

    /// <summary>Cancels a scheduled publish: the submission waits for review again.</summary>
    public async Task<ReviewResult> CancelScheduleAsync(int reviewId, string publisher, CancellationToken cancellationToken)
    {
        if (await FindAsync(reviewId, cancellationToken) is not { Record: { } record } review)
        {
            return ReviewResult.NotFound;
        }
        if (review.State != ReviewState.Scheduled)
        {
            return ReviewResult.Conflict("它已不在定时发布中（已发布、已退回或已取消）。");
        }
        var at = review.PublishAtUtc!.Value;
        (review.State, review.PublishAtUtc) = (ReviewState.Submitted, null);
        Decide(review, publisher);
        audit.Add(publisher, AuditActions.ScheduleCancelled, record.RegionSlug, Subject(record), $"submission {review.Id}, was at {BeijingTime.Format(at)}");
        return await TrySaveAsync() ? ReviewResult.Done : ReviewResult.Conflict("这份提交在您处理时已被其他人处理。");
    }

    /// <summary>The scheduled submissions whose time has come.</summary>
    public async Task<IReadOnlyList<int>> DueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Reviews.AsNoTracking()
            .Where(r => r.State == ReviewState.Scheduled && r.PublishAtUtc <= now)
            .OrderBy(r => r.PublishAtUtc).Select(r => r.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Publishes a scheduled submission whose time has come, as the publisher who scheduled it. Claimed inside the
    /// publishing transaction (publishers wait for each other there, and the submission's stamp is checked on save),
    /// so of several instances trying at once exactly one publishes it. If it would not publish now (the published
    /// data changed since), nothing is applied and it goes back to review with the reason.
    /// </summary>
    public async Task<ScheduledOutcome> PublishScheduledAsync(int reviewId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Reviews.AsNoTracking().Include(r => r.Record).SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken) is not
            { State: ReviewState.Scheduled, Record: { } record, DecidedBy: { } publisher } review || review.PublishAtUtc > now)
        {
            return ScheduledOutcome.Skipped;
        }
        var result = await editor.PublishAsync(record.Kind, record.Key, review.VersionId, publisher, current =>
            current.Reviews.SingleOrDefault(r => r.Id == reviewId) is { State: ReviewState.Scheduled } due && due.PublishAtUtc <= now ? null : AlreadyDecided,
            cancellationToken);
        if (result.Outcome == EditOutcome.Done)
        {
            return ScheduledOutcome.Published;
        }
        db.ChangeTracker.Clear();
        if (ReferenceEquals(result, AlreadyDecided))
        {
            return ScheduledOutcome.Skipped;
        }
        var problems = result.Problems.Count > 0 ? result.Problems : ["草稿在定时之后被修改、发布或停用了。"];
        return await ReturnToReviewAsync(reviewId, problems, cancellationToken) ? ScheduledOutcome.ReturnedToReview : ScheduledOutcome.Skipped;
    }

    /// <summary>A scheduled publish that was not applied waits for review again, with the reason; once, whoever tries.</summary>
    private async Task<bool> ReturnToReviewAsync(int reviewId, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        if (await FindAsync(reviewId, cancellationToken) is not { State: ReviewState.Scheduled, Record: { } record } review)
        {
            return false;
        }
        var reason = "定时发布没有执行：" + string.Join("；", problems);
        (review.State, review.Problem, review.PublishAtUtc, review.ConcurrencyStamp) = (ReviewState.Submitted, Shorten(reason), null, Guid.NewGuid());
        audit.Add(review.DecidedBy ?? "system", AuditActions.ScheduledPublishFailed, record.RegionSlug, Subject(record), Shorten($"submission {review.Id}: {reason}"));
        return await TrySaveAsync();
    }

    private void Decide(ReviewRequest review, string publisher) =>
        (review.DecidedBy, review.DecidedAtUtc, review.ConcurrencyStamp) = (publisher, clock.GetUtcNow().UtcDateTime, Guid.NewGuid());

    private ReviewResult Outcome(EditResult result)
    {
        if (result.Outcome == EditOutcome.Done)
        {
            return ReviewResult.Done;
        }
        // What the refused publish changed in memory (the approval's audit entry) must never reach a later save.
        db.ChangeTracker.Clear();
        return result.Outcome switch
        {
            EditOutcome.Invalid => ReviewResult.Invalid(result.Problems),
            EditOutcome.NotFound => ReviewResult.NotFound,
            _ => ReviewResult.Conflict(result.Problems.Count > 0 ? result.Problems[0] : "草稿在提交之后又被修改或发布了。"),
        };
    }

    private static string Subject(PolicyRecord record) => $"{record.Kind}:{record.Key}";

    private static string Shorten(string text) => text.Length > MaxTextLength ? text[..(MaxTextLength - 1)] + "…" : text;

    private async Task<bool> TrySaveAsync()
    {
        try
        {
            // Not cancelled midway: a decision is saved whole or not at all.
            await db.SaveChangesAsync(CancellationToken.None);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
