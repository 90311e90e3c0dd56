using FamilyMutualAid.Rules;

namespace FamilyMutualAid.Web.Policy;

/// <summary>Words in Chinese, beside the field, why an amount a resident typed is refused by <see cref="Money"/>.</summary>
public static class AmountText
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
}
