using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Data;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>The rules of the source form, each problem in Chinese beside its field (named under <c>prefix</c>).</summary>
public static class SourceForm
{
    public const string DateFormats = "2024-10-01、2024.10.01、2024/10/1 或 2024年10月1日";

    private const int LongText = 2000;
    private const int ShortText = 300;

    /// <param name="hasFile">Whether the source is one of the repository's documents (then it needs no publisher: the file says where it is from).</param>
    public static IEnumerable<FieldProblem> Problems(TypedSource typed, string prefix, DateOnly today, StaffUser staff, PolicySnapshot current, bool hasFile = false)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(current);
        string F(string name) => $"{prefix}.{name}";
        if (string.IsNullOrWhiteSpace(typed.Title))
        {
            yield return new(F(nameof(typed.Title)), "请填写标题，照资料上写的抄下来。");
        }
        if (string.IsNullOrWhiteSpace(typed.Publisher) && !hasFile)
        {
            yield return new(F(nameof(typed.Publisher)), "请填写原发布者，例如“江苏省医疗保障局”；转载的资料写原来发布它的单位或媒体。");
        }
        foreach (var (name, text, limit) in new[]
        {
            (nameof(typed.Title), typed.Title, ShortText), (nameof(typed.Publisher), typed.Publisher, ShortText),
            (nameof(typed.SeenAt), typed.SeenAt, ShortText), (nameof(typed.DateNote), typed.DateNote, LongText), (nameof(typed.Note), typed.Note, LongText),
        })
        {
            if (text?.Length > limit)
            {
                yield return new(F(name), $"太长了：最多 {limit} 个字，现在有 {text.Length} 个。");
            }
        }
        var hasDate = !string.IsNullOrWhiteSpace(typed.Date);
        if (typed.NoDate)
        {
            if (hasDate)
            {
                yield return new(F(nameof(typed.Date)), "已勾选“没有日期”：请清空日期，或取消勾选。");
            }
            if (string.IsNullOrWhiteSpace(typed.DateNote))
            {
                yield return new(F(nameof(typed.DateNote)), "没有日期时，请写下对日期所知道的，例如“页面没有日期，2026年11月查看时已发布”。");
            }
        }
        else if (!hasDate)
        {
            yield return new(F(nameof(typed.Date)), $"请填写原发布日期，例如 {DateFormats}；资料上没有日期时，勾选“没有日期”。");
        }
        else if (TypedDate.Parse(typed.Date) is not { } date)
        {
            yield return new(F(nameof(typed.Date)), $"看不懂这个日期“{typed.Date!.Trim()}”：请写成 {DateFormats}。");
        }
        else if (date > today)
        {
            yield return new(F(nameof(typed.Date)), $"这个日期在今天（{today.Year}年{today.Month}月{today.Day}日）之后：请填写资料上写的发布日期。");
        }
        if (typed.TierValue is null)
        {
            yield return new(F(nameof(typed.Tier)), "请选择资料的类型。");
        }
        if (!string.IsNullOrWhiteSpace(typed.Region))
        {
            var slug = typed.Region.Trim();
            if (current.FindRegion(slug) is null)
            {
                yield return new(F(nameof(typed.Region)), "没有这个地区，请从列表中选择。");
            }
            else if (!staff.MayWorkOn(slug))
            {
                yield return new(F(nameof(typed.Region)), "您只能选择自己负责的地区，或选“全国或不限地区”。");
            }
        }
    }

    /// <summary>The regions this user may say a source is about: theirs, or all when they have no limit.</summary>
    public static IReadOnlyList<Region> RegionsFor(StaffUser staff, PolicySnapshot current)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(current);
        return [.. current.Regions.Where(r => r.Level != RegionLevel.National && staff.MayWorkOn(r.Slug))];
    }
}

/// <summary>The source form's fields for the _SourceFields partial: what was typed, its problems by field, the regions to offer.</summary>
public sealed record SourceFieldsView(string Prefix, TypedSource Typed, Func<string, string?> ProblemOf, IReadOnlyList<Region> Regions);
