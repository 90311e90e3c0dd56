using System.Collections.Immutable;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Tests.Export;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Staff;

/// <summary>
/// Staff edits of every kind (a parameter, a new source, a disagreement decision), published, rolled back, then
/// exported and imported into a fresh database: the same data.
/// </summary>
public sealed class StaffRoundTripTests : IDisposable
{
    private const string Editor = "editor@example.org";
    // A site per test: it advances the site's clock.
    private readonly StaffSiteFactory _site = new();
    private readonly TestDatabase _fresh = new();
    private readonly ExportTarget _folder = new();

    public void Dispose()
    {
        _site.Dispose();
        _fresh.Dispose();
        _folder.Dispose();
    }


    private PolicySnapshot Published => _site.Services.GetRequiredService<PolicySnapshotProvider>().Current;

    /// <summary>Saves a draft from the record's current version and publishes it.</summary>
    private async Task<EditResult> EditAndPublishAsync(RecordKind kind, string key, string payload)
    {
        var stamp = await _site.WithDbAsync(db => db.Records.Where(r => r.Kind == kind && r.Key == key).Select(r => r.ConcurrencyStamp).SingleAsync());
        var draft = await _site.WithEditorAsync(editor => editor.SaveDraftAsync(kind, key, stamp, payload, Editor, "round trip", CancellationToken.None));
        Assert.Equal(EditOutcome.Done, draft.Outcome);
        return await _site.WithEditorAsync(editor => editor.PublishAsync(kind, key, draft.Version!.Id, "publisher@example.org", CancellationToken.None));
    }

    private static ImmutableArray<string> Codes(DatedValue value) => ((ListValue)value.Value).Items;

    [Fact]
    public async Task Edited_published_and_rolled_back_data_exports_and_imports_unchanged_into_a_fresh_database_and_back_into_its_own()
    {
        var relatives = Published.FindParameter("national", "relatives")!;
        var widened = relatives with
        {
            Values = [.. relatives.Values.SkipLast(1), relatives.Values[^1] with { Value = new ListValue([.. Codes(relatives.Values[^1]), "other"]) }],
        };
        Assert.Equal(EditOutcome.Done, (await EditAndPublishAsync(RecordKind.Parameter, "national/relatives", Payloads.Serialize(widened))).Outcome);
        Assert.Contains("other", Codes(Published.FindParameter("national", "relatives")!.Values[^1]));

        var source = new Source("round-trip-source", "往返测试用的来源", null, "测试发布单位", new DateOnly(2026, 11, 1), null, SourceTier.Official, null);
        Assert.Equal(EditOutcome.Done, (await _site.WithEditorAsync(editor => editor.CreateDraftAsync(
            RecordKind.Source, source.Id, null, Payloads.Serialize(source), Editor, null, CancellationToken.None))).Outcome);
        var pharmacy = Published.Disagreements.Single(d => d.Id == "shanghai-pharmacy");
        var decided = pharmacy with
        {
            Decisions = [new(null, null, Resolution.Follow, 0, "往返测试：采用第一种说法")],
            Claims = [pharmacy.Claims[0] with { SourceIds = [.. pharmacy.Claims[0].SourceIds, source.Id] }, .. pharmacy.Claims.Skip(1)],
        };
        Assert.Equal(EditOutcome.Done, (await EditAndPublishAsync(RecordKind.Disagreement, "shanghai/shanghai-pharmacy", Payloads.Serialize(decided))).Outcome);
        Assert.NotNull(Published.FindSource(source.Id));

        var firstVersion = await _site.WithDbAsync(db => db.Versions.Where(v => v.Record!.Key == "national/relatives" && v.Number == 1).Select(v => v.Id).SingleAsync());
        var stamp = await _site.WithDbAsync(db => db.Records.Where(r => r.Key == "national/relatives").Select(r => r.ConcurrencyStamp).SingleAsync());
        var rollback = await _site.WithEditorAsync(editor => editor.RollbackAsync(RecordKind.Parameter, "national/relatives", firstVersion, stamp, Editor, CancellationToken.None));
        Assert.Equal(EditOutcome.Done, (await _site.WithEditorAsync(editor => editor.PublishAsync(RecordKind.Parameter, "national/relatives", rollback.Version!.Id, "publisher@example.org", CancellationToken.None))).Outcome);
        Assert.DoesNotContain("other", Codes(Published.FindParameter("national", "relatives")!.Values[^1]));

        var published = Published;
        await _folder.ExportAsync(published);
        ImportReport report;
        await using (var db = _fresh.Open())
        {
            report = await new PolicyImporter(db, TestClock.New(), NullLogger<PolicyImporter>.Instance)
                .ImportAsync(_folder.Seeds, _folder.Content, dryRun: false, CancellationToken.None);
        }
        Assert.True(report.Succeeded, string.Join("\n", report.Problems));
        await using var fresh = _fresh.Open();
        var reimported = await PolicySnapshotProvider.LoadAsync(fresh, CancellationToken.None);

        Assert.Empty(SnapshotDifferences.Between(published, reimported));
        Assert.Equal(Resolution.Follow, reimported.Disagreements.Single(d => d.Id == "shanghai-pharmacy").Decisions.Single().Resolution);
        Assert.Equal("往返测试用的来源", reimported.FindSource(source.Id)!.Title);

        // Importing the exported files back into the site's own database finds everything in step: no conflicts.
        var again = await _site.WithDbAsync(db => new PolicyImporter(db, TestClock.New(), NullLogger<PolicyImporter>.Instance)
            .ImportAsync(_folder.Seeds, _folder.Content, dryRun: false, CancellationToken.None));
        Assert.True(again.Succeeded, string.Join("\n", again.Problems));
        Assert.Empty(again.Conflicts);
        Assert.Empty(again.Updated);
        Assert.Empty(again.Added);
    }
}
