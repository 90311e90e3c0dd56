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

/// <summary>The fields a browser would post from a staff form: text, hidden, ticked boxes and radios, chosen options, text areas.</summary>
public sealed class FormFields
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    public FormFields(IElement form)
    {
        ArgumentNullException.ThrowIfNull(form);
        foreach (var element in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = element.GetAttribute("name")!;
            var type = element.GetAttribute("type");
            if (element.LocalName == "textarea")
            {
                _fields.Add(new(name, element.TextContent));
            }
            else if (element.LocalName == "select")
            {
                var option = element.QuerySelector("option[selected]") ?? element.QuerySelector("option");
                _fields.Add(new(name, option?.GetAttribute("value") ?? ""));
            }
            else if (type is "checkbox" or "radio")
            {
                if (element.HasAttribute("checked"))
                {
                    _fields.Add(new(name, element.GetAttribute("value") ?? "on"));
                }
            }
            else if (type != "submit")
            {
                _fields.Add(new(name, element.GetAttribute("value") ?? ""));
            }
        }
    }

    /// <summary>Replaces every value posted under the name (none: as an unticked box).</summary>
    public FormFields Set(string name, params string[] values)
    {
        _fields.RemoveAll(f => f.Key == name);
        _fields.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
        return this;
    }

    public IReadOnlyList<string> Values(string name) => [.. _fields.Where(f => f.Key == name).Select(f => f.Value)];

    public Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string handler) => PostAsync(client, $"{url}?handler={handler}");

    /// <summary>Posts the fields to <paramref name="action"/>, a form's action as the page gives it.</summary>
    public async Task<HttpResponseMessage> PostAsync(HttpClient client, string action)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var content = new FormUrlEncodedContent(_fields);
        return await client.PostAsync(action, content);
    }
}
