using System.Text.RegularExpressions;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Content;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>The Chinese names staff pages show for roles, audit actions and version statuses (the codes stay in the data).</summary>
public static partial class StaffText
{
    private static readonly Dictionary<string, string> Roles = new(StringComparer.Ordinal)
    {
        [StaffRoles.Editor] = "编辑（保存草稿）",
        [StaffRoles.Publisher] = "发布人（审核并发布）",
        [StaffRoles.Admin] = "管理员（管理人员和角色）",
    };

    private static readonly Dictionary<string, string> Actions = new(StringComparer.Ordinal)
    {
        [AuditActions.SignIn] = "登录",
        [AuditActions.SignInFailed] = "登录失败",
        [AuditActions.LockedOut] = "账户被锁定",
        [AuditActions.SignOut] = "退出登录",
        [AuditActions.PasswordChanged] = "修改密码",
        [AuditActions.UserCreated] = "新建账户",
        [AuditActions.RoleGranted] = "授予角色",
        [AuditActions.RoleRevoked] = "撤销角色",
        [AuditActions.RegionsChanged] = "修改可处理的地区",
        [AuditActions.Edit] = "保存草稿",
        [AuditActions.Publish] = "发布",
        [AuditActions.Rollback] = "回滚",
        [AuditActions.Retire] = "停用",
        [AuditActions.Import] = "导入文件",
        [AuditActions.ReviewSubmitted] = AuditActions.Label(AuditActions.ReviewSubmitted),
        [AuditActions.ReviewApproved] = AuditActions.Label(AuditActions.ReviewApproved),
        [AuditActions.ReviewReturned] = AuditActions.Label(AuditActions.ReviewReturned),
        [AuditActions.ReviewWithdrawn] = AuditActions.Label(AuditActions.ReviewWithdrawn),
        [AuditActions.PublishScheduled] = AuditActions.Label(AuditActions.PublishScheduled),
        [AuditActions.ScheduleCancelled] = AuditActions.Label(AuditActions.ScheduleCancelled),
        [AuditActions.ScheduledPublishFailed] = AuditActions.Label(AuditActions.ScheduledPublishFailed),
    };

    /// <summary>Every audit action with its Chinese name, for the audit log's filter.</summary>
    public static IEnumerable<(string Code, string Name)> AllActions => Actions.Select(a => (a.Key, a.Value));

    /// <summary>Roles in the order editor, publisher, admin (any other last), whatever order the store returns them in.</summary>
    public static List<string> InOrder(IEnumerable<string> roles) =>
        [.. roles.OrderBy(role => StaffRoles.All.Contains(role) ? StaffRoles.All.ToList().IndexOf(role) : int.MaxValue)];

    /// <summary>A role's Chinese name; a role added later without one shows its code.</summary>
    public static string Role(string role) => Roles.GetValueOrDefault(role ?? "", role ?? "");

    /// <summary>A role's short Chinese name (编辑, 发布人, 管理员).</summary>
    public static string RoleShort(string role) => Role(role) is var name && name.IndexOf('（', StringComparison.Ordinal) is > 0 and var at ? name[..at] : name;

    private static readonly Dictionary<string, string> PageKinds = new(StringComparer.Ordinal)
    {
        ["overview"] = "概览",
        ["faq"] = "常见问题",
        ["binding"] = "办理指南",
        ["cross-region"] = "异地共济",
        ["family-account"] = "亲情账户与家庭共济",
        ["fund-usage"] = "共济资金能付什么",
        [ContentPage.ChannelKind] = "办理渠道",
    };

    /// <summary>A page's kind as officers name it (overview → 概览; a channel's page → 办理渠道); a kind added later without a name shows its code.</summary>
    public static string PageKindName(string kind) =>
        PageKinds.GetValueOrDefault(kind ?? "") ?? (kind?.StartsWith(ContentPage.ChannelKind + "/", StringComparison.Ordinal) == true ? PageKinds[ContentPage.ChannelKind] : kind ?? "");

    /// <summary>Who wrote a version or did an audited thing: a staff member's e-mail, or 从文件导入 for the importer.</summary>
    public static string Author(string author) => author == Publishing.PolicyImporter.ImportAuthor ? "从文件导入" : author;

    public static string Action(string action) => Actions.GetValueOrDefault(action ?? "") ?? AuditActions.Label(action ?? "");

    public static string Status(VersionStatus status) => status switch
    {
        VersionStatus.Draft => "草稿",
        VersionStatus.Published => "已发布",
        VersionStatus.Retired => "已取代",
        _ => status.ToString(),
    };

    /// <summary>What an audit entry or version is about, as residents name it: region and the rule's label, the topic, the page's or source's title.</summary>
    public static string Subject(PolicySnapshot current, string? subject)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (subject is null || subject.IndexOf(':', StringComparison.Ordinal) is not (> 0 and var colon))
        {
            return subject ?? "";
        }
        var (kind, key) = (RecordKind.All.FirstOrDefault(k => k.Code == subject[..colon]), subject[(colon + 1)..]);
        if (kind is SourceKind)
        {
            return "来源 · " + (current.FindSource(key)?.Title ?? key);
        }
        var parts = key.Split('/');
        var region = current.FindRegion(parts[0])?.Name ?? parts[0];
        var rest = parts.Length > 1 ? string.Join('/', parts[1..]) : "";
        return kind switch
        {
            ParameterKind => $"规则 · {region} · {current.FindDefinition(rest)?.Label ?? rest}",
            DisagreementKind => $"分歧 · {region} · {current.Disagreements.FirstOrDefault(d => d.RegionSlug == parts[0] && d.Id == rest)?.Topic ?? rest}",
            PageKind => $"页面 · {region} · {PageTitle(current, parts) ?? rest}",
            _ => subject,
        };
    }

    /// <summary>An audit entry's or version's note in Chinese: version numbers, rollbacks, roles and regions by name.</summary>
    public static string Detail(PolicySnapshot current, string action, string? detail)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (string.IsNullOrEmpty(detail))
        {
            return "";
        }
        if (action is AuditActions.RoleGranted or AuditActions.RoleRevoked)
        {
            return RoleShort(detail);
        }
        if (action == AuditActions.RegionsChanged)
        {
            return detail == "all" ? "全部地区" : string.Join("、", detail.Split(',').Select(slug => current.FindRegion(slug)?.Name ?? slug));
        }
        var text = detail switch { "created" => "新建", "imported from files" => "从文件导入", _ => detail };
        text = WithRecord().Replace(text, match => "，随" + Subject(current, match.Groups[1].Value) + "一起");
        text = RollbackTo().Replace(text, "回滚到第 $1 版");
        text = FromVersion().Replace(text, "从第 $1 版");
        text = Submission().Replace(text, "第 $1 次提交");
        text = text.Replace(", was at ", "，原定于 ", StringComparison.Ordinal).Replace(", at ", "，定于 ", StringComparison.Ordinal);
        return VersionNumber().Replace(text, "第 $1 版").Replace(", ", "，", StringComparison.Ordinal);
    }

    /// <summary>
    /// A problem the file reader found in YAML staff typed, in Chinese with what to fix (the reader's own messages are
    /// English, for the files' maintainers): "第 5 行 tier: 不认识的值“rumour”……".
    /// </summary>
    public static string YamlProblem(string problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        foreach (var (pattern, chinese) in YamlMessages)
        {
            var match = pattern.Match(problem);
            if (match.Success)
            {
                return problem[..match.Index] + match.Result(chinese);
            }
        }
        return problem;
    }

    private static readonly (Regex Pattern, string Chinese)[] YamlMessages =
    [
        (new(@"the file is empty$"), "内容是空的。"),
        (new(@"expected a mapping of keys to values at the top level$"), "第一行应是编号加冒号（例如 jiangsu-notice:），下面每行缩进两个空格写一个字段。"),
        (new(@"is required$"), "必须填写。"),
        (new(@"bad date '(.*)': expected YYYY-MM-DD$"), "看不懂日期“$1”，请写成 2024-10-01 这样。"),
        (new(@"unknown value '(.*)': expected one of (.*)$"), "不认识的值“$1”，只能写其中之一：$2。"),
        (new(@"unknown field: expected one of (.*)$"), "没有这个字段，可以写的字段：$1。"),
        (new(@"expected a mapping$"), "这里应在下面缩进写它的各个字段。"),
        (new(@"expected a text value$"), "这里应写一段文字。"),
        (new(@"expected a text item$"), "列表里的每一项应是一段文字。"),
        (new(@"expected a list, e\.g\. \[a, b\]$"), "这里应写一个列表，例如 [a, b]。"),
        (new(@"expected true or false$"), "只能写 true（是）或 false（否）。"),
        (new(@"'(.*)' is not a valid (\w+): use lower-case letters, digits and '-'$"), "“$1”不能作编号：只能用小写英文字母、数字和“-”。"),
        (new(@"a source needs a file or a publisher$"), "请写 publisher（原发布者）。"),
        (new(@"a source without a date needs a date_note.*$"), "没有 date（日期）时，请写 date_note，说明对日期所知道的。"),
        (new(@"a key must be plain text.*$"), "编号和字段名只能是普通文字。"),
    ];

    private static string? PageTitle(PolicySnapshot current, string[] parts) => parts switch
    {
        [var region, var kind] => current.FindPage(region, kind)?.Title,
        [var region, _, var channel] => current.Pages.FirstOrDefault(p => p.RegionSlug == region && p.Channel == channel)?.Title,
        _ => null,
    };

    [GeneratedRegex(@"(?:^|, )with ([a-z]+:\S+)$")]
    private static partial Regex WithRecord();

    [GeneratedRegex(@"^rollback to version (\d+)$")]
    private static partial Regex RollbackTo();

    [GeneratedRegex(@"^from version (\d+)$")]
    private static partial Regex FromVersion();

    [GeneratedRegex(@"\bsubmission (\d+)")]
    private static partial Regex Submission();

    [GeneratedRegex(@"\bversion (\d+)")]
    private static partial Regex VersionNumber();
}
