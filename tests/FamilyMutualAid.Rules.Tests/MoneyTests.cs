using System.Globalization;

namespace FamilyMutualAid.Rules.Tests;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("0.00", "0")]
    [InlineData("0e999999999999", "0")]
    [InlineData("350", "350")]
    [InlineData(" 1250.50 ", "1250.5")]
    [InlineData("0.01", "0.01")]
    [InlineData(".5", "0.5")]
    [InlineData("12.", "12")]
    [InlineData("1000.000", "1000")]
    [InlineData("1e3", "1000")]
    [InlineData("1E+3", "1000")]
    [InlineData("0.1E4", "1000")]
    [InlineData("125E-2", "1.25")]
    [InlineData("000123.4500", "123.45")]
    [InlineData("10000000", "10000000")]
    [InlineData("10000000.00", "10000000")]
    [InlineData("9999999.99", "9999999.99")]
    public void A_whole_number_of_fen_is_read_exactly(string text, string expected)
    {
        Assert.Equal(AmountProblem.None, Money.TryParseYuan(text, out var yuan));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), yuan);
    }

    [Theory]
    [InlineData(null, AmountProblem.Missing)]
    [InlineData("", AmountProblem.Missing)]
    [InlineData("   ", AmountProblem.Missing)]
    [InlineData("abc", AmountProblem.NotANumber)]
    [InlineData("NaN", AmountProblem.NotANumber)]
    [InlineData("Infinity", AmountProblem.NotANumber)]
    [InlineData("-Infinity", AmountProblem.NotANumber)]
    [InlineData("1,000", AmountProblem.NotANumber)]
    [InlineData("1 000", AmountProblem.NotANumber)]
    [InlineData("+5", AmountProblem.NotANumber)]
    [InlineData("5元", AmountProblem.NotANumber)]
    [InlineData("０.５", AmountProblem.NotANumber)]
    [InlineData("0x10", AmountProblem.NotANumber)]
    [InlineData(".", AmountProblem.NotANumber)]
    [InlineData("-", AmountProblem.NotANumber)]
    [InlineData("1e", AmountProblem.NotANumber)]
    [InlineData("1e+", AmountProblem.NotANumber)]
    [InlineData("1.2.3", AmountProblem.NotANumber)]
    [InlineData("-5", AmountProblem.Negative)]
    [InlineData("-0.01", AmountProblem.Negative)]
    [InlineData("-1e-30", AmountProblem.Negative)]
    [InlineData("0.001", AmountProblem.BelowOneFen)]
    [InlineData("1e-30", AmountProblem.BelowOneFen)]
    [InlineData("0.0000000000000000000000000000001", AmountProblem.BelowOneFen)]
    [InlineData("10.001", AmountProblem.BelowOneFen)]
    [InlineData("12.3451e1", AmountProblem.BelowOneFen)]
    [InlineData("1e-9999999999999", AmountProblem.BelowOneFen)]
    [InlineData("10000000.01", AmountProblem.TooLarge)]
    [InlineData("99999999999", AmountProblem.TooLarge)]
    [InlineData("1e8", AmountProblem.TooLarge)]
    [InlineData("1e400", AmountProblem.TooLarge)]
    [InlineData("1E+999999999999999", AmountProblem.TooLarge)]
    public void Anything_else_is_refused_with_the_reason(string? text, AmountProblem expected)
    {
        Assert.Equal(expected, Money.TryParseYuan(text, out var yuan));
        Assert.Equal(0m, yuan);
    }

    [Fact]
    public void A_very_long_text_is_judged_without_converting_it()
    {
        Assert.Equal(AmountProblem.TooLarge, Money.TryParseYuan(new string('9', 1_000_000), out _));
        Assert.Equal(AmountProblem.BelowOneFen, Money.TryParseYuan("0." + new string('0', 1_000_000) + "1", out _));
        Assert.Equal(AmountProblem.None, Money.TryParseYuan("5." + new string('0', 1_000_000), out var five));
        Assert.Equal(5m, five);
    }
}
