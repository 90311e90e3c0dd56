namespace FamilyMutualAid.Rules;

/// <summary>Why a written amount of money is refused (<see cref="None"/>: it is not).</summary>
public enum AmountProblem
{
    None,
    Missing,
    NotANumber,
    Negative,
    BelowOneFen,
    TooLarge,
}

/// <summary>
/// The one rule for an amount of yuan that a person types or a client sends: digits with an optional decimal point
/// and exponent (as JSON writes numbers), never negative, a whole number of fen, at most <see cref="MaxYuan"/>.
/// </summary>
/// <remarks>
/// Judged on the text, exactly, before any conversion: <c>decimal</c> parsing rounds 1e-30 to 0 and cannot hold 1e400,
/// so converting first would let a sub-fen amount through as zero. Runs in time linear in the text, whatever the exponent.
/// </remarks>
public static class Money
{
    /// <summary>The largest amount accepted: far above any balance or bill, low enough that a slip of the keyboard shows.</summary>
    public const decimal MaxYuan = 10_000_000m;

    private const int MaxDigitPosition = 7; // 10^7 yuan: the highest digit MaxYuan has
    private const int FenPosition = -2;

    /// <summary>Reads <paramref name="text"/> as yuan; <see cref="AmountProblem.None"/> and the amount, or why not.</summary>
    public static AmountProblem TryParseYuan(string? text, out decimal yuan)
    {
        yuan = 0;
        var s = (text ?? "").AsSpan().Trim();
        if (s.IsEmpty)
        {
            return AmountProblem.Missing;
        }
        var negative = s[0] == '-';
        var rest = negative ? s[1..] : s;
        var integer = rest[..DigitCount(rest)];
        rest = rest[integer.Length..];
        var fraction = ReadOnlySpan<char>.Empty;
        if (rest.StartsWith("."))
        {
            rest = rest[1..];
            fraction = rest[..DigitCount(rest)];
            rest = rest[fraction.Length..];
        }
        if (integer.IsEmpty && fraction.IsEmpty)
        {
            return AmountProblem.NotANumber;
        }
        var exponentNegative = false;
        var exponent = ReadOnlySpan<char>.Empty;
        if (rest.StartsWith("e", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest[1..];
            if (rest.StartsWith("+") || rest.StartsWith("-"))
            {
                exponentNegative = rest[0] == '-';
                rest = rest[1..];
            }
            exponent = rest[..DigitCount(rest)];
            rest = rest[exponent.Length..];
            if (exponent.IsEmpty)
            {
                return AmountProblem.NotANumber;
            }
        }
        if (!rest.IsEmpty)
        {
            return AmountProblem.NotANumber;
        }

        // The digits as one sequence; digit k stands for 10^(integer.Length - 1 - k + exponent).
        var first = FirstNonZero(integer, fraction);
        if (first < 0)
        {
            return AmountProblem.None;
        }
        if (negative)
        {
            return AmountProblem.Negative;
        }
        var last = LastNonZero(integer, fraction);
        exponent = exponent.TrimStart('0');
        if (exponent.Length > 9)
        {
            return exponentNegative ? AmountProblem.BelowOneFen : AmountProblem.TooLarge;
        }
        var shift = (exponent.IsEmpty ? 0L : long.Parse(exponent, provider: System.Globalization.CultureInfo.InvariantCulture)) * (exponentNegative ? -1 : 1);
        if (integer.Length - 1L - last + shift < FenPosition)
        {
            return AmountProblem.BelowOneFen;
        }
        if (integer.Length - 1L - first + shift > MaxDigitPosition)
        {
            return AmountProblem.TooLarge;
        }
        // At most ten significant digits, from 10^7 down to 10^-2: exact in fen as a long.
        var fen = 0L;
        for (var k = first; k <= last; k++)
        {
            var digit = k < integer.Length ? integer[k] : fraction[k - integer.Length];
            fen += (digit - '0') * Pow10((int)(integer.Length - 1L - k + shift - FenPosition));
        }
        if (fen / 100m > MaxYuan)
        {
            return AmountProblem.TooLarge;
        }
        yuan = fen / 100m;
        return AmountProblem.None;
    }

    private static int DigitCount(ReadOnlySpan<char> text)
    {
        var end = text.IndexOfAnyExceptInRange('0', '9');
        return end < 0 ? text.Length : end;
    }

    private static int FirstNonZero(ReadOnlySpan<char> integer, ReadOnlySpan<char> fraction)
    {
        var i = integer.IndexOfAnyExcept('0');
        if (i >= 0)
        {
            return i;
        }
        var f = fraction.IndexOfAnyExcept('0');
        return f < 0 ? -1 : integer.Length + f;
    }

    private static int LastNonZero(ReadOnlySpan<char> integer, ReadOnlySpan<char> fraction)
    {
        var f = fraction.LastIndexOfAnyExcept('0');
        return f >= 0 ? integer.Length + f : integer.LastIndexOfAnyExcept('0');
    }

    private static long Pow10(int power)
    {
        var value = 1L;
        for (var i = 0; i < power; i++)
        {
            value *= 10;
        }
        return value;
    }
}
