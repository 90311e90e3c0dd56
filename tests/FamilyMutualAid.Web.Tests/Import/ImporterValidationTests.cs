using FamilyMutualAid.Web.Tests.Infrastructure;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Import;

/// <summary>Each kind of bad file gets a message naming the file, line and field.</summary>
public sealed class ImporterValidationTests : IDisposable
{
    private readonly TestDataset _data = new();

    public void Dispose() => _data.Dispose();

    private List<ImportProblem> Problems() => PolicyImporter.Validate(PolicyFileReader.Read(_data.Seeds, _data.Content));

    private ImportProblem SingleProblem()
    {
        var problems = Problems();
        return Assert.Single(problems);
    }

    private static void AssertProblem(ImportProblem problem, string file, int line, string field, string message)
    {
        Assert.Equal(file, problem.File);
        Assert.Equal(line, problem.Line);
        Assert.Equal(field, problem.Field);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_valid_test_dataset_has_no_problems()
    {
        Assert.Empty(Problems());
    }

    [Fact]
    public void The_repository_seeds_and_content_have_no_problems()
    {
        var problems = PolicyImporter.Validate(PolicyFileReader.Read(Repository.Seeds, Repository.Content));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Unknown_parent_region_names_the_line_of_the_parent()
    {
        _data.Replace("seeds/regions.yaml", "parent: alpha", "parent: gamma");

        AssertProblem(SingleProblem(), "seeds/regions.yaml", 3, "parent", "unknown parent region 'gamma'");
    }

    [Fact]
    public void A_cycle_in_the_region_tree_is_reported_on_each_region_in_it()
    {
        _data.Replace("seeds/regions.yaml", "level: province, parent: national", "level: province, parent: beta");

        var problems = Problems();

        Assert.Equal([2, 3], problems.Select(p => p.Line).Order());
        Assert.All(problems, p => Assert.Contains("cycle in the region tree", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_policy_file_for_an_unknown_region_is_reported()
    {
        _data.Write("seeds/policy/zeta.yaml", """
            region: zeta
            parameters:
              cap:
                values:
                  2025-01-01:
                    value: 0.5
                    sources: [src-a]
            """);

        AssertProblem(SingleProblem(), "seeds/policy/zeta.yaml", 1, "region", "unknown region 'zeta'");
    }

    [Fact]
    public void A_reference_to_a_missing_source_names_the_sources_line()
    {
        _data.Replace("seeds/policy/national.yaml", "value: [spouse]\n        sources: [src-a]", "value: [spouse]\n        sources: [ghost]");

        AssertProblem(SingleProblem(), "seeds/policy/national.yaml", 7, "sources", "unknown source 'ghost'");
    }

    [Fact]
    public void A_bad_effective_date_is_reported()
    {
        _data.Replace("seeds/policy/national.yaml", "2024-08-07:", "2024-13-07:");

        AssertProblem(SingleProblem(), "seeds/policy/national.yaml", 8, "values", "bad date '2024-13-07'");
    }

    [Fact]
    public void A_bad_source_date_is_reported()
    {
        _data.Replace("seeds/sources.yaml", "date: 2024-01-01", "date: 2024-02-30");

        AssertProblem(SingleProblem(), "seeds/sources.yaml", 4, "date", "bad date '2024-02-30'");
    }

    [Fact]
    public void Overlapping_effective_periods_are_reported()
    {
        _data.Replace("seeds/policy/national.yaml", "sources: [src-a]\n      2024-08-07:", "sources: [src-a]\n        until: 2024-08-07\n      2024-08-07:");

        AssertProblem(SingleProblem(), "seeds/policy/national.yaml", 8, "until", "overlaps the value from 2024-08-07");
    }

    [Fact]
    public void A_duplicate_slug_is_reported()
    {
        _data.Replace("seeds/regions.yaml", "beta: {", "alpha: { name: 又一个, level: province, parent: national }\nbeta: {");

        var problem = Problems().First();

        Assert.Equal(("seeds/regions.yaml", 3), (problem.File, problem.Line));
        Assert.Contains("duplicate", problem.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("alpha", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_yaml_is_reported_with_its_line()
    {
        _data.Replace("seeds/regions.yaml", "alpha: { name: 甲省, level: province, parent: national }", "alpha: { name: 甲省, level: [province");

        var problem = Problems().First();

        Assert.Equal("seeds/regions.yaml", problem.File);
        Assert.InRange(problem.Line, 2, 3);
        Assert.Contains("malformed YAML", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_without_front_matter_is_reported()
    {
        _data.Write("content/alpha/faq.md", "# 没有前言\n正文");

        AssertProblem(SingleProblem(), "content/alpha/faq.md", 1, "front matter", "must start with a '---' line");
    }

    [Fact]
    public void Malformed_front_matter_is_reported_with_the_file_line()
    {
        _data.Write("content/alpha/faq.md", "---\ntitle: 常见问题\nsources: [src-a\n---\n正文");

        var problem = SingleProblem();

        Assert.Equal("content/alpha/faq.md", problem.File);
        Assert.InRange(problem.Line, 3, 5);
        Assert.Contains("malformed YAML", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_citing_an_unknown_source_names_the_front_matter_line()
    {
        _data.Replace("content/alpha/overview.md", "sources: [src-a]", "sources: [ghost]");

        var problems = Problems();
        AssertProblem(problems[0], "content/alpha/overview.md", 4, "sources", "unknown source 'ghost'");
        Assert.Contains(problems, p => p.Message.Contains("'src-a' that is not listed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_page_in_the_folder_of_an_unknown_region_is_reported()
    {
        _data.Write("content/zeta/overview.md", "---\ntitle: 无\nkind: overview\nsources: [src-a]\nlast_verified: 2026-01-01\n---\n正文");

        AssertProblem(SingleProblem(), "content/zeta/overview.md", 1, "region", "unknown region 'zeta'");
    }

    [Fact]
    public void A_missing_required_field_is_named()
    {
        _data.Replace("seeds/sources.yaml", "  title: 测试来源甲\n", "");

        AssertProblem(SingleProblem(), "seeds/sources.yaml", 2, "title", "is required");
    }

    [Fact]
    public void An_unknown_enum_value_lists_the_allowed_ones()
    {
        _data.Replace("seeds/sources.yaml", "tier: repost", "tier: rumour");

        AssertProblem(SingleProblem(), "seeds/sources.yaml", 5, "tier", "expected one of official, news, repost, portal, anonymous, consumer_page");
    }

    [Fact]
    public void An_unknown_field_is_reported_so_typos_do_not_pass_silently()
    {
        _data.Replace("seeds/sources.yaml", "tier: repost", "tier: repost\n  titel: 错字");

        AssertProblem(SingleProblem(), "seeds/sources.yaml", 6, "titel", "unknown field");
    }

    [Fact]
    public void A_broken_internal_link_names_the_line_in_the_page()
    {
        _data.Replace("content/alpha/overview.md", "甲省的说明。", "甲省的说明。\n\n见[乙市指南](/regions/beta/faq)。");

        AssertProblem(SingleProblem(), "content/alpha/overview.md", 9, "link", "broken internal link '/regions/beta/faq'");
    }

    [Fact]
    public void A_link_to_a_region_page_that_exists_is_fine()
    {
        _data.Replace("content/alpha/overview.md", "甲省的说明。", "甲省的说明。见[乙市](/regions/beta)和[甲省概览](/regions/alpha/overview)。");

        Assert.Empty(Problems());
    }

    [Fact]
    public void Citing_an_unknown_source_in_the_text_is_reported()
    {
        _data.Replace("content/alpha/overview.md", "(/sources#src-a)", "(/sources#ghost)");

        AssertProblem(SingleProblem(), "content/alpha/overview.md", 7, "link", "unknown source 'ghost'");
    }

    [Fact]
    public void Citing_a_source_missing_from_the_front_matter_is_reported()
    {
        _data.Replace("content/alpha/overview.md", "(/sources#src-a)", "(/sources#src-b)");

        AssertProblem(SingleProblem(), "content/alpha/overview.md", 7, "link", "not listed in the front matter");
    }

    [Fact]
    public void A_javascript_link_in_content_is_rejected()
    {
        _data.Replace("content/alpha/overview.md", "(/sources#src-a)", "(/sources#src-a) [点](javascript:alert(1))");

        AssertProblem(SingleProblem(), "content/alpha/overview.md", 7, "link", "is not allowed");
    }

    [Fact]
    public void A_source_no_fact_uses_is_reported()
    {
        _data.Replace("seeds/sources.yaml", "src-b:", "src-c:\n  title: 没人用\n  publisher: 无\n  date: 2024-01-01\n  tier: repost\nsrc-b:");

        AssertProblem(SingleProblem(), "seeds/sources.yaml", 6, "", "source 'src-c' is not used");
    }

    [Fact]
    public void An_unknown_page_kind_is_reported()
    {
        _data.Write("content/alpha/history.md", "---\ntitle: 历史\nkind: history\nsources: [src-a]\nlast_verified: 2026-01-01\n---\n正文");

        AssertProblem(SingleProblem(), "content/alpha/history.md", 3, "kind", "unknown kind 'history'");
    }

    [Fact]
    public void Disputed_codes_must_belong_to_the_parameters_vocabulary()
    {
        _data.Replace("seeds/policy/alpha.yaml", "    parameter: cap\n", "    parameter: cap\n    codes: [spouse]\n");

        AssertProblem(SingleProblem(), "seeds/policy/alpha.yaml", 13, "codes", "needs a 'parameter' whose values are vocabulary codes");
    }

    private const string ValidChannel = "---\ntitle: 甲省App\nkind: channel\nmode: online\nsources: [src-a]\nlast_verified: 2026-01-01\n---\n说明。\n\n## 步骤\n1. 打开。[来源](/sources#src-a)\n\n## 带齐这些材料\n- 身份证\n";

    [Fact]
    public void A_valid_channel_file_is_read_with_its_mode()
    {
        _data.Write("content/alpha/channels/alpha-app.md", ValidChannel);

        var set = PolicyFileReader.Read(_data.Seeds, _data.Content);

        Assert.Empty(PolicyImporter.Validate(set));
        var channel = Assert.Single(set.Pages, p => p.Kind == "channel");
        Assert.Equal(("alpha", "alpha-app", FamilyMutualAid.Rules.ChannelMode.Online), (channel.RegionSlug, channel.Channel, channel.Mode!.Value));
    }

    [Fact]
    public void A_channel_without_the_documents_section_is_reported()
    {
        _data.Write("content/alpha/channels/alpha-app.md", ValidChannel.Replace("## 带齐这些材料\n- 身份证\n", "", StringComparison.Ordinal));

        AssertProblem(SingleProblem(), "content/alpha/channels/alpha-app.md", 8, "section", "required section '## 带齐这些材料' is missing");
    }

    [Fact]
    public void An_unknown_or_misordered_channel_section_names_its_line()
    {
        _data.Write("content/alpha/channels/alpha-app.md", ValidChannel + "\n## 注意事项\n随便\n\n## 步骤\n重复\n");

        var problems = Problems();

        Assert.Contains(problems, p => p.Line == 16 && p.Message.Contains("unknown section '注意事项'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 19 && p.Message.Contains("appears twice", StringComparison.Ordinal));
    }

    [Fact]
    public void A_channel_section_under_its_former_heading_says_what_it_is_called_now()
    {
        _data.Write("content/alpha/channels/alpha-app.md", ValidChannel.Replace("## 带齐这些材料", "## 需要谁到场或确认\n- 本人\n\n## 带齐这些材料", StringComparison.Ordinal));

        AssertProblem(SingleProblem(), "content/alpha/channels/alpha-app.md", 13, "section", "'需要谁到场或确认' is now called '谁要亲自办理或确认'");
    }

    [Fact]
    public void A_page_stored_under_a_former_heading_still_shows_that_section()
    {
        var (_, sections) = ChannelSections.Split("## 步骤\n1. 打开。\n## 需要谁到场或确认\n- 本人\n");

        Assert.Equal(["步骤", ChannelSections.WhoMustBePresent], sections.Select(s => s.Heading));
        Assert.Equal("- 本人", sections[1].Markdown.Trim());
    }

    [Fact]
    public void A_channel_needs_a_mode()
    {
        _data.Write("content/alpha/channels/alpha-app.md", ValidChannel.Replace("mode: online\n", "", StringComparison.Ordinal));

        AssertProblem(SingleProblem(), "content/alpha/channels/alpha-app.md", 2, "mode", "is required");
    }
}
