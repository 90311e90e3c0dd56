using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Tests.Infrastructure;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Export;

/// <summary>Texts that YAML would misread unless quoted come back exactly, and the files stay readable.</summary>
public sealed class ExportSpecialTextTests : IDisposable
{
    private const string Colon = "键: 值 # 不是注释";
    private const string Dash = "- 开头的横线";
    private const string Quotes = "他说\"可以\"，她说'不行'";
    private const string Lines = "第一行: 冒号\n- 第二行像列表\n# 第三行像注释";
    private const string Symbols = "{花括号} [方括号] & * ! | > % @ `反引号`";
    private const string Counter = "---\n到窗口办理: 带上证件 [来源](/sources#src-a)\n\n## 步骤\n1. 取号 # 不是注释\n\n## 带齐这些材料\n- \"身份证\"\n";

    private readonly TestDataset _data = new();
    private readonly ExportTarget _folder = new();

    public void Dispose()
    {
        _data.Dispose();
        _folder.Dispose();
    }

    /// <summary>The small test dataset with awkward texts in every kind of text field, and a text value that looks like a number.</summary>
    private PolicySnapshot AwkwardSnapshot()
    {
        var set = PolicyFileReader.Read(_data.Seeds, _data.Content);
        Assert.Empty(PolicyImporter.Validate(set));
        var s = set.ToSnapshot();
        var note = new ParameterDefinition("fee_note", Colon, ParameterType.Text, null, null);
        var notes = new PolicyParameter("beta", "fee_note",
        [
            new(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), new TextValue("50"), ["src-a"], Lines, Unconfirmed: true),
            new(new DateOnly(2025, 1, 1), null, new TextValue("true"), ["src-a", "src-b"], Quotes, Unconfirmed: false),
            new(new DateOnly(2026, 1, 1), null, new TextValue(Lines), ["src-b"], null, Unconfirmed: true),
        ], new DateOnly(2026, 11, 1));
        return new PolicySnapshot(
            s.Regions.Select(r => r.Slug == "beta" ? r with { Name = Dash } : r),
            s.Sources.Select(x => x.Id == "src-a" ? x with { Title = Quotes, Note = Lines, DateNote = "#约" } : x with { Title = Symbols }),
            s.Definitions.Append(note),
            s.Parameters.Select(p => p.Key == "cap" ? p with { Values = [p.Values[0] with { Value = new NumberValue(0.60m), Note = Symbols }] } : p).Append(notes),
            s.Disagreements.Select(d => d with { Topic = Colon, Claims = [new(Dash, ["src-b"]), new(Lines, ["src-a"])], Decisions = [.. d.Decisions.Select(x => x with { Reason = Quotes })] }),
            s.Pages.Select(p => p with { Title = Colon, Markdown = "正文第一行: 冒号\n\n---\n\n- 列表项 # 不是注释\n\n" + p.Markdown })
                .Append(new ContentPage("alpha", ContentPage.ChannelKind, Dash, Counter, ["src-a"], new DateOnly(2026, 11, 1)) { Channel = "counter", Mode = ChannelMode.Offline }),
            s.Vocabulary with { Groups = s.Vocabulary.Groups.SetItem("relationship", s.Vocabulary.Groups["relationship"].SetItem("parent", Dash)) });
    }

    [Fact]
    public async Task Awkward_texts_survive_the_round_trip()
    {
        var snapshot = AwkwardSnapshot();

        await _folder.ExportAsync(snapshot);
        var set = _folder.Read();

        Assert.Empty(PolicyImporter.Validate(set));
        var exported = set.ToSnapshot();
        Assert.Empty(SnapshotDifferences.Between(snapshot, exported));
        Assert.Equal(Dash, exported.FindRegion("beta")!.Name);
        Assert.Equal(Lines, exported.FindSource("src-a")!.Note);
        Assert.Equal(
            [new TextValue("50"), new TextValue("true"), new TextValue(Lines)],
            exported.FindParameter("beta", "fee_note")!.Values.Select(v => v.Value));
        Assert.Equal("0.60", ((NumberValue)exported.FindParameter("alpha", "cap")!.Values[0].Value).Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([Dash, Lines], exported.Disagreements.Single().Claims.Select(c => c.Text));
        Assert.StartsWith("正文第一行: 冒号\n\n---\n", exported.FindPage("alpha", "overview")!.Markdown, StringComparison.Ordinal);
        Assert.Equal(Dash, exported.Vocabulary.Label("relationship", "parent"));
        var counter = exported.FindPage("alpha", "channel/counter")!;
        Assert.Equal((Dash, ChannelMode.Offline, Counter), (counter.Title, counter.Mode, counter.Markdown));
    }

    [Fact]
    public async Task Chinese_stays_readable_and_numbers_and_look_alike_texts_are_told_apart()
    {
        await _folder.ExportAsync(AwkwardSnapshot());

        var policy = _folder.Text("seeds/policy/beta.yaml");
        Assert.Contains("value: '50'\n", policy, StringComparison.Ordinal);
        Assert.Contains("value: 'true'\n", policy, StringComparison.Ordinal);
        Assert.Contains("note: |-\n          第一行: 冒号\n          - 第二行像列表\n", policy, StringComparison.Ordinal);
        Assert.Contains("value: 0.60\n", _folder.Text("seeds/policy/alpha.yaml"), StringComparison.Ordinal);
        Assert.Contains("beta: {name: '- 开头的横线', level: city, parent: alpha}", _folder.Text("seeds/regions.yaml"), StringComparison.Ordinal);
        Assert.Contains("title: 他说\"可以\"，她说'不行'\n", _folder.Text("seeds/sources.yaml"), StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", _folder.Text("seeds/sources.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blank_optional_texts_are_left_out_and_texts_are_trimmed_as_the_importer_reads_them()
    {
        var s = AwkwardSnapshot();
        var padded = new PolicySnapshot(
            s.Regions, s.Sources.Select(x => x with { Note = "  ", Title = " " + x.Title + "\n" }), s.Definitions, s.Parameters,
            s.Disagreements, s.Pages.Select(p => p with { Markdown = p.Markdown.Replace("\n", "\r\n", StringComparison.Ordinal) }), s.Vocabulary);

        await _folder.ExportAsync(padded);
        var exported = _folder.Read().ToSnapshot();

        Assert.Empty(SnapshotDifferences.Between(PolicyFileForm.Of(padded), exported));
        Assert.All(exported.Sources, x => Assert.Null(x.Note));
        Assert.Equal(Quotes, exported.FindSource("src-a")!.Title);
        Assert.DoesNotContain('\r', exported.FindPage("alpha", "overview")!.Markdown);
        Assert.DoesNotContain("\n  note:", _folder.Text("seeds/sources.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void Rendering_is_repeatable_and_does_not_depend_on_the_order_pages_were_loaded_in()
    {
        var snapshot = AwkwardSnapshot();
        var reordered = new PolicySnapshot(
            snapshot.Regions, snapshot.Sources, snapshot.Definitions, snapshot.Parameters, snapshot.Disagreements,
            snapshot.Pages.Reverse(), snapshot.Vocabulary);

        var first = PolicyFiles.Render(snapshot);

        Assert.Equal(first, PolicyFiles.Render(snapshot));
        Assert.Equal(first, PolicyFiles.Render(reordered));
    }
}
