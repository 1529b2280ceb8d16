
namespace CrossBorder.Engine.Text;

/// <summary>What to do with an amount that has more decimals than its currency's minor units.</summary>
public enum ExcessDecimalsPolicy : byte
{
    /// <summary>Reject it (trailing zeros, as in <c>1.500</c> for EUR, are exact and accepted).</summary>
    Reject = 0,

    /// <summary>Round it to the minor unit with <see cref="AmountFormat.Rounding"/>.</summary>
    Round = 1,
}

/// <summary>
/// The number format of an amount text, stated explicitly: separators are never taken from a culture.
/// </summary>
/// <param name="DecimalSeparator">The decimal separator, '.' or ','.</param>
/// <param name="GroupSeparator">The thousands separator, or 0 for none. Groups must then be of three digits.</param>
/// <param name="AllowAccountingNegative">Accept <c>(12.00)</c> for −12.00.</param>
/// <param name="ExcessDecimals">What to do with more decimals than the currency has.</param>
/// <param name="Rounding">The rounding mode when <paramref name="ExcessDecimals"/> is <see cref="ExcessDecimalsPolicy.Round"/>.</param>
public readonly record struct AmountFormat(
    byte DecimalSeparator,
    byte GroupSeparator = 0,
    bool AllowAccountingNegative = false,
    ExcessDecimalsPolicy ExcessDecimals = ExcessDecimalsPolicy.Reject,
    RoundingMode Rounding = RoundingMode.HalfEven)
{
    /// <summary><c>-1234.56</c>: a '.' decimal point, no grouping, excess decimals rejected.</summary>
    public static AmountFormat Invariant { get; } = new((byte)'.');

    /// <summary><c>1,234.56</c> (and <c>1234.56</c>): '.' decimal point, ',' grouping, accounting negatives.</summary>
    public static AmountFormat PointDecimalGrouped { get; } = new((byte)'.', (byte)',', AllowAccountingNegative: true);

    /// <summary><c>1.234,56</c> (and <c>1234,56</c>): ',' decimal comma, '.' grouping, accounting negatives.</summary>
    public static AmountFormat CommaDecimalGrouped { get; } = new((byte)',', (byte)'.', AllowAccountingNegative: true);
}
