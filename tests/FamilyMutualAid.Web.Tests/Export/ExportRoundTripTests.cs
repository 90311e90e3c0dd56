using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Tests.Infrastructure;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Export;

/// <summary>Exporting the repository's real seeds and content and reading the files back gives the same data.</summary>
public sealed class ExportRoundTripTests : IDisposable
{
    private readonly ExportTarget _folder = new();

    public void Dispose() => _folder.Dispose();

    private static PolicySnapshot RealData()
    {
        var set = PolicyFileReader.Read(Repository.Seeds, Repository.Content);
        Assert.Empty(PolicyImporter.Validate(set));
        return set.ToSnapshot();
    }

    [Fact]
    public async Task Exported_real_data_reads_back_record_by_record()
    {
        var original = RealData();

        await _folder.ExportAsync(original);
        var set = _folder.Read();

        Assert.Empty(PolicyImporter.Validate(set));
        var exported = set.ToSnapshot();
        Assert.Empty(SnapshotDifferences.Between(original, exported));
        Assert.Equal(original.Regions.Length, exported.Regions.Length);
        Assert.Equal(original.Sources.Length, exported.Sources.Length);
        Assert.Equal(original.Definitions.Select(d => d.Key), exported.Definitions.Select(d => d.Key));
        Assert.Equal(original.Parameters.Sum(p => p.Values.Length), exported.Parameters.Sum(p => p.Values.Length));
        Assert.Equal(original.Pages.Length, exported.Pages.Length);
        foreach (var group in original.Vocabulary.Groups.Keys)
        {
            Assert.Equal(original.Vocabulary.Terms(group), exported.Vocabulary.Terms(group));
        }
    }

    [Fact]
    public async Task The_round_trip_covers_channels_disputed_codes_unconfirmed_and_ended_values()
    {
        // Guards the test above against passing on thin data: the real files use every kind of field.
        var original = RealData();

        await _folder.ExportAsync(original);
        var exported = _folder.Read().ToSnapshot();

        var channel = Assert.Single(exported.Pages, p => p is { RegionSlug: "shanghai", Channel: "suishenban" });
        Assert.Equal(ChannelMode.Online, channel.Mode);
        Assert.Equal(original.FindPage("shanghai", "channel/suishenban")!.Markdown, channel.Markdown);
        Assert.Contains("## 步骤", channel.Markdown, StringComparison.Ordinal);
        Assert.Equal(["pharmacy"], exported.Disagreements.Single(d => d.Id == "shanghai-pharmacy").Codes.AsEnumerable());
        var scope = exported.FindParameter("shanghai", "sharing_scope")!.Values[^1];
        Assert.True(scope.Unconfirmed);
        Assert.True(scope.Reported);
        Assert.Equal(new DateOnly(2026, 1, 8), scope.Until);
        var extension = exported.FindParameter("national", "relatives")!.Values[1];
        Assert.True(extension.LocalAdoption);
        Assert.Equal(["other"], ((ListValue)extension.Value).Excluded.AsEnumerable());
        Assert.Equal(2, exported.Disagreements.Single(d => d.Id == "relatives-scope").Decisions.Length);
        Assert.Equal(new DateOnly(2025, 4, 1), exported.Disagreements.Single(d => d.Id == "shanghai-pharmacy").Decisions.Single().From);
        Assert.Contains(exported.Sources, s => s.DateNote is not null);
        Assert.Contains(exported.Sources, s => s.Date is null);
        Assert.Contains(exported.Parameters.SelectMany(p => p.Values), v => v.Value is NumberValue);
        Assert.Contains(exported.Parameters.SelectMany(p => p.Values), v => v.Value is FlagValue);
        Assert.Contains(exported.Parameters.SelectMany(p => p.Values), v => v.Value is TextValue);
        Assert.Equal(
            ["spouse", "parent", "child", "sibling", "grandparent", "grandchild", "other"],
            exported.Vocabulary.Terms("relationship").Select(t => t.Code));
    }

    [Fact]
    public async Task Files_are_laid_out_as_the_importer_expects()
    {
        await _folder.ExportAsync(RealData());

        var files = _folder.Files().Keys.ToList();
        Assert.Contains("seeds/sources.yaml", files);
        Assert.Contains("seeds/regions.yaml", files);
        Assert.Contains("seeds/vocabulary.yaml", files);
        Assert.Contains("seeds/parameters.yaml", files);
        Assert.Contains("seeds/policy/shanghai.yaml", files);
        // One file per region with values or disagreements of its own, and none for the others.
        var original = RealData();
        Assert.Equal(
            original.Regions.Where(r => original.ParametersOf(r.Slug).Any() || original.Disagreements.Any(d => d.RegionSlug == r.Slug)).Select(r => $"seeds/policy/{r.Slug}.yaml").Order(StringComparer.Ordinal),
            files.Where(f => f.StartsWith("seeds/policy/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains("seeds/policy/tianjin.yaml", files); // a province whose only values come from the national lists
        Assert.Contains("content/shanghai/overview.md", files);
        Assert.Contains("content/shanghai/channels/suishenban.md", files);
        var channel = _folder.Text("content/shanghai/channels/suishenban.md");
        Assert.StartsWith("---\ntitle: ", channel, StringComparison.Ordinal);
        Assert.Contains("\nkind: channel\nmode: online\n", channel, StringComparison.Ordinal);
        var shanghai = _folder.Text("seeds/policy/shanghai.yaml");
        Assert.Contains("\nregion: shanghai\nparameters:\n  relatives:\n    values:\n      2022-07-04:\n        value: [spouse, parent, child]\n", shanghai, StringComparison.Ordinal);
        Assert.Contains("      2025-04-01:\n        value: [hospital, pharmacy, resident_premium, commercial_insurance]\n", shanghai, StringComparison.Ordinal);
        Assert.Contains("    codes: [pharmacy]\n", shanghai, StringComparison.Ordinal);
        Assert.Contains("national: {name: 全国, level: national}\n", _folder.Text("seeds/regions.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exporting_twice_gives_identical_files_and_the_second_export_writes_nothing()
    {
        var snapshot = RealData();
        using var other = new ExportTarget();

        await _folder.ExportAsync(snapshot);
        var first = _folder.Files();
        var again = await _folder.ExportAsync(snapshot);
        await other.ExportAsync(RealData());

        Assert.Empty(again.Written);
        Assert.Empty(again.Deleted);
        Assert.Equal(first.Count, again.Unchanged);
        Assert.Equal(first, _folder.Files());
        Assert.Equal(first, other.Files());
    }

    [Fact]
    public async Task Export_replaces_its_own_files_removes_unpublished_ones_and_leaves_other_files_alone()
    {
        _folder.Write("seeds/README.md", "# keep me\n");
        _folder.Write("seeds/policy/gone.yaml", "region: gone\n");
        _folder.Write("content/gone/channels/old.md", "---\n");
        _folder.Write("content/shanghai/overview.md", "stale\n");
        _folder.Write("content/shanghai/map.png", "not markdown");

        var report = await _folder.ExportAsync(RealData());

        Assert.Equal("# keep me\n", _folder.Text("seeds/README.md"));
        Assert.Equal("not markdown", _folder.Text("content/shanghai/map.png"));
        Assert.False(_folder.Exists("seeds/policy/gone.yaml"));
        Assert.False(_folder.Exists("content/gone"));
        Assert.Equal(["content/gone/channels/old.md", "seeds/policy/gone.yaml"], report.Deleted.Order(StringComparer.Ordinal));
        Assert.Contains("content/shanghai/overview.md", report.Written);
        Assert.StartsWith("---\n", _folder.Text("content/shanghai/overview.md"), StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.EnumerateDirectories(_folder.Root), d => Path.GetFileName(d).StartsWith(".export-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_export_leaves_the_old_files_untouched()
    {
        var snapshot = RealData();
        await _folder.ExportAsync(snapshot);
        var before = _folder.Files();
        var page = snapshot.FindPage("shanghai", "overview")!;
        var broken = new PolicySnapshot(
            snapshot.Regions, snapshot.Sources, snapshot.Definitions, snapshot.Parameters, snapshot.Disagreements,
            snapshot.Pages.Select(p => p == page ? p with { SourceIds = [.. p.SourceIds, "no-such-source"] } : p),
            snapshot.Vocabulary);

        var report = await PolicyExporter.ExportAsync(broken, _folder.Seeds, _folder.Content, CancellationToken.None);

        Assert.False(report.Succeeded);
        Assert.Contains(report.Problems, p => p.Contains("content/shanghai/overview.md", StringComparison.Ordinal) && p.Contains("no-such-source", StringComparison.Ordinal));
        Assert.Empty(report.Written);
        Assert.Equal(before, _folder.Files());
    }

    [Fact]
    public async Task Nothing_published_is_refused_rather_than_emptying_the_folders()
    {
        await _folder.ExportAsync(RealData());
        var before = _folder.Files();

        var report = await PolicyExporter.ExportAsync(PolicySnapshot.Empty, _folder.Seeds, _folder.Content, CancellationToken.None);

        Assert.False(report.Succeeded);
        Assert.Equal(before, _folder.Files());
    }

    [Fact]
    public void Differences_name_the_record_that_changed()
    {
        var original = RealData();
        var pharmacy = original.Disagreements.Single(d => d.Id == "shanghai-pharmacy");
        var page = original.FindPage("shanghai", "channel/suishenban")!;
        var changed = new PolicySnapshot(
            original.Regions, original.Sources, original.Definitions, original.Parameters,
            original.Disagreements.Select(d => d == pharmacy ? d with { Codes = ["hospital"] } : d),
            original.Pages.Where(p => p != page).Append(page with { Markdown = page.Markdown + "x" }),
            original.Vocabulary with { Order = original.Vocabulary.Order!.SetItem("relationship", ["parent", "spouse", "child", "sibling", "grandparent", "grandchild", "other"]) });

        var differences = SnapshotDifferences.Between(original, changed);

        Assert.Equal(3, differences.Count);
        Assert.Contains(differences, d => d.StartsWith("disagreement shanghai/shanghai-pharmacy differs", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("page shanghai/channel/suishenban differs", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("vocabulary relationship differs", StringComparison.Ordinal));
    }
}
