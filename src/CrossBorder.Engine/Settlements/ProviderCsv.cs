using System.Text;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Settlements;

/// <summary>
/// What the CSV-based provider readers (Stripe, Shopify, eBay, Braintree) share: finding columns by header name, reading a
/// field, the report dates, and header detection from a file's first bytes. Nothing here allocates per row.
/// </summary>
internal static class ProviderCsv
{
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>A header cell without a BOM, surrounding spaces or tabs.</summary>
    public static ReadOnlySpan<byte> CleanName(ReadOnlySpan<byte> cell)
    {
        if (cell.StartsWith(Bom))
        {
            cell = cell[Bom.Length..];
        }
        return cell.Trim(" \t"u8);
    }

    /// <summary>
    /// The next row; a CSV error (an unclosed quote, text after a closing quote) is rethrown naming
    /// <paramref name="sourceName"/> rather than the stream.
    /// </summary>
    public static bool TryReadRow(Utf8CsvReader csv, string sourceName, out CsvRow row)
    {
        try
        {
            return csv.TryReadRow(out row);
        }
        catch (InputFormatException e) when (!string.Equals(e.Source, sourceName, StringComparison.Ordinal))
        {
            throw new InputFormatException(sourceName, e.Line, e.Column, e.Value, e.Reason, e);
        }
    }

    /// <summary>Checks the arguments of <see cref="ISettlementReader.Read"/> and opens the CSV over the stream (left open).</summary>
    public static Utf8CsvReader Open(Stream stream, string sourceName, ComponentMapping mapping, ISettlementSink sink)
    {
        ArgumentNullException.ThrowIfNull(stream, nameof(stream));
        ArgumentNullException.ThrowIfNull(sourceName, nameof(sourceName));
        ArgumentNullException.ThrowIfNull(mapping, nameof(mapping));
        ArgumentNullException.ThrowIfNull(sink, nameof(sink));
        return new Utf8CsvReader(stream, leaveOpen: true);
    }

    /// <summary>The first non-blank row: the header.</summary>
    /// <exception cref="InputFormatException">The file has none ("empty file: expected <paramref name="expected"/>").</exception>
    public static CsvRow ReadHeader(Utf8CsvReader csv, string sourceName, string expected)
    {
        CsvRow row;
        do
        {
            if (!TryReadRow(csv, sourceName, out row))
            {
                throw new InputFormatException(sourceName, 1, 1, "", $"empty file: expected {expected}");
            }
        }
        while (row.IsBlank);
        return row;
    }

    /// <summary>The 0-based index of the column named <paramref name="name"/> (ASCII case-insensitive), or −1.</summary>
    public static int Find(in CsvRow header, ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < header.FieldCount; i++)
        {
            if (Ascii.EqualsIgnoreCase(CleanName(header[i]), name))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The field at <paramref name="index"/> without surrounding spaces, or empty when the column is absent or the row short.</summary>
    public static ReadOnlySpan<byte> Field(in CsvRow row, int index) =>
        index >= 0 && index < row.FieldCount ? row[index].Trim((byte)' ') : default;

    /// <summary>
    /// A report date: <c>yyyy-MM-dd</c>, optionally followed by a time (<c>T</c> or a space, <c>HH:mm[:ss[.f]]</c>)
    /// and a zone. The day is the date as written (Stripe's <c>created_utc</c> is UTC by its name and has no zone; a
    /// Shopify date carries the shop's offset and its day is the shop's day). Gives <see cref="DateOnly.DayNumber"/>.
    /// </summary>
    public static bool TryParseDay(ReadOnlySpan<byte> text, out int dayNumber, out ParseError error)
    {
        dayNumber = -1;
        if (text.IsEmpty)
        {
            error = new ParseError(ParseErrorKind.Empty, 0);
            return false;
        }
        if (!Utf8DateParser.TryParseIsoDate(text, out var date, out var used, out error))
        {
            return false;
        }
        if (used < text.Length)
        {
            if (text[used] is not ((byte)'T' or (byte)' '))
            {
                error = new ParseError(ParseErrorKind.UnexpectedCharacter, used);
                return false;
            }
            if (Utf8DateParser.TryParseDateTime(text, out _, out var consumed, out var timeError))
            {
                if (consumed != text.Length)
                {
                    error = new ParseError(ParseErrorKind.UnexpectedCharacter, consumed);
                    return false;
                }
            }
            else if (!(timeError.Kind == ParseErrorKind.Truncated && timeError.Offset >= text.Length))
            {
                // Only a missing zone at the very end is accepted (a complete time without a zone).
                error = timeError;
                return false;
            }
        }
        dayNumber = date.DayNumber;
        error = default;
        return true;
    }

    /// <summary>
    /// A date with an English month name, as eBay writes it: <c>Oct 1, 2026</c>, <c>Oct 01, 2026</c>,
    /// <c>October 1, 2026</c> (month names invariant, ASCII case-insensitive; any time after the year and a space is ignored),
    /// or an ISO date (see <see cref="TryParseDay"/>).
    /// </summary>
    public static bool TryParseMonthNameDay(ReadOnlySpan<byte> text, out int dayNumber, out ParseError error)
    {
        dayNumber = -1;
        if (text.IsEmpty)
        {
            error = new ParseError(ParseErrorKind.Empty, 0);
            return false;
        }
        if (text[0] is >= (byte)'0' and <= (byte)'9')
        {
            return TryParseDay(text, out dayNumber, out error);
        }
        var i = 0;
        while (i < text.Length && ((text[i] | 0x20) is >= (byte)'a' and <= (byte)'z'))
        {
            i++;
        }
        var month = MonthOf(text[..i]);
        if (month == 0)
        {
            error = new ParseError(ParseErrorKind.UnexpectedCharacter, 0);
            return false;
        }
        if (i < text.Length && text[i] == (byte)'.')
        {
            i++; // "Sept." style abbreviations
        }
        if (i >= text.Length || text[i] != (byte)' ')
        {
            error = new ParseError(i >= text.Length ? ParseErrorKind.Truncated : ParseErrorKind.UnexpectedCharacter, i);
            return false;
        }
        i++;
        var dayStart = i;
        var day = 0;
        while (i < text.Length && i - dayStart < 2 && text[i] is >= (byte)'0' and <= (byte)'9')
        {
            day = day * 10 + (text[i] - '0');
            i++;
        }
        if (i == dayStart)
        {
            error = new ParseError(i >= text.Length ? ParseErrorKind.Truncated : ParseErrorKind.UnexpectedCharacter, i);
            return false;
        }
        if (i < text.Length && text[i] == (byte)',')
        {
            i++;
        }
        if (i >= text.Length || text[i] != (byte)' ')
        {
            error = new ParseError(i >= text.Length ? ParseErrorKind.Truncated : ParseErrorKind.UnexpectedCharacter, i);
            return false;
        }
        i++;
        var yearStart = i;
        var year = 0;
        while (i < text.Length && i - yearStart < 4 && text[i] is >= (byte)'0' and <= (byte)'9')
        {
            year = year * 10 + (text[i] - '0');
            i++;
        }
        if (i - yearStart != 4)
        {
            error = new ParseError(i >= text.Length ? ParseErrorKind.Truncated : ParseErrorKind.UnexpectedCharacter, i);
            return false;
        }
        if (i < text.Length && text[i] != (byte)' ')
        {
            error = new ParseError(ParseErrorKind.UnexpectedCharacter, i);
            return false;
        }
        if (year < 1 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = new ParseError(ParseErrorKind.OutOfRange, dayStart);
            return false;
        }
        dayNumber = new DateOnly(year, month, day).DayNumber;
        error = default;
        return true;
    }

    private static int MonthOf(ReadOnlySpan<byte> name)
    {
        if (name.Length < 3)
        {
            return 0;
        }
        ReadOnlySpan<byte> names = "janfebmaraprmayjunjulaugsepoctnovdec"u8;
        for (var m = 0; m < 12; m++)
        {
            if (Ascii.EqualsIgnoreCase(name[..3], names.Slice(m * 3, 3)))
            {
                return name.Length == 3 || IsFullName(name, m) ? m + 1 : 0;
            }
        }
        return 0;
    }

    private static readonly byte[][] s_monthNames =
        [.. new[] { "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december" }.Select(Encoding.ASCII.GetBytes)];

    private static bool IsFullName(ReadOnlySpan<byte> name, int month) =>
        Ascii.EqualsIgnoreCase(name, s_monthNames[month]) || (month == 8 && Ascii.EqualsIgnoreCase(name, "sept"u8));

    /// <summary>The lower-cased, trimmed column names of one header line (for detection; allocates).</summary>
    public static HashSet<string> HeaderNames(ReadOnlySpan<byte> line)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var csv = new Utf8CsvReader(new MemoryStream(line.ToArray()), leaveOpen: false);
        try
        {
            if (csv.TryReadRow(out var row))
            {
                for (var i = 0; i < row.FieldCount; i++)
                {
                    names.Add(Encoding.UTF8.GetString(CleanName(row[i])).ToLowerInvariant());
                }
            }
        }
        catch (InputFormatException)
        {
            // A header cut off inside a quoted field is not a header we recognise.
        }
        return names;
    }

    /// <summary>The lines of <paramref name="head"/> (the last one possibly cut off), at most <paramref name="max"/>.</summary>
    public static IEnumerable<byte[]> Lines(ReadOnlySpan<byte> head, int max)
    {
        var lines = new List<byte[]>();
        while (!head.IsEmpty && lines.Count < max)
        {
            var end = head.IndexOf((byte)'\n');
            var line = end < 0 ? head : head[..end];
            lines.Add(line.TrimEnd((byte)'\r').ToArray());
            head = end < 0 ? default : head[(end + 1)..];
        }
        return lines;
    }

    /// <summary>
    /// The 0-based indexes of <paramref name="names"/>, in that order.
    /// </summary>
    /// <exception cref="InputFormatException">One is missing: names the header line, the column and what is required.</exception>
    public static int[] RequireColumns(in CsvRow header, string sourceName, string report, params string[] names)
    {
        var indexes = new int[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            indexes[i] = Find(header, Encoding.UTF8.GetBytes(names[i]));
            if (indexes[i] < 0)
            {
                throw new InputFormatException(sourceName, header.LineNumber, 1, Encoding.UTF8.GetString(header.Raw),
                    $"not a {report} header: the column '{names[i]}' is missing (required: {string.Join(", ", names)})");
            }
        }
        return indexes;
    }

    /// <summary>
    /// The currency in <paramref name="column"/>: an ISO 4217 code with minor units (ASCII case-insensitive). Otherwise
    /// the row is rejected at that column ("empty currency" or "unknown currency code …") and the result is false.
    /// </summary>
    public static bool TryCurrency(in CsvRow row, int column, ISettlementSink sink, out Currency currency)
    {
        var text = Field(row, column);
        if (Currency.TryFromCode(text, out currency) && currency.HasMinorUnits)
        {
            return true;
        }
        sink.Reject(row.LineNumber, column + 1, text, text.IsEmpty ? "empty currency" : "unknown currency code (not an ISO 4217 code with minor units)");
        return false;
    }

    /// <summary>
    /// An optional amount column: empty (or absent) is zero and not <paramref name="present"/>. A malformed value is
    /// rejected at its column (reason naming <paramref name="name"/>) and gives false.
    /// </summary>
    public static bool TryOptionalAmount(in CsvRow row, int column, Currency currency, in AmountFormat format, string name, ISettlementSink sink, out long value, out bool present)
    {
        value = 0;
        var text = Field(row, column);
        present = !text.IsEmpty;
        if (text.IsEmpty || Utf8AmountParser.TryParseExact(text, currency, format, out value, out var error))
        {
            return true;
        }
        sink.Reject(row.LineNumber, column + 1, text, Describe(error, name));
        return false;
    }

    /// <summary>A reject reason: the column name and why its value failed to parse (allocates; only on the reject path).</summary>
    public static string Describe(ParseError error, string column) => $"{column}: {error.Reason}";
}
