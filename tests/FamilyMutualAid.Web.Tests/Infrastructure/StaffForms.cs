using AngleSharp.Dom;

namespace FamilyMutualAid.Web.Tests.Infrastructure;

/// <summary>Posts the YAML editor form of a staff page (parameters, disagreements, sources) as a browser would.</summary>
public static class StaffForms
{
    public static async Task<HttpResponseMessage> PostYamlAsync(HttpClient client, IDocument page, string url, string handler, string yaml)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(page);
        var form = page.QuerySelector("form.editor")!;
        var fields = new Dictionary<string, string>
        {
            ["Yaml"] = yaml,
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        };
        if (form.QuerySelector("input[name=BaseStamp]") is { } stamp)
        {
            fields["BaseStamp"] = stamp.GetAttribute("value")!;
        }
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync($"{url}?handler={handler}", content);
    }
}
