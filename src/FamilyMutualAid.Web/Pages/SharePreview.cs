using FamilyMutualAid.Web.Hosting;
using FamilyMutualAid.Web.Publishing;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Options;

namespace FamilyMutualAid.Web.Pages;

/// <summary>
/// What a page says about itself to search engines and to a link shared in WeChat or elsewhere: its meta description
/// and Open Graph title, description and picture, worded for each page (a page may set ViewData["Description"]).
/// </summary>
public sealed record SharePreview(string Title, string Description, string Image)
{
    /// <summary>A page of the staff area, which alone loads the staff styles.</summary>
    public bool IsStaffPage { get; private init; }

    public const string DescriptionKey = "Description";
    public const string SiteName = "家庭共济指南";
    private const string ImagePath = "/img/share.png";
    private const string Site = "职工医保个人账户家庭共济指南：按地区说明能和谁共济、用在哪、怎么办，每条说法都注明出处。";

    /// <summary>The page's &lt;title&gt;, which WeChat shows for a shared link: the share title with the site's name.</summary>
    public string DocumentTitle => Title.EndsWith(SiteName, StringComparison.Ordinal) ? Title : Title + " · " + SiteName;

    public static SharePreview For(ViewContext view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var services = view.HttpContext.RequestServices;
        // A stable address (not the fingerprinted one): apps that show the picture keep it by its address.
        var image = PublicAddress.Absolute(services.GetRequiredService<IOptions<FamilyMutualAidOptions>>().Value, ImagePath);
        var title = view.ViewData["Title"] as string ?? SiteName;
        var region = view.RouteData.Values["slug"] is string slug
            ? services.GetRequiredService<PolicySnapshotProvider>().Current.FindRegion(slug)?.Name
            : null;
        var page = (view.ActionDescriptor as CompiledPageActionDescriptor)?.ViewEnginePath;
        var (shareTitle, description) = (page, region) switch
        {
            ("/Index", _) => ("职工医保个人账户家庭共济指南",
                "职工医保个人账户能不能给家人用？按地区查能和谁共济、能付哪些费用、怎么办理绑定，每条说法都注明出处。"),
            ("/Regions/Index", _) => ("选择地区：各地职工医保家庭共济规则",
                "按省份、城市或区县查找职工医保个人账户家庭共济的规则，可用汉字、拼音或拼音首字母搜索。"),
            ("/Regions/Region", { } name) => ($"{name}职工医保家庭共济：和谁、用在哪、怎么办",
                $"{name}职工医保个人账户可以给哪些家人用、能付哪些费用、怎样办理绑定：今天适用的规则，每条注明出处和是否已确认。"),
            ("/Regions/Binding", { } name) => (title,
                $"{name}办理职工医保家庭共济绑定的渠道、步骤和要带的材料，线上线下分别说明。"),
            ("/Regions/History", { } name) => (title,
                $"{name}职工医保家庭共济规则的历次变化：每条规则从哪天起适用、依据哪份资料。"),
            ("/Regions/Checklist", { } name) => (title,
                $"{name}办理家庭共济要带的材料清单，可以打印或截图带去。"),
            ("/Regions/Guide", { } name) => ($"{name} · {title}",
                $"{name}职工医保个人账户家庭共济：{title}。每条说法都注明出处。"),
            ("/Places/Place", _) => ($"{title}职工医保家庭共济：按哪里的规则",
                $"{title}的职工医保家庭共济按哪个地区的规则：能和谁共济、用在哪、怎么办理。"),
            ("/Compare", _) => ("各地职工医保家庭共济规则对比",
                "把几个地区的家庭共济规则并排对比：可以共济的亲属、能付的费用、办理方式，默认只列出各地不同的地方。"),
            ("/Sources/Index", _) => ("家庭共济资料来源",
                "本站引用的每份政策文件和官方问答，各自支撑了哪些说法，哪些说法只有一份资料。"),
            ("/Check/Index", _) => (title,
                "回答几个日常问题，看看您的职工医保个人账户能不能给家人用、有多确定、接下来怎么做。"),
            ("/Check/Result", _) => (title,
                "按回答得出的家庭共济检查结果：能不能共济、有多确定、接下来怎么做，每条理由都注明出处。"),
            ("/Pay/Index", _) => ("一笔医药费怎么用家庭共济付",
                "输入一笔费用，看它怎样在家人自己的个人账户、共济的个人账户和现金之间分摊。"),
            ("/Developers/Api", _) => ("家庭共济数据接口",
                "家庭共济指南的 JSON 数据接口：各地规则、地点查询、共济检查和费用分摊，附说明和示例。"),
            _ => (title, Site),
        };
        return new(shareTitle, view.ViewData[DescriptionKey] as string ?? description, image)
        {
            IsStaffPage = page?.StartsWith("/Staff/", StringComparison.Ordinal) == true,
        };
    }
}
