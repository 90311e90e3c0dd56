using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>A submission as the review lists and pages show it: what, where, by whom, when, and where it stands.</summary>
public sealed record ReviewView(ReviewRequest Review, string Label, string Noun, string Region, string RegionName, string EditUrl)
{
    /// <summary>The review page's address: /staff/reviews/{region or "all"}/{id}.</summary>
    public string Url => $"/staff/reviews/{Region}/{Review.Id}";

    public string StateText => StateName(Review.State);

    public static string StateName(ReviewState state) => state switch
    {
        ReviewState.Submitted => "待审核",
        ReviewState.Returned => "已退回修改",
        ReviewState.Scheduled => "定时发布",
        ReviewState.Published => "已发布",
        _ => "提交后又修改，需重新提交",
    };

    /// <summary>Describes a submission of <paramref name="record"/> (whose versions are loaded) for the lists and pages.</summary>
    public static ReviewView Of(ReviewRequest review, PolicyRecord record, PolicySnapshot current)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(record);
        var version = record.Versions.FirstOrDefault(v => v.Id == review.VersionId) ?? RecordEditor.Latest(record);
        return new(review, StaffRecords.Label(record, version.Payload, current), StaffRecords.Noun(record.Kind), StaffRecords.RegionSegment(record),
            StaffRecords.RegionName(record, current), StaffRecords.EditUrl(record));
    }
}

/// <summary>How the staff pages name and address any record, whatever its kind.</summary>
public static class StaffRecords
{
    /// <summary>The region segment of staff URLs for a record: its region, or "all" for records of every region (sources).</summary>
    public static string RegionSegment(PolicyRecord record) => record?.RegionSlug ?? EditableKind.Everywhere;

    public static string Noun(RecordKind kind) => (kind as EditableKind)?.Noun ?? "页面";

    public static string RegionName(PolicyRecord record, PolicySnapshot current) =>
        record?.RegionSlug is { } slug ? current?.FindRegion(slug)?.Name ?? slug : "所有地区（来源）";

    /// <summary>The name staff recognise: a page's title, a parameter's label, a disagreement's topic, a source's title.</summary>
    public static string Label(PolicyRecord record, string payload, PolicySnapshot current)
    {
        ArgumentNullException.ThrowIfNull(record);
        if ((record.Kind as EditableKind) is { } yaml)
        {
            var (region, key) = yaml.Split(record.Key);
            return yaml == RecordKind.Source ? Payloads.Deserialize<Source>(payload).Title : yaml.Label(current, region, key);
        }
        return Payloads.Deserialize<ContentPage>(payload).Title;
    }

    public static string EditUrl(PolicyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if ((record.Kind as EditableKind) is { } yaml)
        {
            var (region, key) = yaml.Split(record.Key);
            return yaml.EditUrl(region, key);
        }
        var parts = record.Key.Split('/', 3);
        return new ContentKey(parts[0], parts[1], parts.Length > 2 ? parts[2] : null).Url;
    }

    /// <summary>A version as the text staff compare: a page's title, sources, date and body; a parameter's, disagreement's or source's YAML.</summary>
    public static string Text(RecordKind kind, PolicyRecordVersion version, PolicySnapshot current)
    {
        ArgumentNullException.ThrowIfNull(version);
        if ((kind as EditableKind) is { } yaml)
        {
            return version.DraftText ?? yaml.Render(current, version.Payload);
        }
        var page = Payloads.Deserialize<ContentPage>(version.Payload);
        return $"标题: {page.Title}\n来源: {string.Join(", ", page.SourceIds)}\n核实: {page.LastVerified:yyyy-MM-dd}\n\n{page.Markdown}";
    }
}

/// <summary>The review lists of the staff home: 待审核 and 定时发布 for publishers, 我的草稿 for everyone.</summary>
public sealed record ReviewLists(IReadOnlyList<ReviewView> Waiting, IReadOnlyList<ReviewView> Scheduled, IReadOnlyList<MyDraft> MyDrafts, bool ShowsPublisherLists);

/// <summary>A draft its author is working on, with where its latest submission stands (if any).</summary>
public sealed record MyDraft(string Label, string Noun, string RegionName, string EditUrl, PolicyRecordVersion Draft, ReviewView? Latest)
{
    /// <summary>Where the draft stands: not submitted, waiting, scheduled, returned with a comment, or edited after submission.</summary>
    public string StateText => Latest switch
    {
        null => "草稿（未提交审核）",
        { Review.State: ReviewState.Published } => "草稿（未提交审核）",
        { Review.State: ReviewState.Returned } => "已退回修改",
        { Review.State: ReviewState.Withdrawn } => "草稿（提交后又修改，需重新提交）",
        var open => open.StateText,
    };
}
