using System.Globalization;

namespace FamilyMutualAid.Web.Policy;

/// <summary>Times as staff read and type them: in 北京时间 (Asia/Shanghai), stored in UTC.</summary>
public static class BeijingTime
{
    /// <summary>The format of a datetime-local field.</summary>
    public const string InputFormat = "yyyy-MM-dd'T'HH:mm";

    private static TimeZoneInfo Zone => PolicyText.ChinaZone;

    public static DateTime FromUtc(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>E.g. "2027-01-01 00:00（北京时间）" (see <see cref="PolicyText.Time(DateTime, bool)"/>).</summary>
    public static string Format(DateTime utc) => PolicyText.Time(utc) + "（北京时间）";

    public static string Input(DateTime utc) => FromUtc(utc).ToString(InputFormat, CultureInfo.InvariantCulture);

    /// <summary>Reads a datetime-local value (or "yyyy-MM-dd HH:mm") given in 北京时间 as UTC.</summary>
    public static bool TryParse(string? text, out DateTime utc)
    {
        utc = default;
        if (!DateTime.TryParseExact(text?.Trim(), [InputFormat, "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }
        utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);
        return true;
    }
}
