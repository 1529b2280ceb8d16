using System.Text;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Settlements.Amazon;

/// <summary>
/// What Amazon's two settlement flat files share: the tab-separated layout without quoting, columns found by header
/// name, a summary row per settlement (settlement id, dates, <c>total-amount</c>, currency), and the number and date
/// forms seen in real files.
/// </summary>
/// <remarks>
/// <para>Amounts: Amazon writes amounts in the marketplace's convention, and European files mix <c>5,05</c> and
/// <c>5.05</c>, even within one file. The rule, per field: the last <c>.</c> or <c>,</c> is the decimal separator
/// when it is followed by one or two digits and nothing else; the other character is then a thousands separator
/// (<c>1.141,18</c>, <c>1,141.18</c>). A field without either is a whole number. A field whose last separator is
/// followed by three or more digits (<c>1,141</c>) cannot be told apart (a thousands separator or three decimals?) and
/// is rejected rather than guessed. Leading and trailing spaces are ignored.</para>
/// <para>Dates: <c>yyyy-MM-dd</c>, <c>dd.MM.yyyy</c>, and either followed by a time and zone
/// (<c>2025-10-09T22:07:18+00:00</c>, <c>2026-06-17 08:14:22 UTC</c>, <c>17.06.2026 08:14:22 UTC</c>); the day is the
/// date as written, in the zone the file gives.</para>
/// </remarks>
internal static class AmazonFlatFile
{
    private static readonly AmountFormat s_pointDecimal = new((byte)'.', (byte)',');
    private static readonly AmountFormat s_commaDecimal = new((byte)',', (byte)'.');

    /// <summary>True when the first line of <paramref name="head"/> is tab-separated and names all of <paramref name="columns"/>.</summary>
    public static bool HeaderHas(ReadOnlySpan<byte> head, params ReadOnlySpan<string> columns)
    {
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }
        var end = head.IndexOf((byte)'\n');
        var line = end < 0 ? head : head[..end];
        if (line.IndexOf((byte)'\t') < 0)
        {
            return false;
        }
        var names = Names(line);
        foreach (var column in columns)
        {
            if (!names.Contains(column))
            {
                return false;
            }
        }
        return true;
    }

    private static HashSet<string> Names(ReadOnlySpan<byte> line)
    {
        var text = Encoding.UTF8.GetString(line).TrimEnd('\r');
        return text.Split('\t').Select(n => n.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Reads up to and including the header (the first non-blank row) and returns the column index of each of
    /// <paramref name="names"/>, −1 for an absent one.
    /// </summary>
    /// <exception cref="InputFormatException">The file is empty, or one of <paramref name="required"/> is missing.</exception>
    public static int[] ReadHeader(Utf8TabReader reader, string sourceName, string formatName, ReadOnlySpan<string> names, ReadOnlySpan<string> required, out int fieldCount)
    {
        CsvRow row;
        do
        {
            if (!reader.TryReadRow(out row))
            {
                throw new InputFormatException(sourceName, 1, 1, "", $"the file is empty (expected the {formatName} header)");
            }
        }
        while (row.IsBlank);
        var indices = new int[names.Length];
        indices.AsSpan().Fill(-1);
        for (var f = 0; f < row.FieldCount; f++)
        {
            var name = Encoding.UTF8.GetString(row[f]).Trim().TrimStart('\uFEFF').ToLowerInvariant();
            for (var n = 0; n < names.Length; n++)
            {
                if (indices[n] < 0 && string.Equals(names[n], name, StringComparison.Ordinal))
                {
                    indices[n] = f;
                }
            }
        }
        foreach (var column in required)
        {
            var n = names.IndexOf(column);
            if (indices[n] < 0)
            {
                var raw = Encoding.UTF8.GetString(row.Raw);
                throw new InputFormatException(sourceName, row.LineNumber, 1, raw.Length > 120 ? raw[..120] + "…" : raw,
                    $"not an {formatName} header: the column '{column}' is missing");
            }
        }
        fieldCount = row.FieldCount;
        return indices;
    }

    /// <summary>The field at <paramref name="index"/> without surrounding spaces, or empty when the column is absent.</summary>
    public static ReadOnlySpan<byte> Field(in CsvRow row, int index) =>
        index < 0 || index >= row.FieldCount ? default : row[index].Trim((byte)' ');

    /// <summary>True when every field of the row is empty or spaces.</summary>
    public static bool AllEmpty(in CsvRow row)
    {
        for (var f = 0; f < row.FieldCount; f++)
        {
            if (!row[f].Trim((byte)' ').IsEmpty)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Parses an amount by the per-field separator rule (see the remarks on the class).</summary>
    public static bool TryParseAmount(ReadOnlySpan<byte> text, Currency currency, out long minorUnits, out string reason)
    {
        var last = text.LastIndexOfAny((byte)'.', (byte)',');
        var format = s_pointDecimal;
        if (last >= 0)
        {
            var after = text.Length - 1 - last;
            if (after is < 1 or > 2 || !IsDigits(text[(last + 1)..]))
            {
                minorUnits = 0;
                reason = after > 2 && IsDigits(text[(last + 1)..])
                    ? "ambiguous amount: the last separator is followed by three or more digits, so it may be a thousands separator or a decimal one"
                    : "not an amount";
                return false;
            }
            if (text[last] == (byte)',')
            {
                format = s_commaDecimal;
            }
        }
        if (!Utf8AmountParser.TryParseExact(text, currency, format, out minorUnits, out var error))
        {
            reason = error.Kind switch
            {
                ParseErrorKind.Overflow => "the amount does not fit in 64-bit minor units",
                ParseErrorKind.TooManyDecimals => $"more decimals than {currency.Code} has",
                ParseErrorKind.BadGrouping => "thousands separators not in groups of three",
                _ => "not an amount",
            };
            return false;
        }
        reason = "";
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }
        return !text.IsEmpty;
    }

    /// <summary>Parses a date or date-time (see the remarks on the class) into a day number.</summary>
    public static bool TryParseDay(ReadOnlySpan<byte> text, out int dayNumber)
    {
        if (Utf8DateParser.TryParseDate(text, out var date, out var consumed, out _) && consumed == text.Length)
        {
            dayNumber = date.DayNumber;
            return true;
        }
        dayNumber = -1;
        return false;
    }

    /// <summary>A currency code that can carry an amount.</summary>
    public static bool TryParseCurrency(ReadOnlySpan<byte> text, out Currency currency) =>
        Currency.TryFromCode(text, out currency) && currency.HasMinorUnits;

    /// <summary>
    /// The settlement a file is in: the id and currency of its last summary row, copied into a buffer reused
    /// across settlements (a longer id grows it, once).
    /// </summary>
    public sealed class Settlement
    {
        private byte[] _id = new byte[32];
        private int _length;

        public ReadOnlySpan<byte> Id => _id.AsSpan(0, _length);

        public Currency Currency { get; private set; }

        public bool HasCurrency { get; private set; }

        public void Set(ReadOnlySpan<byte> id, Currency currency)
        {
            if (id.Length > _id.Length)
            {
                _id = new byte[id.Length];
            }
            id.CopyTo(_id);
            _length = id.Length;
            Currency = currency;
            HasCurrency = true;
        }
    }

    /// <summary>
    /// Handles what every data row of both formats may be before it is a transaction: a ragged row, a repeated
    /// header, an empty row, a summary row. Returns true when the row was fully handled (one sink call made).
    /// </summary>
    public static bool TryHandleNonTransaction(in CsvRow row, int headerFields, int settlementIdColumn, int totalColumn, int currencyColumn,
        int transactionTypeColumn, Settlement settlement, ISettlementSink sink)
    {
        var line = row.LineNumber;
        if (row.FieldCount != headerFields)
        {
            var column = Math.Min(row.FieldCount, headerFields) + 1;
            sink.Reject(line, column, row.Raw.Length > 200 ? row.Raw[..200] : row.Raw,
                $"expected {headerFields} tab-separated fields, found {row.FieldCount}");
            return true;
        }
        var settlementId = Field(row, settlementIdColumn);
        if (Ascii.EqualsIgnoreCase(settlementId, "settlement-id"u8))
        {
            sink.Informational(line, "the header repeated");
            return true;
        }
        if (AllEmpty(row))
        {
            sink.Informational(line, "a row with only empty fields");
            return true;
        }
        var total = Field(row, totalColumn);
        if (total.IsEmpty)
        {
            return false;
        }
        // A summary row: the settlement's dates, deposit date, total-amount and currency.
        var currencyText = Field(row, currencyColumn);
        if (!TryParseCurrency(currencyText, out var currency))
        {
            sink.Reject(line, currencyColumn + 1, currencyText, "unknown currency (not an ISO 4217 code with minor units)");
            return true;
        }
        if (settlementId.IsEmpty)
        {
            sink.Reject(line, settlementIdColumn + 1, settlementId, "a summary row (with a total-amount) without a settlement-id");
            return true;
        }
        if (!TryParseAmount(total, currency, out var minorUnits, out var reason))
        {
            sink.Reject(line, totalColumn + 1, total, reason);
            return true;
        }
        if (!Field(row, transactionTypeColumn).IsEmpty)
        {
            sink.Reject(line, transactionTypeColumn + 1, Field(row, transactionTypeColumn),
                "a row with both a total-amount and a transaction-type: neither a summary row nor a transaction");
            return true;
        }
        settlement.Set(settlementId, currency);
        sink.StatedTotal(settlementId, Money.FromMinorUnits(minorUnits, currency), line, "total-amount");
        return true;
    }

    /// <summary>
    /// The currency, settlement id and day of a transaction row (the settlement's own when the row leaves them
    /// empty). Rejects the row and returns false when one is unreadable.
    /// </summary>
    public static bool TryReadCommon(in CsvRow row, int settlementIdColumn, int currencyColumn, int dateColumn, int dateTimeColumn,
        Settlement settlement, ISettlementSink sink, out Currency currency, out ReadOnlySpan<byte> settlementId, out int dayNumber)
    {
        var line = row.LineNumber;
        settlementId = Field(row, settlementIdColumn);
        if (settlementId.IsEmpty)
        {
            settlementId = settlement.Id;
        }
        dayNumber = -1;
        var currencyText = Field(row, currencyColumn);
        if (currencyText.IsEmpty && settlement.HasCurrency)
        {
            currency = settlement.Currency;
        }
        else if (!TryParseCurrency(currencyText, out currency))
        {
            sink.Reject(line, currencyColumn + 1, currencyText, currencyText.IsEmpty
                ? "no currency on the row and no summary row before it"
                : "unknown currency (not an ISO 4217 code with minor units)");
            return false;
        }
        var dateText = Field(row, dateColumn);
        var column = dateColumn;
        if (dateText.IsEmpty)
        {
            dateText = Field(row, dateTimeColumn);
            column = dateTimeColumn;
        }
        if (!dateText.IsEmpty && !TryParseDay(dateText, out dayNumber))
        {
            sink.Reject(line, column + 1, dateText, "not a date (yyyy-MM-dd or dd.MM.yyyy, optionally with a time and zone)");
            return false;
        }
        return true;
    }
}
