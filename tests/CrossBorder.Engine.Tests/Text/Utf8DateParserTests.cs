using System.Globalization;
using System.Text;
using CrossBorder.Engine.Text;

namespace CrossBorder.Engine.Tests.Text;

public class Utf8DateParserTests
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void TryParseIsoDate_agrees_with_the_calendar_on_every_day_and_refuses_every_day_past_a_month_end()
    {
        // Every day of years 1 to 9999 (the day-number arithmetic and the month lengths, leap years included), and for
        // every month the day after its last and day 0.
        Span<byte> text = stackalloc byte[10];
        for (var day = DateOnly.MinValue; ; day = day.AddDays(1))
        {
            Assert.True(day.TryFormat(text, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture));
            Assert.Equal(10, written);
            if (!Utf8DateParser.TryParseIsoDate(text, out var parsed, out _, out _) || parsed != day)
            {
                Assert.Fail($"{Encoding.ASCII.GetString(text)} read as {parsed}");
            }
            if (day == DateOnly.MaxValue)
            {
                break;
            }
        }
        for (var year = 1; year <= 9999; year++)
        {
            for (var month = 1; month <= 12; month++)
            {
                foreach (var day in new[] { 0, DateTime.DaysInMonth(year, month) + 1 })
                {
                    var bad = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}-{day:D2}"));
                    Assert.False(Utf8DateParser.TryParseIsoDate(bad, out _, out _, out var error));
                    Assert.Equal((ParseErrorKind.OutOfRange, 8), (error.Kind, error.Offset));
                }
            }
        }
    }

    [Theory]
    [InlineData("2024-06-15", 2024, 6, 15)]
    [InlineData("2024-02-29", 2024, 2, 29)]
    [InlineData("0001-01-01", 1, 1, 1)]
    [InlineData("9999-12-31", 9999, 12, 31)]
    [InlineData("2024-06-15T10:00:00Z", 2024, 6, 15)]
    public void TryParseIsoDate_reads_yyyy_MM_dd(string text, int year, int month, int day)
    {
        Assert.True(Utf8DateParser.TryParseIsoDate(Utf8(text), out var date, out var consumed, out var error));

        Assert.Equal(new DateOnly(year, month, day), date);
        Assert.Equal(10, consumed);
        Assert.Equal(default, error);
    }

    [Theory]
    [InlineData("2024-02-30", ParseErrorKind.OutOfRange, 8)]
    [InlineData("2023-02-29", ParseErrorKind.OutOfRange, 8)]
    [InlineData("2024-04-31", ParseErrorKind.OutOfRange, 8)]
    [InlineData("2024-06-00", ParseErrorKind.OutOfRange, 8)]
    [InlineData("2024-13-01", ParseErrorKind.OutOfRange, 5)]
    [InlineData("2024-00-10", ParseErrorKind.OutOfRange, 5)]
    [InlineData("0000-01-01", ParseErrorKind.OutOfRange, 0)]
    [InlineData("2024/06/15", ParseErrorKind.UnexpectedCharacter, 4)]
    [InlineData("20a4-06-15", ParseErrorKind.UnexpectedCharacter, 2)]
    [InlineData("2024-06-1x", ParseErrorKind.UnexpectedCharacter, 9)]
    [InlineData("2024-6-15x", ParseErrorKind.UnexpectedCharacter, 6)]
    [InlineData("2024-6-15", ParseErrorKind.Truncated, 9)]
    [InlineData("2024-06", ParseErrorKind.Truncated, 7)]
    [InlineData("", ParseErrorKind.Truncated, 0)]
    public void TryParseIsoDate_errors_say_what_and_where(string text, ParseErrorKind kind, int offset)
    {
        Assert.False(Utf8DateParser.TryParseIsoDate(Utf8(text), out var date, out var consumed, out var error));

        Assert.Equal(new ParseError(kind, offset), error);
        Assert.Equal(default, date);
        Assert.Equal(0, consumed);
    }

    [Theory]
    [InlineData("31.01.2024", '.', 2024, 1, 31, 10)]
    [InlineData("1.2.2024", '.', 2024, 2, 1, 8)]
    [InlineData("01.12.2024", '.', 2024, 12, 1, 10)]
    [InlineData("29/02/2024", '/', 2024, 2, 29, 10)]
    [InlineData("9-3-2025", '-', 2025, 3, 9, 8)]
    [InlineData("31.01.2024 08:15", '.', 2024, 1, 31, 10)]
    public void TryParseDayMonthYear_reads_day_first_dates(string text, char separator, int year, int month, int day, int consumed)
    {
        Assert.True(Utf8DateParser.TryParseDayMonthYear(Utf8(text), (byte)separator, out var date, out var used, out _));

        Assert.Equal(new DateOnly(year, month, day), date);
        Assert.Equal(consumed, used);
    }

    [Theory]
    [InlineData("31.04.2024", ParseErrorKind.OutOfRange, 0)]
    [InlineData("00.04.2024", ParseErrorKind.OutOfRange, 0)]
    [InlineData("15.13.2024", ParseErrorKind.OutOfRange, 3)]
    [InlineData("1.13.2024", ParseErrorKind.OutOfRange, 2)]
    [InlineData("31.01.0000", ParseErrorKind.OutOfRange, 6)]
    [InlineData("31/01/2024", ParseErrorKind.UnexpectedCharacter, 2)]
    [InlineData("311.01.2024", ParseErrorKind.UnexpectedCharacter, 2)]
    [InlineData("x1.01.2024", ParseErrorKind.UnexpectedCharacter, 0)]
    [InlineData("31.01.24", ParseErrorKind.Truncated, 6)]
    [InlineData("31.01.", ParseErrorKind.Truncated, 6)]
    [InlineData("31.", ParseErrorKind.Truncated, 3)]
    public void TryParseDayMonthYear_errors_say_what_and_where(string text, ParseErrorKind kind, int offset)
    {
        Assert.False(Utf8DateParser.TryParseDayMonthYear(Utf8(text), (byte)'.', out _, out var consumed, out var error));

        Assert.Equal(new ParseError(kind, offset), error);
        Assert.Equal(0, consumed);
    }

    [Theory]
    [InlineData("2024-06-15", 2024, 6, 15, 10)]
    [InlineData("15.06.2024", 2024, 6, 15, 10)]
    [InlineData("2025-10-09T22:07:18+02:00", 2025, 10, 9, 25)]
    [InlineData("2025-10-09T23:30:00-05:00", 2025, 10, 9, 25)] // its own offset's date, not UTC's
    [InlineData("31.01.2024 08:15:00 UTC", 2024, 1, 31, 23)]
    public void TryParseDate_reads_either_form_and_the_date_of_a_date_time(string text, int year, int month, int day, int consumed)
    {
        Assert.True(Utf8DateParser.TryParseDate(Utf8(text), out var date, out var used, out _));

        Assert.Equal(new DateOnly(year, month, day), date);
        Assert.Equal(consumed, used);
    }

    [Theory]
    [InlineData("2024-02-30", ParseErrorKind.OutOfRange, 8)]
    [InlineData("30.02.2024", ParseErrorKind.OutOfRange, 0)]
    [InlineData("2024-06-15T25:00:00Z", ParseErrorKind.OutOfRange, 11)]
    public void TryParseDate_errors_say_what_and_where(string text, ParseErrorKind kind, int offset)
    {
        Assert.False(Utf8DateParser.TryParseDate(Utf8(text), out _, out _, out var error));

        Assert.Equal(new ParseError(kind, offset), error);
    }

    public static TheoryData<string, DateTime, TimeSpan, int> DateTimes => new()
    {
        { "2025-10-09T22:07:18+00:00", new DateTime(2025, 10, 9, 22, 7, 18), TimeSpan.Zero, 25 },
        { "2025-10-09T22:07:18Z", new DateTime(2025, 10, 9, 22, 7, 18), TimeSpan.Zero, 20 },
        { "2025-10-09T22:07:18.123Z", new DateTime(2025, 10, 9, 22, 7, 18, 123), TimeSpan.Zero, 24 },
        { "2025-10-09T22:07:18,5Z", new DateTime(2025, 10, 9, 22, 7, 18, 500), TimeSpan.Zero, 22 },
        { "2025-10-09T22:07:18.1234567Z", new DateTime(2025, 10, 9, 22, 7, 18).AddTicks(1_234_567), TimeSpan.Zero, 28 },
        { "2025-10-09T22:07:18.123456789Z", new DateTime(2025, 10, 9, 22, 7, 18).AddTicks(1_234_567), TimeSpan.Zero, 30 },
        { "2025-10-09T22:07:18.123+02:00", new DateTime(2025, 10, 9, 22, 7, 18, 123), TimeSpan.FromHours(2), 29 },
        { "2025-10-09T22:07:18.5-0800", new DateTime(2025, 10, 9, 22, 7, 18, 500), TimeSpan.FromHours(-8), 26 },
        { "2024-01-31 08:15:00.25 UTC", new DateTime(2024, 1, 31, 8, 15, 0, 250), TimeSpan.Zero, 26 },
        { "2025-10-09T22:07Z", new DateTime(2025, 10, 9, 22, 7, 0), TimeSpan.Zero, 17 },
        { "2025-10-09T22:07:18+05:30", new DateTime(2025, 10, 9, 22, 7, 18), new TimeSpan(5, 30, 0), 25 },
        { "2025-10-09T22:07:18-0800", new DateTime(2025, 10, 9, 22, 7, 18), TimeSpan.FromHours(-8), 24 },
        { "2025-10-09T22:07:18-03:30", new DateTime(2025, 10, 9, 22, 7, 18), new TimeSpan(-3, -30, 0), 25 },
        { "2025-10-09T22:07:18+14:00", new DateTime(2025, 10, 9, 22, 7, 18), TimeSpan.FromHours(14), 25 },
        { "2024-01-31 08:15:00 UTC", new DateTime(2024, 1, 31, 8, 15, 0), TimeSpan.Zero, 23 },
        { "2024-01-31 08:15:00 GMT", new DateTime(2024, 1, 31, 8, 15, 0), TimeSpan.Zero, 23 },
        { "2024-01-31 08:15:00 +01:00", new DateTime(2024, 1, 31, 8, 15, 0), TimeSpan.FromHours(1), 26 },
        { "2024-01-31 08:15:00Z", new DateTime(2024, 1, 31, 8, 15, 0), TimeSpan.Zero, 20 },
        { "31.01.2024 08:15:00 UTC", new DateTime(2024, 1, 31, 8, 15, 0), TimeSpan.Zero, 23 },
        { "31.01.2024 23:59:59 UTC,more", new DateTime(2024, 1, 31, 23, 59, 59), TimeSpan.Zero, 23 },
    };

    [Theory]
    [MemberData(nameof(DateTimes))]
    public void TryParseDateTime_reads_the_time_and_its_zone(string text, DateTime local, TimeSpan offset, int consumed)
    {
        Assert.True(Utf8DateParser.TryParseDateTime(Utf8(text), out var value, out var used, out var error), error.Reason);

        // DateTimeOffset equality compares instants only: check the clock time and the offset separately.
        Assert.Equal(local, value.DateTime);
        Assert.Equal(offset, value.Offset);
        Assert.Equal(consumed, used);
    }

    [Theory]
    [InlineData("2025-10-09T24:00:00Z", ParseErrorKind.OutOfRange, 11)]
    [InlineData("2025-10-09T22:60:00Z", ParseErrorKind.OutOfRange, 11)]
    [InlineData("2025-10-09T22:07:60Z", ParseErrorKind.OutOfRange, 11)]
    [InlineData("2025-10-09T22:07:18+15:00", ParseErrorKind.OutOfRange, 19)]
    [InlineData("2025-10-09T22:07:18+05:60", ParseErrorKind.OutOfRange, 19)]
    [InlineData("2025-02-29T22:07:18Z", ParseErrorKind.OutOfRange, 8)]
    [InlineData("2025-10-09T22:07:18", ParseErrorKind.Truncated, 19)]
    [InlineData("2025-10-09T22:07:18 ", ParseErrorKind.Truncated, 20)]
    [InlineData("2025-10-09T22:07:18+05", ParseErrorKind.Truncated, 22)]
    [InlineData("2025-10-09T22", ParseErrorKind.Truncated, 13)]
    [InlineData("2025-10-09", ParseErrorKind.Truncated, 10)]
    [InlineData("2025-10-09T22:07:18X", ParseErrorKind.UnexpectedCharacter, 19)]
    [InlineData("2025-10-09T22:07:18 CET", ParseErrorKind.UnexpectedCharacter, 20)]
    [InlineData("2025-10-09X22:07:18Z", ParseErrorKind.UnexpectedCharacter, 10)]
    [InlineData("2025-10-09T2a:07:18Z", ParseErrorKind.UnexpectedCharacter, 12)]
    [InlineData("2025-10-09T22-07-18Z", ParseErrorKind.UnexpectedCharacter, 13)]
    [InlineData("2025-10-09T22:07:18.Z", ParseErrorKind.UnexpectedCharacter, 20)]
    [InlineData("2025-10-09T22:07:18+0a:00", ParseErrorKind.UnexpectedCharacter, 21)]
    [InlineData("31.01.2024 08:15:00 XYZ", ParseErrorKind.UnexpectedCharacter, 20)]
    public void TryParseDateTime_errors_say_what_and_where(string text, ParseErrorKind kind, int offset)
    {
        Assert.False(Utf8DateParser.TryParseDateTime(Utf8(text), out var value, out var consumed, out var error));

        Assert.Equal(new ParseError(kind, offset), error);
        Assert.Equal(default, value);
        Assert.Equal(0, consumed);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    public void TryParseDateTime_reports_an_instant_outside_the_calendar_instead_of_throwing(string text)
    {
        Assert.False(Utf8DateParser.TryParseDateTime(Utf8(text), out _, out _, out var error));

        Assert.Equal(new ParseError(ParseErrorKind.OutOfRange, 19), error);
    }

    [Fact]
    public void Extreme_instants_inside_the_calendar_are_accepted()
    {
        Assert.True(Utf8DateParser.TryParseDateTime("0001-01-01T01:00:00+01:00"u8, out var first, out _, out _));
        Assert.Equal(DateTime.MinValue, first.UtcDateTime);
        Assert.True(Utf8DateParser.TryParseDateTime("9999-12-31T22:59:59-01:00"u8, out var last, out _, out _));
        Assert.Equal(new DateTime(9999, 12, 31, 23, 59, 59), last.UtcDateTime);
    }
}
