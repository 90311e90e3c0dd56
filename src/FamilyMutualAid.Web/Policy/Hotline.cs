using FamilyMutualAid.Rules;

namespace FamilyMutualAid.Web.Policy;

/// <summary>
/// The hotline in force for a region (its own or inherited), worded as its sources allow: a number that only web
/// articles give is "reported and unconfirmed", never presented as an official one.
/// </summary>
public sealed record Hotline(string Number, Region Owner, bool Unconfirmed, bool Reported, IReadOnlyList<(int Number, Source Source)> Citations)
{
    public const string Key = "hotline";

    /// <summary>The number for a tel: link: digits and a leading + only.</summary>
    public string Tel => "tel:" + new string([.. Number.Where(c => char.IsAsciiDigit(c) || c == '+')]);

    /// <summary>The words before the number: 网上资料说可以拨打 / 据报道，咨询电话是 / 医保服务热线.</summary>
    public string Lead => Unconfirmed ? "网上资料说可以拨打" : Reported ? "据报道，咨询电话是" : "医保服务热线";

    /// <summary>The words after the number: （未经官方证实） for a number only web articles give.</summary>
    public string Tail => Unconfirmed ? "（未经官方证实）" : "";

    /// <summary>The whole phrase, for plain text: 网上资料说可以拨打12393（未经官方证实）.</summary>
    public string Phrase => $"{Lead}{Number}{Tail}";

    /// <summary>The hotline in force on a date, its sources numbered in <paramref name="footnotes"/> (none when null); null when the data has no number.</summary>
    public static Hotline? Of(PolicySnapshot snapshot, Footnotes? footnotes, string regionSlug, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Resolve(regionSlug, Key, date) is { Value.Value: TextValue { Text: var number } } value && number.Any(char.IsAsciiDigit)
            ? new(number, value.Owner, value.Value.Unconfirmed, value.Value.Reported, footnotes?.Cite(value.Value.SourceIds) ?? [])
            : null;
    }
}
