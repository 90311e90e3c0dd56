using System.Globalization;
using System.Text.RegularExpressions;

namespace FamilyMutualAid.Web.Content;

/// <summary>A date as staff type it: 2024-10-01, 2024.10.01, 2024/10/1 or 2024年10月1日 (the files always write the first).</summary>
public static partial class TypedDate
{
    /// <summary>The date a typed text names, or null when it names none (or no real day, such as 2024-02-30).</summary>
    public static DateOnly? Parse(string? text)
    {
        var match = Written().Match(text?.Trim() ?? "");
        if (!match.Success)
        {
            return null;
        }
        var (year, month, day) = (Number(match, "y"), Number(match, "m"), Number(match, "d"));
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    // One separator throughout (-, . or /), or 年…月…日.
    [GeneratedRegex(@"^(?:(?<y>\d{4})(?<s>[-./])(?<m>\d{1,2})\k<s>(?<d>\d{1,2})|(?<y>\d{4})\s*年\s*(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*日?)$")]
    private static partial Regex Written();
}
