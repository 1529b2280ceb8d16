using System.Text;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Settlements.PayPal;

/// <summary>
/// Reads PayPal's Settlement Report (STL, the SFTP report <c>STL-yyyymmdd.sequence.version.CSV</c>): rows tagged
/// with a record type — RH, FH, SH, CH, SB, SF, SC, RF, RC, FF.
/// </summary>
/// <remarks>
/// <para>
/// Encoding: UTF-8 (with or without BOM), or the legacy UTF-16 (a UTF-16 BOM, or null bytes among the first bytes),
/// which is transcoded to UTF-8 as it streams. The CH row names the SB columns (found by name; doubled spaces, as
/// in <c>Transaction  Debit or Credit</c>, match single ones).
/// </para>
/// <para>
/// Amounts are unsigned and always in hundredths of the currency unit whatever its minor units (PayPal writes 100
/// yen and 100.00 USD both as <c>10000</c>); the sign comes from the DR/CR column: CR (to the merchant) positive,
/// DR negative. An SB row gives a gross line (ref = Transaction ID; mapping type = Transaction Event Code, code
/// empty) and, when the fee is not zero, a fee line (code <c>Fee</c>, ref + <c>:fee</c>). Order id: Invoice ID,
/// else PayPal Reference ID, else Transaction ID. Settlement id: the section's period as its SH row states it
/// (<c>start..end</c>).
/// </para>
/// <para>
/// Totals. An SF row (section footer) states, for one currency, the section's total gross credits and debits and
/// total fee credits and debits, in this order after the currency (<c>SF, currency, gross CR, gross DR, fee CR, fee
/// DR, …</c>; later fields are ignored). Its net, gross CR − gross DR + fee CR − fee DR, is stated as the section's
/// total, which the section's lines in that currency sum to when the report is consistent. The RF row (report
/// footer) repeats that for the whole report: it is informational (it is not a settlement of its own). SC and RC
/// (record counts) are checked against the SB rows seen and rejected when they differ; RH, FH, SH, CH and FF are
/// informational.
/// </para>
/// <para>
/// The field order of SF is taken from PayPal's specification as available when this was written; no real STL file
/// was at hand to confirm it, so a file whose SF layout differs shows as a settlement mismatch, not as lost data.
/// </para>
/// </remarks>
public sealed class PayPalStlReader : ISettlementReader
{
    /// <inheritdoc/>
    public SettlementFormat Format => SettlementFormat.PayPalStl;

    /// <inheritdoc/>
    public bool Recognizes(ReadOnlySpan<byte> head)
    {
        if (LooksUtf16(head, out var bigEndian))
        {
            var text = (bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode).GetString(head[..(head.Length & ~1)]);
            head = Encoding.UTF8.GetBytes(text.TrimStart('\uFEFF'));
        }
        var line = ReaderText.FirstNonBlankLine(head);
        return line.StartsWith("\"RH\","u8) || line.StartsWith("RH,"u8);
    }

    /// <summary>True when <paramref name="head"/> starts with a UTF-16 BOM or has null bytes where ASCII text in UTF-16 would.</summary>
    private static bool LooksUtf16(ReadOnlySpan<byte> head, out bool bigEndian)
    {
        bigEndian = false;
        if (head.Length >= 2 && head[0] == 0xFF && head[1] == 0xFE)
        {
            return true;
        }
        if (head.Length >= 2 && head[0] == 0xFE && head[1] == 0xFF)
        {
            bigEndian = true;
            return true;
        }
        if (head.Length >= 4 && head[1] == 0 && head[3] == 0 && head[0] != 0)
        {
            return true;
        }
        if (head.Length >= 4 && head[0] == 0 && head[2] == 0 && head[1] != 0)
        {
            bigEndian = true;
            return true;
        }
        return false;
    }

    /// <inheritdoc/>
    public void Read(Stream stream, string sourceName, ComponentMapping mapping, ISettlementSink sink)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(sink);
        var prefix = new byte[4];
        var got = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        Stream source = new PrefixedStream(prefix.AsMemory(0, got), stream);
        if (LooksUtf16(prefix.AsSpan(0, got), out var bigEndian))
        {
            source = Encoding.CreateTranscodingStream(source, bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode, Encoding.UTF8, leaveOpen: true);
        }
        using (source)
        {
            ReadUtf8(source, sourceName, mapping, sink);
        }
    }

    private static void ReadUtf8(Stream stream, string sourceName, ComponentMapping mapping, ISettlementSink sink)
    {
        using var csv = new Utf8CsvReader(stream, leaveOpen: true);
        Columns c = default;
        var haveColumns = false;
        var sawRecord = false;
        var section = new byte[128];
        var sectionLength = 0;
        long sectionBodies = 0;
        long reportBodies = 0;
        Span<byte> componentScratch = stackalloc byte[64];
        Span<byte> refScratch = stackalloc byte[96];
        while (ProviderCsv.TryReadRow(csv, sourceName, out var row))
        {
            if (row.IsBlank)
            {
                continue;
            }
            var line = row.LineNumber;
            var kind = ReaderText.Field(row, 0);
            if (!sawRecord)
            {
                if (!kind.SequenceEqual("RH"u8) && !kind.SequenceEqual("FH"u8) && !kind.SequenceEqual("SH"u8) && !kind.SequenceEqual("CH"u8))
                {
                    throw new InputFormatException(sourceName, line, 1, ReaderText.Text(kind), "not a PayPal settlement report (STL): the first record is not RH, FH, SH or CH");
                }
                sawRecord = true;
            }
            if (kind.SequenceEqual("SB"u8))
            {
                sectionBodies++;
                reportBodies++;
                if (!haveColumns)
                {
                    sink.Reject(line, 1, kind, "a body row (SB) before any column header (CH)");
                    continue;
                }
                ReadBody(row, c, section.AsSpan(0, sectionLength), mapping, sink, componentScratch, refScratch);
                continue;
            }
            if (kind.SequenceEqual("CH"u8))
            {
                c = Columns.From(row, sourceName);
                haveColumns = true;
                sink.Informational(line, "STL column header (CH)");
                continue;
            }
            if (kind.SequenceEqual("SH"u8))
            {
                var start = ReaderText.Field(row, 1);
                var end = ReaderText.Field(row, 2);
                sectionLength = ReaderText.Concat(section, start, ".."u8).Length;
                sectionLength += ReaderText.Concat(section.AsSpan(sectionLength), end, default).Length;
                sectionBodies = 0;
                sink.Informational(line, "STL section header (SH)");
                continue;
            }
            if (kind.SequenceEqual("SF"u8))
            {
                Footer(row, section.AsSpan(0, sectionLength), sink, stated: true);
                continue;
            }
            if (kind.SequenceEqual("RF"u8))
            {
                Footer(row, default, sink, stated: false);
                continue;
            }
            if (kind.SequenceEqual("SC"u8) || kind.SequenceEqual("RC"u8))
            {
                var expected = kind[0] == (byte)'S' ? sectionBodies : reportBodies;
                var value = ReaderText.Field(row, 1);
                if (!TryUnsigned(value, out var count) || count != expected)
                {
                    sink.Reject(line, 2, value, kind[0] == (byte)'S'
                        ? "the section record count (SC) differs from the number of body rows (SB) in the section"
                        : "the report record count (RC) differs from the number of body rows (SB) in the report");
                    continue;
                }
                sink.Informational(line, "STL record count");
                continue;
            }
            if (kind.SequenceEqual("RH"u8) || kind.SequenceEqual("FH"u8) || kind.SequenceEqual("FF"u8))
            {
                sink.Informational(line, "STL report or file header or footer");
                continue;
            }
            sink.Reject(line, 1, kind, "unknown STL record type (expected RH, FH, SH, CH, SB, SF, SC, RF, RC or FF)");
        }
        if (!sawRecord)
        {
            throw new InputFormatException(sourceName, 1, 1, "", "not a PayPal settlement report (STL): the file is empty");
        }
    }

    private static void ReadBody(in CsvRow row, in Columns c, ReadOnlySpan<byte> section, ComponentMapping mapping, ISettlementSink sink, Span<byte> componentScratch, Span<byte> refScratch)
    {
        var line = row.LineNumber;
        if (row.FieldCount <= c.LastRequired)
        {
            sink.Reject(line, row.FieldCount + 1, default, "the row ends before the last required column; a truncated row");
            return;
        }
        var currencyText = ReaderText.Field(row, c.GrossCurrency);
        if (!Currency.TryFromCode(currencyText, out var currency) || !currency.HasMinorUnits)
        {
            sink.Reject(line, c.GrossCurrency + 1, currencyText, "Gross Transaction Currency is not an ISO 4217 currency code");
            return;
        }
        if (!TrySigned(row, c.GrossDirection, c.GrossAmount, currency, out var gross, out var badColumn, out var reason))
        {
            sink.Reject(line, badColumn + 1, ReaderText.Field(row, badColumn), "Gross: " + reason);
            return;
        }
        var feeCurrency = currency;
        var feeCurrencyText = ReaderText.Field(row, c.FeeCurrency);
        if (!feeCurrencyText.IsEmpty && (!Currency.TryFromCode(feeCurrencyText, out feeCurrency) || !feeCurrency.HasMinorUnits))
        {
            sink.Reject(line, c.FeeCurrency + 1, feeCurrencyText, "Fee Currency is not an ISO 4217 currency code");
            return;
        }
        long fee = 0;
        if (!ReaderText.Field(row, c.FeeAmount).IsEmpty && !TrySigned(row, c.FeeDirection, c.FeeAmount, feeCurrency, out fee, out badColumn, out reason))
        {
            sink.Reject(line, badColumn + 1, ReaderText.Field(row, badColumn), "Fee: " + reason);
            return;
        }
        var day = -1;
        var dateColumn = c.CompletionDate >= 0 ? c.CompletionDate : c.InitiationDate;
        var dateText = ReaderText.Field(row, dateColumn);
        if (!dateText.IsEmpty && !PayPalActivityReader.TryParseDate(dateText, dayFirst: false, out day))
        {
            sink.Reject(line, dateColumn + 1, dateText, "not a yyyy/MM/dd date");
            return;
        }
        var code = ReaderText.Field(row, c.EventCode);
        var transaction = ReaderText.Field(row, c.TransactionId);
        var orderId = ReaderText.FirstNonEmpty(ReaderText.Field(row, c.InvoiceId), ReaderText.Field(row, c.ReferenceId), transaction);
        ReaderText.AcceptGrossAndFee(sink, mapping, SettlementFormat.PayPalStl, code, orderId, transaction, section, day, line,
            currency, gross, feeCurrency, fee, componentScratch, refScratch);
    }

    /// <summary>SF or RF: <c>type, currency, gross CR, gross DR, fee CR, fee DR, …</c>.</summary>
    private static void Footer(in CsvRow row, ReadOnlySpan<byte> section, ISettlementSink sink, bool stated)
    {
        var line = row.LineNumber;
        var currencyText = ReaderText.Field(row, 1);
        if (!Currency.TryFromCode(currencyText, out var currency) || !currency.HasMinorUnits)
        {
            sink.Reject(line, 2, currencyText, "the footer's currency is not an ISO 4217 currency code");
            return;
        }
        long net = 0;
        for (var i = 0; i < 4; i++)
        {
            var value = ReaderText.Field(row, 2 + i);
            if (!TryUnsigned(value, out var hundredths) || !TryToMinor(hundredths, currency, out var minor))
            {
                sink.Reject(line, 3 + i, value, "a footer total is not an unsigned amount in hundredths of the currency");
                return;
            }
            try
            {
                net = checked(i % 2 == 0 ? net + minor : net - minor);
            }
            catch (OverflowException)
            {
                sink.Reject(line, 3 + i, value, "the footer's net total overflows 64-bit minor units");
                return;
            }
        }
        if (stated)
        {
            sink.StatedTotal(section, new Money(net, currency), line, "STL section footer (SF)");
        }
        else
        {
            sink.Informational(line, "STL report footer (RF): the totals of the whole report");
        }
    }

    private static bool TrySigned(in CsvRow row, int directionColumn, int amountColumn, Currency currency, out long minor, out int badColumn, out string reason)
    {
        minor = 0;
        var direction = ReaderText.Field(row, directionColumn);
        var negative = direction.SequenceEqual("DR"u8);
        if (!negative && !direction.SequenceEqual("CR"u8))
        {
            badColumn = directionColumn;
            reason = "the debit or credit column is neither DR nor CR";
            return false;
        }
        badColumn = amountColumn;
        if (!TryUnsigned(ReaderText.Field(row, amountColumn), out var hundredths))
        {
            reason = "not an unsigned amount in hundredths of the currency";
            return false;
        }
        if (!TryToMinor(hundredths, currency, out minor))
        {
            reason = "not a whole number of the currency's minor units, or too large";
            return false;
        }
        reason = "";
        minor = negative ? -minor : minor;
        return true;
    }

    /// <summary>Hundredths of the unit to minor units: ×10 for three-digit currencies, ÷100 (exact) for zero-digit ones.</summary>
    private static bool TryToMinor(long hundredths, Currency currency, out long minor)
    {
        minor = 0;
        var digits = currency.MinorUnits;
        if (digits == 2)
        {
            minor = hundredths;
            return true;
        }
        if (digits < 2)
        {
            var divisor = digits == 1 ? 10 : 100;
            if (hundredths % divisor != 0)
            {
                return false;
            }
            minor = hundredths / divisor;
            return true;
        }
        var factor = digits == 3 ? 10L : 100L;
        if (hundredths > long.MaxValue / factor)
        {
            return false;
        }
        minor = hundredths * factor;
        return true;
    }

    private static bool TryUnsigned(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 18)
        {
            return false;
        }
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
            value = value * 10 + (b - '0');
        }
        return true;
    }

    /// <summary>The 0-based SB column indexes named by the CH row.</summary>
    private struct Columns
    {
        public int TransactionId;
        public int InvoiceId;
        public int ReferenceId;
        public int EventCode;
        public int InitiationDate;
        public int CompletionDate;
        public int GrossDirection;
        public int GrossAmount;
        public int GrossCurrency;
        public int FeeDirection;
        public int FeeAmount;
        public int FeeCurrency;
        public int LastRequired;

        public static Columns From(in CsvRow header, string sourceName)
        {
            var c = new Columns
            {
                TransactionId = Required(header, sourceName, "Transaction ID"),
                InvoiceId = ReaderText.Find(header, "Invoice ID"),
                ReferenceId = ReaderText.Find(header, "PayPal Reference ID"),
                EventCode = Required(header, sourceName, "Transaction Event Code"),
                InitiationDate = ReaderText.Find(header, "Transaction Initiation Date"),
                CompletionDate = ReaderText.Find(header, "Transaction Completion Date"),
                GrossDirection = Required(header, sourceName, "Transaction Debit or Credit"),
                GrossAmount = Required(header, sourceName, "Gross Transaction Amount"),
                GrossCurrency = Required(header, sourceName, "Gross Transaction Currency"),
                FeeDirection = ReaderText.Find(header, "Fee Debit or Credit"),
                FeeAmount = ReaderText.Find(header, "Fee Amount"),
                FeeCurrency = ReaderText.Find(header, "Fee Currency"),
            };
            c.LastRequired = Math.Max(Math.Max(c.TransactionId, c.EventCode), Math.Max(c.GrossDirection, Math.Max(c.GrossAmount, c.GrossCurrency)));
            return c;
        }

        private static int Required(in CsvRow header, string sourceName, string name)
        {
            var index = ReaderText.Find(header, name);
            if (index < 0)
            {
                throw new InputFormatException(sourceName, header.LineNumber, 1, "CH", $"the STL column header (CH) has no '{name}' column");
            }
            return index;
        }
    }
}
