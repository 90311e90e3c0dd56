using System.Text.RegularExpressions;
using FamilyMutualAid.Rules;

namespace FamilyMutualAid.Web.Content;

/// <summary>
/// A source as typed in the staff form: every field as text, so a bad entry is shown back beside its field instead of
/// being lost. <see cref="ToSource"/> gives the record the files hold; the importer's reader then checks it as any other.
/// </summary>
public sealed partial class TypedSource
{
    /// <summary>The title as the page gives it.</summary>
    public string? Title { get; set; }

    /// <summary>Who first published it (for a repost, the original publisher the page names).</summary>
    public string? Publisher { get; set; }

    /// <summary>The original date, in any way <see cref="TypedDate"/> reads.</summary>
    public string? Date { get; set; }

    /// <summary>Ticked when the page gives no date: <see cref="DateNote"/> then says what is known of it.</summary>
    public bool NoDate { get; set; }

    public string? DateNote { get; set; }

    /// <summary>The tier's code (official, news, repost, portal, anonymous, consumer_page).</summary>
    public string? Tier { get; set; }

    /// <summary>Where it was seen (an address), when that is not the original publisher's own page.</summary>
    public string? SeenAt { get; set; }

    /// <summary>The slug of the region it speaks about; empty for national or general sources.</summary>
    public string? Region { get; set; }

    public string? Note { get; set; }

    public SourceTier? TierValue => Codes.TryParse<SourceTier>(Tier?.Trim() ?? "", out var tier) ? tier : null;

    /// <summary>The source as typed, of all it holds, for a form showing a record.</summary>
    public static TypedSource Of(Source source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new()
        {
            Title = source.Title,
            Publisher = source.Publisher,
            Date = source.Date is { } date ? YamlOut.Date(date).Value : null,
            NoDate = source.Date is null,
            DateNote = source.DateNote,
            Tier = Codes.Of(source.Tier),
            SeenAt = source.SeenAt,
            Region = source.Region,
            Note = source.Note,
        };
    }

    /// <summary>The record the form stands for, keeping <paramref name="file"/> (a source from the repository's documents keeps its file).</summary>
    public Source ToSource(string id, string? file = null) => new(
        id,
        Clean(Title) ?? "",
        file,
        Clean(Publisher),
        NoDate ? null : TypedDate.Parse(Date),
        Clean(DateNote),
        TierValue ?? SourceTier.Official,
        Clean(Note))
    {
        SeenAt = Address(SeenAt),
        Region = Clean(Region),
    };

    /// <summary>
    /// A new source's id: the region it is about (or "source"), its date and a number, e.g. jiangsu-2024-10-01-2,
    /// the first such id not in <paramref name="taken"/>.
    /// </summary>
    public string NewId(ISet<string> taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        var region = Clean(Region) is { } slug && IdPart().IsMatch(slug) ? slug : "source";
        var stem = NoDate || TypedDate.Parse(Date) is not { } date ? $"{region}-undated" : $"{region}-{YamlOut.Date(date).Value}";
        return Enumerable.Range(1, int.MaxValue - 1).Select(n => n == 1 ? stem : $"{stem}-{n}").First(id => !taken.Contains(id));
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : TypedYaml.Lines(text);

    /// <summary>An address as the files write it: without https:// in front.</summary>
    private static string? Address(string? text) => Clean(text) is { } address ? Scheme().Replace(address, "") : null;

    [GeneratedRegex("^https?://", RegexOptions.IgnoreCase)]
    private static partial Regex Scheme();

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex IdPart();
}
