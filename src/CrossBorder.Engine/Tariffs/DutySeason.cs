using System.Globalization;

namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// A window of the year in which one alternative of a seasonal rate applies: TARIC "15.00% (01 JAN-14 FEB,
/// 16 JUN-31 DEC), 0.00% (15 FEB-15 JUN)" has three windows over two alternatives. A window may wrap over the
/// year end (16 JUL - 15 JUN). An alternative written without a window applies on every day no window covers.
/// </summary>
/// <remarks>
/// Windows compare month and day only, so they hold every year (29 February falls between 28 February and
/// 1 March). A day past the end of its month, as in the source text "31 APR", means the end of that month.
/// </remarks>
public readonly struct DutySeason : IEquatable<DutySeason>
{
    internal DutySeason(int alternative, int fromMonth, int fromDay, int toMonth, int toDay)
    {
        Alternative = alternative;
        FromMonth = (byte)fromMonth;
        FromDay = (byte)fromDay;
        ToMonth = (byte)toMonth;
        ToDay = (byte)toDay;
    }

    /// <summary>The index of the alternative that applies in this window.</summary>
    public int Alternative { get; }

    /// <summary>First month of the window (1-12), or 0 for "every other day".</summary>
    public int FromMonth { get; }

    /// <summary>First day of the window.</summary>
    public int FromDay { get; }

    /// <summary>Last month of the window (inclusive).</summary>
    public int ToMonth { get; }

    /// <summary>Last day of the window (inclusive).</summary>
    public int ToDay { get; }

    /// <summary>True for the alternative that applies on the days no window covers.</summary>
    public bool IsOtherwise => FromMonth == 0;

    /// <summary>True when <paramref name="date"/> falls in the window (always false for <see cref="IsOtherwise"/>).</summary>
    public bool Contains(DateOnly date)
    {
        if (IsOtherwise)
        {
            return false;
        }
        var day = (date.Month * 100) + date.Day;
        var from = (FromMonth * 100) + FromDay;
        var to = (ToMonth * 100) + ToDay;
        return from <= to ? day >= from && day <= to : day >= from || day <= to;
    }

    /// <inheritdoc />
    public bool Equals(DutySeason other) =>
        Alternative == other.Alternative && FromMonth == other.FromMonth && FromDay == other.FromDay && ToMonth == other.ToMonth && ToDay == other.ToDay;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DutySeason other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Alternative, FromMonth, FromDay, ToMonth, ToDay);

    /// <summary><c>01 JAN-14 FEB</c>, or <c>otherwise</c>.</summary>
    public override string ToString() => IsOtherwise
        ? "otherwise"
        : string.Create(CultureInfo.InvariantCulture, $"{FromDay:00} {MonthName(FromMonth)}-{ToDay:00} {MonthName(ToMonth)}");

    private static string MonthName(int month) => month switch
    {
        1 => "JAN", 2 => "FEB", 3 => "MAR", 4 => "APR", 5 => "MAY", 6 => "JUN",
        7 => "JUL", 8 => "AUG", 9 => "SEP", 10 => "OCT", 11 => "NOV", _ => "DEC",
    };

#pragma warning disable CS1591
    public static bool operator ==(DutySeason left, DutySeason right) => left.Equals(right);
    public static bool operator !=(DutySeason left, DutySeason right) => !left.Equals(right);
#pragma warning restore CS1591
}
