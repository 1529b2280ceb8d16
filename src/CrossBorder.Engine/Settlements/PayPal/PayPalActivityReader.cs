using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Settlements.PayPal;

/// <summary>
/// Reads PayPal's Activity download and Statement download (CSV), in English or Spanish.
/// </summary>
/// <remarks>
/// <para>
/// Columns are found by name in either language (<c>Date</c>/<c>Fecha</c>, <c>Type</c> or <c>Description</c>/
/// <c>Tipo</c> or <c>Descripción</c>, <c>Currency</c>/<c>Divisa</c>/<c>Moneda</c>, <c>Gross</c>/<c>Bruto</c>,
/// <c>Fee</c>/<c>Tarifa</c>/<c>Comisión</c>, <c>Net</c>/<c>Neto</c>, <c>Transaction ID</c>/<c>Id. de
/// transacción</c>, <c>Reference Txn ID</c>, <c>Invoice Number</c>/<c>Invoice ID</c>, <c>Status</c>, <c>Balance
/// Impact</c>).
/// </para>
/// <para>
/// Number and date formats come from the file, never from the machine: when the stream can seek, the reader first
/// scans the Date and Gross columns. A date whose first part exceeds 12 proves day-first dates, one whose second part
/// does proves month-first; an amount ending in ',' and two digits proves a decimal comma, '.' and two digits a
/// decimal point. Without evidence (or on a stream that cannot seek) the header language decides: Spanish is
/// <c>d/M/yyyy</c> with <c>4.626,81</c>, English <c>M/d/yyyy</c> with <c>4,626.81</c>. A date that does not fit
/// the order decided is rejected.
/// </para>
/// <para>
/// Lines: the gross amount (mapping code <c>Gross</c>, ref = Transaction ID) and, when not zero, the fee (code
/// <c>Fee</c>, ref = Transaction ID + <c>:fee</c>), both signed as PayPal shows them, so a row's lines sum to its
/// net (checked: Gross + Fee must equal Net). The mapping type is the Type (or Description) column. Order id: the
/// invoice number, else the Reference Txn ID, else the Transaction ID, so that a refund or a currency conversion
/// lands on the key of the payment or withdrawal it belongs to.
/// </para>
/// <para>
/// Currency conversions ("General Currency Conversion", "Conversión de divisa general", …) are two linked rows, one
/// per currency, each a real movement of that currency's balance: both are read as lines (component
/// <c>fx_conversion</c> by the default mapping) in their own currency. Nothing is counted twice (each row moves one
/// balance once) and nothing is lost (dropping them would leave the withdrawal or payment they fund unbalanced in
/// each currency). Rows whose Status says no money moved (denied, cancelled, failed) and rows whose Balance
/// Impact is <c>Memo</c> are informational. Activity downloads state no settlement total: lines carry no settlement
/// id.
/// </para>
/// </remarks>
public sealed class PayPalActivityReader : ISettlementReader
{
    /// <inheritdoc/>
    public SettlementFormat Format => SettlementFormat.PayPalActivity;

    /// <inheritdoc/>
    public bool Recognizes(ReadOnlySpan<byte> head) =>
        (ReaderText.HeadHasCells(head, "Date", "Gross", "Transaction ID") || ReaderText.HeadHasCells(head, "Fecha", "Bruto"))
        && !ReaderText.HeadHasCells(head, "Psp Reference");

    /// <inheritdoc/>
    public void Read(Stream stream, string sourceName, ComponentMapping mapping, ISettlementSink sink)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(sink);
        var start = stream.CanSeek ? stream.Position : -1;
        var evidence = start >= 0 ? Scan(stream, sourceName) : default;
        if (start >= 0)
        {
            stream.Position = start;
        }

        using var csv = new Utf8CsvReader(stream, leaveOpen: true);
        Columns c = default;
        var haveHeader = false;
        var dayFirst = false;
        var amounts = AmountFormat.PointDecimalGrouped;
        Span<byte> componentScratch = stackalloc byte[64];
        Span<byte> refScratch = stackalloc byte[96];
        var balances = new BalanceTrack[4];
        var balanceCount = 0;
        while (ProviderCsv.TryReadRow(csv, sourceName, out var row))
        {
            if (row.IsBlank)
            {
                continue;
            }
            if (!haveHeader)
            {
                c = Columns.From(row, sourceName);
                haveHeader = true;
                dayFirst = evidence.DayFirst ?? c.Spanish;
                amounts = evidence.DecimalComma ?? c.Spanish ? AmountFormat.CommaDecimalGrouped : AmountFormat.PointDecimalGrouped;
                continue;
            }
            var line = row.LineNumber;
            if (c.IsHeader(row))
            {
                sink.Informational(line, "the report header repeated");
                continue;
            }
            if (row.FieldCount <= c.LastRequired)
            {
                sink.Reject(line, row.FieldCount + 1, default, "the row ends before the last required column (Date, Type, Currency, Gross, Transaction ID); a truncated row");
                continue;
            }
            var status = ReaderText.Field(row, c.Status);
            if (!status.IsEmpty && IsNoMoneyStatus(status))
            {
                sink.Informational(line, "a denied, cancelled or failed transaction: no money moved");
                continue;
            }
            var impact = ReaderText.Field(row, c.BalanceImpact);
            if (ReaderText.HeaderIs(impact, "Memo"u8) || ReaderText.HeaderIs(impact, "Nota"u8))
            {
                sink.Informational(line, "balance impact Memo: the row does not move money");
                continue;
            }
            var currencyText = ReaderText.Field(row, c.Currency);
            if (!Currency.TryFromCode(currencyText, out var currency) || !currency.HasMinorUnits)
            {
                sink.Reject(line, c.Currency + 1, currencyText, "not an ISO 4217 currency code");
                continue;
            }
            var grossText = ReaderText.Field(row, c.Gross);
            if (grossText.IsEmpty || !ReaderText.TryAmount(grossText, currency, amounts, out var gross))
            {
                sink.Reject(line, c.Gross + 1, grossText, "Gross is not an amount in the file's number format");
                continue;
            }
            var feeText = ReaderText.Field(row, c.Fee);
            if (!ReaderText.TryAmount(feeText, currency, amounts, out var fee))
            {
                sink.Reject(line, c.Fee + 1, feeText, "Fee is not an amount in the file's number format");
                continue;
            }
            if (gross > long.MaxValue / 2 || gross < long.MinValue / 2 || fee > long.MaxValue / 2 || fee < long.MinValue / 2)
            {
                sink.Reject(line, c.Gross + 1, grossText, "Gross or Fee is too large for 64-bit minor units");
                continue;
            }
            var net = gross + fee;
            var netText = ReaderText.Field(row, c.Net);
            if (!netText.IsEmpty)
            {
                if (!ReaderText.TryAmount(netText, currency, amounts, out var statedNet))
                {
                    sink.Reject(line, c.Net + 1, netText, "Net is not an amount in the file's number format");
                    continue;
                }
                if (statedNet != net)
                {
                    sink.Reject(line, c.Net + 1, netText, "Gross + Fee does not equal Net");
                    continue;
                }
            }
            var dateText = ReaderText.Field(row, c.Date);
            if (!TryParseDate(dateText, dayFirst, out var day))
            {
                sink.Reject(line, c.Date + 1, dateText, dayFirst ? "Date is not a day-first date (d/M/yyyy) as the file's other dates are" : "Date is not a month-first date (M/d/yyyy) as the file's other dates are");
                continue;
            }
            if (c.Balance >= 0)
            {
                Track(ref balances, ref balanceCount, currency, ReaderText.Field(row, c.Balance), amounts, net, line);
            }
            var type = ReaderText.Field(row, c.Type);
            var transaction = ReaderText.Field(row, c.TransactionId);
            var orderId = ReaderText.FirstNonEmpty(ReaderText.Field(row, c.Invoice), ReaderText.Field(row, c.ReferenceTxn), transaction);
            ReaderText.AcceptGrossAndFee(sink, mapping, SettlementFormat.PayPalActivity, type, orderId, transaction, currencyText, day, line,
                currency, gross, currency, fee, componentScratch, refScratch);
        }
        if (!haveHeader)
        {
            throw new InputFormatException(sourceName, 1, 1, "", "no PayPal activity header (the file is empty or blank)");
        }
        for (var i = 0; i < balanceCount; i++)
        {
            var t = balances[i];
            long? stated = t.Broken ? null
                : t.Forward ? t.LastBalance - (t.FirstBalance - t.FirstNet)
                : t.Backward ? t.FirstBalance - (t.LastBalance - t.LastNet)
                : null;
            if (stated is { } total)
            {
                sink.StatedTotal(System.Text.Encoding.ASCII.GetBytes(t.Currency.Code), new Money(total, t.Currency), t.LastLine,
                    "PayPal Balance column: closing balance − opening balance");
            }
        }
    }

    /// <summary>
    /// What the Balance column says about one currency: the first and last row's balance and net, and whether each
    /// row's balance follows from its neighbour's (oldest first: previous balance + net = balance; newest first:
    /// balance + previous net = previous balance). When the chain holds one way, closing − opening balance is the
    /// total the currency's lines must sum to.
    /// </summary>
    private struct BalanceTrack
    {
        public Currency Currency;
        public long FirstBalance;
        public long FirstNet;
        public long LastBalance;
        public long LastNet;
        public long LastLine;
        public long Rows;
        public bool Forward;
        public bool Backward;
        public bool Broken;
    }

    private static void Track(ref BalanceTrack[] tracks, ref int count, Currency currency, ReadOnlySpan<byte> balanceText, in AmountFormat amounts, long net, long line)
    {
        var index = 0;
        while (index < count && tracks[index].Currency != currency)
        {
            index++;
        }
        if (index == count)
        {
            if (count == tracks.Length)
            {
                Array.Resize(ref tracks, count * 2); // once per new currency, never per line
            }
            tracks[count++] = new BalanceTrack { Currency = currency, Forward = true, Backward = true };
        }
        ref var t = ref tracks[index];
        if (t.Broken)
        {
            return;
        }
        if (balanceText.IsEmpty || !ReaderText.TryAmount(balanceText, currency, amounts, out var balance)
            || balance > long.MaxValue / 4 || balance < long.MinValue / 4 || net > long.MaxValue / 4 || net < long.MinValue / 4)
        {
            t.Broken = true; // no stated total for this currency: the lines are still read
            return;
        }
        if (t.Rows == 0)
        {
            t.FirstBalance = balance;
            t.FirstNet = net;
        }
        else
        {
            t.Forward &= t.LastBalance + net == balance;
            t.Backward &= balance + t.LastNet == t.LastBalance;
        }
        t.LastBalance = balance;
        t.LastNet = net;
        t.LastLine = line;
        t.Rows++;
    }

    private static bool IsNoMoneyStatus(ReadOnlySpan<byte> status) =>
        ReaderText.HeaderIs(status, "Denied"u8) || ReaderText.HeaderIs(status, "Canceled"u8) || ReaderText.HeaderIs(status, "Cancelled"u8)
        || ReaderText.HeaderIs(status, "Failed"u8) || ReaderText.HeaderIs(status, "Declined"u8)
        || ReaderText.HeaderIs(status, "Denegado"u8) || ReaderText.HeaderIs(status, "Denegada"u8) || ReaderText.HeaderIs(status, "Cancelado"u8)
        || ReaderText.HeaderIs(status, "Cancelada"u8) || ReaderText.HeaderIs(status, "Rechazado"u8) || ReaderText.HeaderIs(status, "Fallido"u8);

    /// <summary>
    /// A date <c>a/b/yyyy</c> (also with '.' or '-'), day first or month first, or <c>yyyy-MM-dd</c>; a time after a
    /// space is ignored. Returns the day number.
    /// </summary>
    internal static bool TryParseDate(ReadOnlySpan<byte> text, bool dayFirst, out int dayNumber)
    {
        dayNumber = -1;
        var space = text.IndexOf((byte)' ');
        if (space >= 0)
        {
            text = text[..space];
        }
        if (!TrySplit(text, out var a, out var b, out var c, out var firstLength))
        {
            return false;
        }
        int year, month, day;
        if (firstLength == 4)
        {
            (year, month, day) = (a, b, c);
        }
        else
        {
            year = c;
            (day, month) = dayFirst ? (a, b) : (b, a);
        }
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        dayNumber = new DateOnly(year, month, day).DayNumber;
        return true;
    }

    /// <summary>Splits <c>n/n/n</c> (one separator of '/', '.', '-' used throughout) into its numbers; the year (the 4-digit part) first or last.</summary>
    private static bool TrySplit(ReadOnlySpan<byte> text, out int a, out int b, out int c, out int firstLength)
    {
        a = b = c = firstLength = 0;
        if (text.IsEmpty)
        {
            return false;
        }
        var first = text.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        if (first <= 0)
        {
            return false;
        }
        var separator = text[first];
        if (separator is not ((byte)'/' or (byte)'.' or (byte)'-'))
        {
            return false;
        }
        Span<int> parts = stackalloc int[3];
        Span<int> lengths = stackalloc int[3];
        var part = 0;
        foreach (var ch in text)
        {
            if (ch == separator)
            {
                if (++part == 3 || lengths[part - 1] == 0)
                {
                    return false;
                }
                continue;
            }
            if (ch is < (byte)'0' or > (byte)'9' || lengths[part] == 4)
            {
                return false;
            }
            parts[part] = parts[part] * 10 + (ch - '0');
            lengths[part]++;
        }
        if (part != 2 || lengths[2] == 0)
        {
            return false;
        }
        var yearFirst = lengths[0] == 4 && lengths[1] <= 2 && lengths[2] <= 2;
        var yearLast = lengths[0] <= 2 && lengths[1] <= 2 && lengths[2] == 4;
        if (!yearFirst && !yearLast)
        {
            return false;
        }
        (a, b, c, firstLength) = (parts[0], parts[1], parts[2], lengths[0]);
        return true;
    }

    private readonly record struct Evidence(bool? DayFirst, bool? DecimalComma);

    /// <summary>First pass over a seekable stream: which date order and decimal separator the data proves.</summary>
    private static Evidence Scan(Stream stream, string sourceName)
    {
        using var csv = new Utf8CsvReader(stream, leaveOpen: true);
        Columns c = default;
        var haveHeader = false;
        bool? dayFirst = null;
        bool? decimalComma = null;
        try
        {
            while (ProviderCsv.TryReadRow(csv, sourceName, out var row) && (dayFirst is null || decimalComma is null))
            {
                if (row.IsBlank)
                {
                    continue;
                }
                if (!haveHeader)
                {
                    c = Columns.From(row, sourceName);
                    haveHeader = true;
                    continue;
                }
                if (dayFirst is null && TrySplit(ReaderText.Field(row, c.Date) is var d && d.IndexOf((byte)' ') is var sp and >= 0 ? d[..sp] : d, out var a, out var b, out _, out var firstLength) && firstLength != 4)
                {
                    dayFirst = a > 12 && b <= 12 ? true : b > 12 && a <= 12 ? false : null;
                }
                var gross = ReaderText.Field(row, c.Gross);
                if (decimalComma is null && gross.Length >= 3 && gross[^1] is >= (byte)'0' and <= (byte)'9' && gross[^2] is >= (byte)'0' and <= (byte)'9')
                {
                    decimalComma = gross[^3] == (byte)',' ? true : gross[^3] == (byte)'.' ? false : null;
                }
            }
        }
        catch (InputFormatException) when (haveHeader)
        {
            // A quoting error later in the file: the reading pass reports it where it is.
        }
        return new Evidence(dayFirst, decimalComma);
    }

    /// <summary>The 0-based column indexes found in the header.</summary>
    private struct Columns
    {
        public bool Spanish;
        public int Date;
        public int Type;
        public int Status;
        public int Currency;
        public int Gross;
        public int Fee;
        public int Net;
        public int TransactionId;
        public int ReferenceTxn;
        public int Invoice;
        public int BalanceImpact;
        public int Balance;
        public int LastRequired;

        public readonly bool IsHeader(in CsvRow row) =>
            ReaderText.HeaderIs(ReaderText.Field(row, Date), Spanish ? "Fecha"u8 : "Date"u8) && ReaderText.HeaderIs(ReaderText.Field(row, Gross), Spanish ? "Bruto"u8 : "Gross"u8);

        public static Columns From(in CsvRow header, string sourceName)
        {
            var english = ReaderText.Find(header, "Date");
            var c = new Columns
            {
                Spanish = english < 0 && ReaderText.Find(header, "Fecha") >= 0,
                Date = Required(header, sourceName, "Date", "Fecha"),
                Type = Required(header, sourceName, "Type", "Description", "Tipo", "Descripción"),
                Status = ReaderText.Find(header, "Status", "Estado"),
                Currency = Required(header, sourceName, "Currency", "Divisa", "Moneda"),
                Gross = Required(header, sourceName, "Gross", "Bruto"),
                Fee = ReaderText.Find(header, "Fee", "Tarifa", "Comisión"),
                Net = ReaderText.Find(header, "Net", "Neto"),
                TransactionId = Required(header, sourceName, "Transaction ID", "Id. de transacción", "Código de transacción"),
                ReferenceTxn = ReaderText.Find(header, "Reference Txn ID", "Id. de referencia de trans.", "Id. de transacción de referencia", "Código de referencia de transacción"),
                Invoice = ReaderText.Find(header, "Invoice Number", "Invoice ID", "Número de factura", "Id. de factura"),
                BalanceImpact = ReaderText.Find(header, "Balance Impact", "Impacto en el saldo"),
                Balance = ReaderText.Find(header, "Balance", "Saldo"),
            };
            c.LastRequired = Math.Max(Math.Max(c.Date, c.Type), Math.Max(c.Currency, Math.Max(c.Gross, c.TransactionId)));
            return c;
        }

        private static int Required(in CsvRow header, string sourceName, params ReadOnlySpan<string> names)
        {
            var index = ReaderText.Find(header, names);
            if (index < 0)
            {
                throw new InputFormatException(sourceName, header.LineNumber, 1, header.FieldCount > 0 ? ReaderText.Text(header[0]) : "",
                    $"not a PayPal activity or statement header: no '{names[0]}' column (or its Spanish name)");
            }
            return index;
        }
    }
}
