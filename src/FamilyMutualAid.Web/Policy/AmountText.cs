using System.Text;
using System.Text.RegularExpressions;
using FamilyMutualAid.Rules;

namespace FamilyMutualAid.Web.Policy;

/// <summary>Words in Chinese, beside the field, why an amount a resident typed is refused by <see cref="Money"/>.</summary>
public static partial class AmountText
{
    /// <summary>Reads <paramref name="text"/> as yuan; null and the amount, or the message to show beside the field.</summary>
    public static string? Problem(string? text, out decimal yuan) => Money.TryParseYuan(text, out yuan) switch
    {
        AmountProblem.None => null,
        AmountProblem.Missing => "请填写金额，没有就填 0。",
        AmountProblem.Negative => "请填写数字，金额不能是负数。",
        AmountProblem.BelowOneFen => "金额最多精确到分（小数点后两位）。",
        AmountProblem.TooLarge => $"金额不能超过 {Money.MaxYuan:#,0} 元，请检查是否多输了位数。",
        _ => "请填写数字，例如 350 或 1250.50，不要带单位、逗号或负号。",
    };

    /// <summary>
    /// What a person typed, as <see cref="Money"/> reads amounts: full-width digits folded, spaces dropped, a leading ¥ and
    /// a trailing 元 (or 块) removed, and commas between groups of three digits removed ("３,０００元" is "3000").
    /// Anything else is left for <see cref="Money.TryParseYuan"/> to refuse.
    /// </summary>
    public static string Normalize(string? text)
    {
        var folded = (text ?? "").Normalize(NormalizationForm.FormKC).Replace("。", ".", StringComparison.Ordinal);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }
        var s = builder.ToString().TrimStart('¥', '￥');
        foreach (var unit in (string[])["人民币元", "块钱", "元", "块"])
        {
            if (s.EndsWith(unit, StringComparison.Ordinal))
            {
                s = s[..^unit.Length];
                break;
            }
        }
        return GroupedThousands().IsMatch(s) ? s.Replace(",", "", StringComparison.Ordinal) : s;
    }

    [GeneratedRegex(@"^\d{1,3}(,\d{3})+(\.\d*)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex GroupedThousands();
}
