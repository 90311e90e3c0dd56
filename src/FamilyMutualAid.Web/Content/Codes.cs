using System.Text.RegularExpressions;

namespace FamilyMutualAid.Web.Content;

/// <summary>Maps enum members to the snake_case codes used in files and URLs (SingleConsumerPage → single_consumer_page).</summary>
internal static partial class Codes
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        CapitalBoundary().Replace(value.ToString(), "_$1").ToLowerInvariant();

    public static IEnumerable<string> All<TEnum>()
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(Of);

    public static bool TryParse<TEnum>(string code, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (Of(candidate) == code)
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex CapitalBoundary();
}
