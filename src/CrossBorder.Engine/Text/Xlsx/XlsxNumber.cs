using System.Globalization;

namespace CrossBorder.Engine.Text.Xlsx;

/// <summary>
/// Turns the number text of a spreadsheet cell (<c>&lt;v&gt;</c> of a numeric cell: invariant decimal text, possibly in
/// exponent form, holding an IEEE double as its writer printed it) into exact minor units and into dates. Never reads
/// the current culture. Allocates only on failure (the reason text).
/// </summary>
internal static class XlsxNumber
{
    /// <summary>
    /// The absolute tolerance, in major units, within which a stored number counts as a whole number of minor units:
    /// 1e-9. A double carries 15–17 significant digits, so the noise a writer leaves on an amount such as 1.1
    /// (<c>1.1000000000000001</c>) is around 1e-16 of the value; a real extra digit (12.345 in a 2-digit currency)
    /// is at least 1e-3 away.
    /// </summary>
    public const decimal AbsoluteTolerance = 0.000000001m;

    /// <summary>
    /// The relative tolerance for large values: 2^-50 of the value (4 units in the last place of a double), so that
    /// float noise on an amount above 10 million, where one unit in the last place already exceeds 1e-9, is not
    /// taken for an extra digit. Below 1,125,899 the absolute tolerance is the larger.
    /// </summary>
    public const decimal RelativeTolerance = 0.00000000000000088817841970012523m;

    private static readonly decimal[] s_powers = [1m, 10m, 100m, 1000m, 10000m, 100000m, 1000000m];

    /// <summary>The largest serial a spreadsheet date can have (9999-12-31 in the 1900 system).</summary>
    private const decimal MaxSerial = 2958465m;

    /// <summary>Parses invariant number text (sign, digits, '.', exponent) as a decimal; false when it is not a number or out of decimal's range.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// Converts a stored number to minor units of a currency with <paramref name="minorDigits"/> decimals.
    /// </summary>
    /// <remarks>
    /// Rounding: to the nearest minor unit, <see cref="MidpointRounding.ToEven"/>, but only float noise is ever
    /// rounded away: a value more than <see cref="AbsoluteTolerance"/> (or, for large values,
    /// <see cref="RelativeTolerance"/> of the value) from a whole minor unit is refused, and a midpoint is half a minor
    /// unit away, so no accepted value is a tie and the midpoint rule never decides a result. Half-even is named because
    /// it is the engine's rounding everywhere else.
    /// </remarks>
    /// <param name="text">The cell's number text.</param>
    /// <param name="minorDigits">The currency's minor digits (0 to 6).</param>
    /// <param name="minorUnits">The amount in minor units.</param>
    /// <param name="problem">Why the value is refused (null on success).</param>
    public static bool TryMinorUnits(ReadOnlySpan<byte> text, int minorDigits, out long minorUnits, out string? problem)
    {
        minorUnits = 0;
        if (minorDigits < 0 || minorDigits >= s_powers.Length)
        {
            problem = $"a currency with {minorDigits} minor digits is not supported";
            return false;
        }
        if (!TryParse(text, out var value))
        {
            problem = "not a number";
            return false;
        }
        var scale = s_powers[minorDigits];
        decimal scaled;
        try
        {
            scaled = value * scale;
        }
        catch (OverflowException)
        {
            problem = "out of range for 64-bit minor units";
            return false;
        }
        var rounded = decimal.Round(scaled, 0, MidpointRounding.ToEven);
        var residue = Math.Abs(scaled - rounded) / scale;
        var tolerance = Math.Max(AbsoluteTolerance, Math.Abs(value) * RelativeTolerance);
        if (residue > tolerance)
        {
            problem = string.Create(CultureInfo.InvariantCulture,
                $"has more decimals than the currency's {minorDigits} ({residue} off a whole minor unit; only float noise within {AbsoluteTolerance} is rounded away)");
            return false;
        }
        if (rounded < long.MinValue || rounded > long.MaxValue)
        {
            problem = "out of range for 64-bit minor units";
            return false;
        }
        minorUnits = (long)rounded;
        problem = null;
        return true;
    }

    /// <summary>
    /// The calendar day of a spreadsheet date serial (days, with the time of day as the fraction), as
    /// <see cref="DateOnly.DayNumber"/>.
    /// </summary>
    /// <remarks>
    /// The fraction is rounded to the nearest second first (half away from zero, as spreadsheets display times), so
    /// that float noise just below midnight does not move the day back. The 1900 system (the default): serial 1 is
    /// 1900-01-01, and serial 60 is the 1900-02-29 that Lotus 1-2-3 invented and Excel kept (refused: that day does not
    /// exist); from serial 61 (1900-03-01) the day is 1899-12-30 plus the serial. The 1904 system (<c>workbookPr
    /// date1904</c>): serial 0 is 1904-01-01. Serials below the first day or after 9999-12-31 are refused.
    /// </remarks>
    public static bool TrySerialDay(ReadOnlySpan<byte> text, bool date1904, out int dayNumber, out string? problem)
    {
        dayNumber = -1;
        if (!TryParse(text, out var serial))
        {
            problem = "not a number";
            return false;
        }
        if (serial < 0 || serial > MaxSerial)
        {
            problem = "not a date serial (out of range)";
            return false;
        }
        var seconds = decimal.Round(serial * 86400m, 0, MidpointRounding.AwayFromZero);
        var day = (int)decimal.Floor(seconds / 86400m);
        int first;
        if (date1904)
        {
            first = new DateOnly(1904, 1, 1).DayNumber;
        }
        else if (day < 1)
        {
            problem = "date serial 0 is 1900-01-00, not a day";
            return false;
        }
        else if (day == 60)
        {
            problem = "date serial 60 is 1900-02-29, a day that does not exist (the 1900 leap-year bug)";
            return false;
        }
        else
        {
            first = day < 60 ? new DateOnly(1899, 12, 31).DayNumber : new DateOnly(1899, 12, 30).DayNumber;
        }
        if (day > DateOnly.MaxValue.DayNumber - first)
        {
            problem = "not a date serial (out of range)";
            return false;
        }
        dayNumber = first + day;
        problem = null;
        return true;
    }
}
