using System.Runtime.CompilerServices;

namespace CrossBorder.Engine.Text;

/// <summary>
/// Fixed-format date and date-time parsers over UTF-8, without allocating and without consulting any culture:
/// <c>yyyy-MM-dd</c>, <c>dd.MM.yyyy</c> (also <c>d.M.yyyy</c> and other separators), ISO 8601 date-times with
/// <c>Z</c> or an offset (<c>2025-10-09T22:07:18+00:00</c>), and the report forms <c>yyyy-MM-dd HH:mm:ss UTC</c> and
/// <c>dd.MM.yyyy HH:mm:ss UTC</c>.
/// </summary>
public static class Utf8DateParser
{
    /// <summary>Parses <c>yyyy-MM-dd</c> at the start of <paramref name="source"/> (10 bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseIsoDate(ReadOnlySpan<byte> source, out DateOnly date, out int bytesConsumed, out ParseError error)
    {
        date = default;
        bytesConsumed = 0;
        if (source.Length < 10)
        {
            error = new ParseError(ParseErrorKind.Truncated, source.Length);
            return false;
        }
        if (!TryDigits(source, 0, 4, out var year, out error)
            || !Expect(source, 4, (byte)'-', out error)
            || !TryDigits(source, 5, 2, out var month, out error)
            || !Expect(source, 7, (byte)'-', out error)
            || !TryDigits(source, 8, 2, out var day, out error)
            || !TryMakeDate(year, month, day, 0, 5, 8, out date, out error))
        {
            return false;
        }
        bytesConsumed = 10;
        return true;
    }

    /// <summary>
    /// Parses a day-first date such as <c>dd.MM.yyyy</c> (one- or two-digit day and month, four-digit year) with
    /// the given separator ('.', '/' or '-').
    /// </summary>
    public static bool TryParseDayMonthYear(ReadOnlySpan<byte> source, byte separator, out DateOnly date, out int bytesConsumed, out ParseError error)
    {
        date = default;
        bytesConsumed = 0;
        var i = 0;
        if (!TryVariableDigits(source, ref i, 1, 2, out var day, out error)
            || !Expect(source, i++, separator, out error))
        {
            return false;
        }
        var monthOffset = i;
        if (!TryVariableDigits(source, ref i, 1, 2, out var month, out error)
            || !Expect(source, i++, separator, out error))
        {
            return false;
        }
        if (!TryDigits(source, i, 4, out var year, out error) || !TryMakeDate(year, month, day, i, monthOffset, 0, out date, out error))
        {
            return false;
        }
        bytesConsumed = i + 4;
        return true;
    }

    /// <summary>
    /// Parses a date in either <c>yyyy-MM-dd</c> or <c>dd.MM.yyyy</c> form; a date-time is accepted and its date
    /// (in its own offset) returned.
    /// </summary>
    public static bool TryParseDate(ReadOnlySpan<byte> source, out DateOnly date, out int bytesConsumed, out ParseError error)
    {
        if (source.Length > 4 && source[4] == (byte)'-')
        {
            if (!TryParseIsoDate(source, out date, out bytesConsumed, out error))
            {
                return false;
            }
        }
        else if (!TryParseDayMonthYear(source, (byte)'.', out date, out bytesConsumed, out error))
        {
            return false;
        }
        if (bytesConsumed < source.Length && (source[bytesConsumed] == (byte)'T' || source[bytesConsumed] == (byte)' '))
        {
            if (!TryParseDateTime(source, out var dateTime, out bytesConsumed, out error))
            {
                return false;
            }
            date = DateOnly.FromDateTime(dateTime.DateTime);
        }
        return true;
    }

    /// <summary>
    /// Parses a date-time with its zone: ISO 8601 <c>yyyy-MM-ddTHH:mm:ss[.fffffff](Z|±HH:mm|±HHmm)</c>,
    /// <c>yyyy-MM-dd HH:mm:ss UTC</c> (or <c>GMT</c>, <c>Z</c>, an offset), and <c>dd.MM.yyyy HH:mm:ss UTC</c>.
    /// </summary>
    public static bool TryParseDateTime(ReadOnlySpan<byte> source, out DateTimeOffset value, out int bytesConsumed, out ParseError error)
    {
        value = default;
        bytesConsumed = 0;
        DateOnly date;
        int i;
        if (source.Length > 4 && source[4] == (byte)'-')
        {
            if (!TryParseIsoDate(source, out date, out i, out error))
            {
                return false;
            }
        }
        else if (!TryParseDayMonthYear(source, (byte)'.', out date, out i, out error))
        {
            return false;
        }

        if (i >= source.Length || (source[i] != (byte)'T' && source[i] != (byte)' '))
        {
            error = new ParseError(i >= source.Length ? ParseErrorKind.Truncated : ParseErrorKind.UnexpectedCharacter, i);
            return false;
        }
        i++;
        if (!TryDigits(source, i, 2, out var hour, out error)
            || !Expect(source, i + 2, (byte)':', out error)
            || !TryDigits(source, i + 3, 2, out var minute, out error))
        {
            return false;
        }
        var second = 0;
        var timeOffset = i;
        i += 5;
        if (i < source.Length && source[i] == (byte)':')
        {
            if (!TryDigits(source, i + 1, 2, out second, out error))
            {
                return false;
            }
            i += 3;
        }
        long fractionTicks = 0;
        if (i < source.Length && (source[i] == (byte)'.' || source[i] == (byte)','))
        {
            i++;
            var digits = 0;
            while (i < source.Length && unchecked((uint)(source[i] - '0')) <= 9)
            {
                if (digits < 7)
                {
                    fractionTicks = fractionTicks * 10 + (source[i] - '0');
                }
                digits++;
                i++;
            }
            if (digits == 0)
            {
                error = new ParseError(ParseErrorKind.UnexpectedCharacter, i);
                return false;
            }
            for (; digits < 7; digits++)
            {
                fractionTicks *= 10;
            }
        }
        if (hour > 23 || minute > 59 || second > 59)
        {
            error = new ParseError(ParseErrorKind.OutOfRange, timeOffset);
            return false;
        }

        // The zone: Z, an offset, or (after a space) UTC / GMT / Z / an offset.
        if (i < source.Length && source[i] == (byte)' ')
        {
            i++;
        }
        var zoneOffset = i;
        if (!TryParseZone(source, ref i, out var offsetMinutes, out error))
        {
            return false;
        }
        var ticks = date.DayNumber * TimeSpan.TicksPerDay
            + hour * TimeSpan.TicksPerHour + minute * TimeSpan.TicksPerMinute + second * TimeSpan.TicksPerSecond + fractionTicks;
        // The instant in UTC must exist too: 0001-01-01T00:00+01:00 and 9999-12-31T23:59-01:00 do not.
        var utcTicks = ticks - offsetMinutes * TimeSpan.TicksPerMinute;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            error = new ParseError(ParseErrorKind.OutOfRange, zoneOffset);
            return false;
        }
        value = new DateTimeOffset(new DateTime(ticks, DateTimeKind.Unspecified), TimeSpan.FromMinutes(offsetMinutes));
        bytesConsumed = i;
        error = default;
        return true;
    }

    private static bool TryParseZone(ReadOnlySpan<byte> source, ref int i, out int offsetMinutes, out ParseError error)
    {
        offsetMinutes = 0;
        error = default;
        if (i >= source.Length)
        {
            error = new ParseError(ParseErrorKind.Truncated, i);
            return false;
        }
        var b = source[i];
        if (b == (byte)'Z')
        {
            i++;
            return true;
        }
        var rest = source[i..];
        if (rest.StartsWith("UTC"u8) || rest.StartsWith("GMT"u8))
        {
            i += 3;
            return true;
        }
        if (b is (byte)'+' or (byte)'-')
        {
            var start = i;
            if (!TryDigits(source, i + 1, 2, out var hours, out error))
            {
                return false;
            }
            i += 3;
            if (i < source.Length && source[i] == (byte)':')
            {
                i++;
            }
            if (!TryDigits(source, i, 2, out var minutes, out error))
            {
                return false;
            }
            i += 2;
            if (hours > 14 || minutes > 59)
            {
                error = new ParseError(ParseErrorKind.OutOfRange, start);
                return false;
            }
            offsetMinutes = (hours * 60 + minutes) * (b == (byte)'-' ? -1 : 1);
            return true;
        }
        error = new ParseError(ParseErrorKind.UnexpectedCharacter, i);
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryDigits(ReadOnlySpan<byte> source, int offset, int count, out int value, out ParseError error)
    {
        value = 0;
        if (offset + count > source.Length)
        {
            error = new ParseError(ParseErrorKind.Truncated, Math.Min(offset, source.Length));
            return false;
        }
        for (var k = 0; k < count; k++)
        {
            var digit = unchecked((uint)(source[offset + k] - '0'));
            if (digit > 9)
            {
                error = new ParseError(ParseErrorKind.UnexpectedCharacter, offset + k);
                return false;
            }
            value = value * 10 + (int)digit;
        }
        error = default;
        return true;
    }

    private static bool TryVariableDigits(ReadOnlySpan<byte> source, ref int i, int min, int max, out int value, out ParseError error)
    {
        value = 0;
        var start = i;
        while (i < source.Length && i - start < max && unchecked((uint)(source[i] - '0')) <= 9)
        {
            value = value * 10 + (source[i] - '0');
            i++;
        }
        if (i - start < min)
        {
            error = new ParseError(i < source.Length ? ParseErrorKind.UnexpectedCharacter : ParseErrorKind.Truncated, i);
            return false;
        }
        error = default;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Expect(ReadOnlySpan<byte> source, int offset, byte expected, out ParseError error)
    {
        if (offset >= source.Length)
        {
            error = new ParseError(ParseErrorKind.Truncated, source.Length);
            return false;
        }
        if (source[offset] != expected)
        {
            error = new ParseError(ParseErrorKind.UnexpectedCharacter, offset);
            return false;
        }
        error = default;
        return true;
    }

    // Written out (the month table, the leap rule, the day number) rather than through DateTime.DaysInMonth and the
    // DateOnly constructor, so that the whole check is inlined into the callers' fully optimised loops.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryMakeDate(int year, int month, int day, int yearOffset, int monthOffset, int dayOffset, out DateOnly date, out ParseError error)
    {
        date = default;
        if (year < 1 || month < 1 || month > 12)
        {
            error = new ParseError(ParseErrorKind.OutOfRange, year < 1 ? yearOffset : monthOffset);
            return false;
        }
        // Callers read at most four digits, so the year is at most 9999, the calendar's last.
        var leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
        var daysInMonth = month == 2 ? (leap ? 29 : 28) : 30 + ((0b1_0101_1010_1010 >> month) & 1);
        if (day < 1 || day > daysInMonth)
        {
            error = new ParseError(ParseErrorKind.OutOfRange, dayOffset);
            return false;
        }
        var before = year - 1;
        var dayNumber = before * 365 + before / 4 - before / 100 + before / 400 + DaysBeforeMonth[month] + (leap && month > 2 ? 1 : 0) + day - 1;
        date = DateOnly.FromDayNumber(dayNumber);
        error = default;
        return true;
    }

    // Days in a common year before each month (index 1 to 12).
    private static ReadOnlySpan<int> DaysBeforeMonth => [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
}
