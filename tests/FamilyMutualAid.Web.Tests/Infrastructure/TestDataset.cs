namespace FamilyMutualAid.Web.Tests.Infrastructure;

/// <summary>A small valid set of seed and content files in a temp folder, which a test then breaks one way.</summary>
public sealed class TestDataset : IDisposable
{
    public TestDataset()
    {
        Root = Path.Combine(Path.GetTempPath(), "fma-dataset", Guid.NewGuid().ToString("N"));
        Write("seeds/sources.yaml", """
            src-a:
              title: 测试来源甲
              publisher: 测试出版方
              date: 2024-01-01
              tier: repost
            src-b:
              title: 测试来源乙
              file: 000_test.txt
              date: 2025-04-01
              tier: consumer_page
            """);
        Write("seeds/regions.yaml", """
            national: { name: 全国, level: national }
            alpha: { name: 甲省, level: province, parent: national }
            beta: { name: 乙市, level: city, parent: alpha }
            """);
        Write("seeds/vocabulary.yaml", """
            relationship:
              spouse: 配偶
              parent: 父母
            """);
        Write("seeds/parameters.yaml", """
            relatives:
              label: 可共济的亲属范围
              type: list
              vocabulary: relationship
            cap:
              label: 年度额度上限
              type: number
              unit: 比例
            """);
        Write("seeds/policy/national.yaml", """
            region: national
            parameters:
              relatives:
                values:
                  2021-04-22:
                    value: [spouse]
                    sources: [src-a]
                  2024-08-07:
                    value: [spouse, parent]
                    sources: [src-a]
                last_verified: 2026-11-01
            """);
        Write("seeds/policy/alpha.yaml", """
            region: alpha
            parameters:
              cap:
                values:
                  2025-01-01:
                    value: 0.6
                    sources: [src-b]
                    unconfirmed: true
            disagreements:
              alpha-cap:
                topic: 是否有额度上限
                parameter: cap
                claims:
                  - text: 一份资料说上限为六成
                    sources: [src-b]
                  - text: 全国规定没有比例上限
                    sources: [src-a]
                resolution: check_locally
                reason: 没有官方文件可以确认
            """);
        Write("content/alpha/overview.md", """
            ---
            title: 甲省概览
            kind: overview
            sources: [src-a]
            last_verified: 2026-11-01
            ---
            甲省的说明。[来源](/sources#src-a)
            """);
    }

    public string Root { get; }

    public string Seeds => Path.Combine(Root, "seeds");

    public string Content => Path.Combine(Root, "content");

    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n");
    }

    public void Replace(string relativePath, string oldText, string newText)
    {
        var path = Path.Combine(Root, relativePath);
        var text = File.ReadAllText(path);
        Assert.Contains(oldText, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(oldText, newText, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
