using FamilyMutualAid.Rules;

namespace FamilyMutualAid.Web.Content;

/// <summary>
/// A content page: content/&lt;region&gt;/&lt;kind&gt;.md, or content/&lt;region&gt;/channels/&lt;channel&gt;.md for a
/// binding channel; YAML front matter, then the Markdown body.
/// </summary>
public sealed class PageKind : RecordKind
{
    internal PageKind()
        : base("content")
    {
    }

    public static List<ContentPage> In(ImportSet set) => set.Pages;

    public override IEnumerable<StoredRecord> Store(ImportSet records) => Stored(In(records), p => $"{p.RegionSlug}/{p.Key}", p => p.RegionSlug);

    public override void Load(ImportSet records, string payload) => In(records).Add(Payloads.Deserialize<ContentPage>(payload));

    /// <summary>The file of a page inside content/, '/'-separated.</summary>
    public static string PathOf(ContentPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Channel is null ? $"{page.RegionSlug}/{page.Kind}.md" : $"{page.RegionSlug}/channels/{page.Channel}.md";
    }

    /// <summary>Reads one page file of <paramref name="region"/>, named <paramref name="fileName"/>, from its folder or from its channels/ folder.</summary>
    internal static void Read(ImportSet set, YamlFields y, string region, string fileName, bool inChannels, string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            y.Problem(1, "front matter", "the page must start with a '---' line and YAML front matter");
            return;
        }
        var end = text.IndexOf("\n---\n", 3, StringComparison.Ordinal);
        if (end < 0)
        {
            y.Problem(1, "front matter", "the front matter has no closing '---' line");
            return;
        }
        var front = y.ParseMapping(text[4..(end + 1)]);
        if (front is null)
        {
            return;
        }
        y.RejectUnknownFields(front, inChannels ? ["title", "kind", "mode", "sources", "last_verified"] : ["title", "kind", "sources", "last_verified"]);
        var title = y.RequiredString(front, "title");
        var kind = y.RequiredString(front, "kind");
        var sources = y.StringList(front, "sources", required: true);
        var verified = y.RequiredDate(front, "last_verified");
        var mode = inChannels ? y.RequiredEnum<ChannelMode>(front, "mode") : null;
        var body = text[(end + 5)..];
        var bodyLine = text[..(end + 5)].Count(c => c == '\n') + 1;
        var channel = inChannels ? Path.GetFileNameWithoutExtension(fileName) : null;
        if (inChannels && kind is not null && kind != ContentPage.ChannelKind)
        {
            y.Problem(YamlFields.Child(front, "kind")!, "kind", $"a file under channels/ must have kind '{ContentPage.ChannelKind}'");
        }
        else if (kind is not null && !inChannels && !ContentKinds.All.Contains(kind))
        {
            y.Problem(YamlFields.Child(front, "kind")!, "kind", $"unknown kind '{kind}': expected one of {string.Join(", ", ContentKinds.All)}");
        }
        else if (kind is not null && !inChannels && kind != Path.GetFileNameWithoutExtension(fileName))
        {
            y.Problem(YamlFields.Child(front, "kind")!, "kind", $"'{kind}' does not match the file name '{fileName}'");
        }
        if (channel is not null && !ContentKinds.IsChannelId(channel))
        {
            y.Problem(1, "channel", $"'{channel}' is not a valid channel id: name the file with lower-case letters, digits and '-' (at most 40)");
        }
        if (channel is not null)
        {
            foreach (var (line, message) in ChannelSections.Problems(body))
            {
                y.Problem(bodyLine + line, "section", message);
            }
        }
        if (title is null || kind is null || sources is null || verified is null || (inChannels && mode is null))
        {
            return;
        }
        var page = new ContentPage(region, kind, title, body, [.. sources], verified.Value) { Channel = channel, Mode = mode };
        var subject = PolicyValidator.PageSubject(region, page.Key);
        set.Locate(subject, "", new FileLocation(y.File, 1));
        set.Locate(subject, "sources", y.At(YamlFields.Child(front, "sources")!));
        set.Locate(subject, "region", new FileLocation(y.File, 1));
        set.Locate(subject, "body", new FileLocation(y.File, bodyLine));
        set.Pages.Add(page);
    }

    /// <summary>The page's file text: front matter, then the body as stored.</summary>
    internal static string Write(ContentPage page)
    {
        var front = YamlOut.Mapping();
        front.AddField("title", page.Title);
        front.AddField("kind", page.Kind);
        if (page.Mode is { } mode)
        {
            front.AddField("mode", Codes.Of(mode));
        }
        front.AddField("sources", YamlOut.List(page.SourceIds));
        front.AddField("last_verified", YamlOut.Date(page.LastVerified));
        return "---\n" + YamlOut.Render(front) + "---\n" + page.Markdown;
    }

    internal static ContentPage AsWritten(ContentPage page) => page with
    {
        Title = Written.Required(page.Title),
        Markdown = page.Markdown.Replace("\r\n", "\n", StringComparison.Ordinal),
        SourceIds = Written.Items(page.SourceIds),
    };

    public override (PolicySnapshot Whole, string Subject)? Put(PolicySnapshot current, string payload, bool keep)
    {
        ArgumentNullException.ThrowIfNull(current);
        var record = Payloads.Deserialize<ContentPage>(payload);
        var others = current.Pages.Where(p => !(p.RegionSlug == record.RegionSlug && p.Key == record.Key));
        return (new PolicySnapshot(current.Regions, current.Sources, current.Definitions, current.Parameters, current.Disagreements, others.Concat(keep ? [record] : []), current.Vocabulary), PolicyValidator.PageSubject(record.RegionSlug, record.Key));
    }
}
