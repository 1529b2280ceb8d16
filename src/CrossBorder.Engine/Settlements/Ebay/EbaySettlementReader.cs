using System.Text;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Settlements.Ebay;

/// <summary>
/// Reads eBay's transaction report (Seller Hub, Payments, Reports: CSV with a few preamble lines before the header,
/// <c>--</c> for empty values, dates such as <c>Oct 1, 2026</c>, and one column per fee).
/// </summary>
/// <remarks>
/// <para><b>Header.</b> Rows before the header (the report's title, period and notes) are skipped and reported as
/// informational; the header is the first row with <c>Transaction creation date</c> and <c>Type</c> and
/// <c>Net amount</c> or <c>Gross transaction amount</c>, and must come within the first 100 rows. Columns are found
/// by name; <c>Order number, Legacy order ID, Net amount, Payout currency, Payout ID, Transaction ID, Reference ID,
/// Gross transaction amount, Transaction currency</c> are used when present.</para>
/// <para><b>Lines.</b> A row gives its <c>Gross transaction amount</c> as one line (code <c>gross</c>, the
/// <c>Type</c> as transaction type) and each non-empty, non-zero fee column as a line whose code is the column
/// header. Fee columns are the headers with the word <c>fee</c> (<c>Final Value Fee - fixed</c>,
/// <c>Regulatory operating fee</c>, …), except the pass-through recycling fees collected from
/// the buyer; fees are signed as eBay reports them (negative when charged), so <c>Net amount = gross + fees</c>, and
/// when the net is filled (and in the same currency) a row that disagrees is rejected at the net column. A row
/// without a gross but with a net (a shipping label, an other fee) gives its net as one line (code <c>net</c>).
/// Amounts are in <c>Transaction currency</c> (else <c>Payout currency</c>); '.' decimal point, ',' groups; more
/// decimals than the currency has are rejected.</para>
/// <para><b>Keys.</b> Order id: <c>Order number</c>, else <c>Legacy order ID</c>, <c>Transaction ID</c>,
/// <c>Reference ID</c>, <c>Payout ID</c>, else the type. Ref: <c>type:id</c> (id from <c>Transaction ID</c>, else
/// <c>Reference ID</c>, else the order number) with <c>:code</c> appended on fee lines; empty without an id.
/// Settlement: <c>Payout ID</c>. Date: <c>Transaction creation date</c>.</para>
/// <para><b>Payouts.</b> A row of type <c>Payout</c> takes the money out of the eBay balance: its net amount is the
/// negative of the payout's lines, and it yields the payout's stated total, <c>−Net amount</c> in the payout
/// currency, for its <c>Payout ID</c> (informational without one).</para>
/// </remarks>
public sealed class EbaySettlementReader : ISettlementReader
{
    private const int MaxPreambleRows = 100;
    private static readonly AmountFormat s_amounts = AmountFormat.PointDecimalGrouped;

    /// <inheritdoc />
    public SettlementFormat Format => SettlementFormat.Ebay;

    /// <inheritdoc />
    public bool Recognizes(ReadOnlySpan<byte> head)
    {
        foreach (var line in ProviderCsv.Lines(head, MaxPreambleRows))
        {
            if (IsHeader(ProviderCsv.HeaderNames(line)))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsHeader(HashSet<string> names) =>
        names.Contains("transaction creation date") && names.Contains("type") && (names.Contains("net amount") || names.Contains("gross transaction amount"));

    /// <inheritdoc />
    public void Read(Stream stream, string sourceName, ComponentMapping mapping, ISettlementSink sink)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(sink);

        using var csv = new Utf8CsvReader(stream, leaveOpen: true);
        var preamble = new List<long>();
        string? firstLine = null;
        CsvRow row;
        while (true)
        {
            if (!ProviderCsv.TryReadRow(csv, sourceName, out row) || preamble.Count >= MaxPreambleRows)
            {
                throw new InputFormatException(sourceName, preamble.Count == 0 ? 1 : preamble[0], 1, firstLine ?? "",
                    $"no eBay transaction report header (Transaction creation date, Type, …, Net amount, …) in the first {MaxPreambleRows} rows");
            }
            if (row.IsBlank)
            {
                continue;
            }
            if (ProviderCsv.Find(row, "Transaction creation date"u8) >= 0 && ProviderCsv.Find(row, "Type"u8) >= 0
                && (ProviderCsv.Find(row, "Net amount"u8) >= 0 || ProviderCsv.Find(row, "Gross transaction amount"u8) >= 0))
            {
                break;
            }
            firstLine ??= Encoding.UTF8.GetString(row.Raw);
            preamble.Add(row.LineNumber);
        }
        var columns = Columns.From(row);
        foreach (var line in preamble)
        {
            sink.Informational(line, "preamble before the header");
        }

        var state = new State(columns);
        while (ProviderCsv.TryReadRow(csv, sourceName, out row))
        {
            ReadRow(row, state, mapping, sink);
        }
    }

    private static ReadOnlySpan<byte> Value(in CsvRow row, int index)
    {
        var v = ProviderCsv.Field(row, index);
        return v.SequenceEqual("--"u8) ? default : v;
    }

    private static void ReadRow(in CsvRow row, State s, ComponentMapping mapping, ISettlementSink sink)
    {
        var c = s.Columns;
        var line = row.LineNumber;
        if (row.IsBlank)
        {
            sink.Informational(line, "blank line");
            return;
        }
        if (row.FieldCount > c.HeaderCount || row.FieldCount <= c.LastRequired)
        {
            sink.Reject(line, Math.Min(row.FieldCount, c.HeaderCount) + 1, row.Raw, $"the row has {row.FieldCount} fields, the header {c.HeaderCount}");
            return;
        }
        var type = ProviderCsv.Field(row, c.Type);
        var payoutId = Value(row, c.PayoutId);

        // Currencies: the payout's (for the net) and the transaction's (for gross and fees, defaulting to the payout's).
        var payoutCurrencyText = Value(row, c.PayoutCurrency);
        var transactionCurrencyText = Value(row, c.TransactionCurrency);
        if (payoutCurrencyText.IsEmpty && transactionCurrencyText.IsEmpty)
        {
            sink.Reject(line, (c.TransactionCurrency >= 0 ? c.TransactionCurrency : Math.Max(c.PayoutCurrency, 0)) + 1, default, "no currency (Transaction currency and Payout currency are empty)");
            return;
        }
        Currency payoutCurrency = default;
        if (!payoutCurrencyText.IsEmpty && (!Currency.TryFromCode(payoutCurrencyText, out payoutCurrency) || !payoutCurrency.HasMinorUnits))
        {
            sink.Reject(line, c.PayoutCurrency + 1, payoutCurrencyText, "unknown currency code (not an ISO 4217 code with minor units)");
            return;
        }
        var currency = payoutCurrency;
        if (!transactionCurrencyText.IsEmpty && (!Currency.TryFromCode(transactionCurrencyText, out currency) || !currency.HasMinorUnits))
        {
            sink.Reject(line, c.TransactionCurrency + 1, transactionCurrencyText, "unknown currency code (not an ISO 4217 code with minor units)");
            return;
        }

        var netText = Value(row, c.Net);
        long net = 0;
        var netCurrency = payoutCurrencyText.IsEmpty ? currency : payoutCurrency;
        if (!netText.IsEmpty && !Utf8AmountParser.TryParseExact(netText, netCurrency, s_amounts, out net, out var error))
        {
            sink.Reject(line, c.Net + 1, netText, ProviderCsv.Describe(error, "Net amount"));
            return;
        }

        if (Ascii.EqualsIgnoreCase(type, "Payout"u8))
        {
            if (payoutId.IsEmpty || netText.IsEmpty)
            {
                sink.Informational(line, "a payout row without a Payout ID or a net amount: its total cannot be attributed to a payout");
                return;
            }
            if (net == long.MinValue)
            {
                sink.Reject(line, c.Net + 1, netText, "the payout's total does not fit in 64-bit minor units");
                return;
            }
            sink.StatedTotal(payoutId, new Money(-net, netCurrency), line, "eBay Payout row (stated total = −Net amount)");
            return;
        }

        var dateText = Value(row, c.Date);
        if (!ProviderCsv.TryParseMonthNameDay(dateText, out var day, out error))
        {
            sink.Reject(line, c.Date + 1, dateText, ProviderCsv.Describe(error, "Transaction creation date (MMM d, yyyy)"));
            return;
        }
        var grossText = Value(row, c.Gross);
        long gross = 0;
        if (!grossText.IsEmpty && !Utf8AmountParser.TryParseExact(grossText, currency, s_amounts, out gross, out error))
        {
            sink.Reject(line, c.Gross + 1, grossText, ProviderCsv.Describe(error, "Gross transaction amount"));
            return;
        }
        // Fees: parse them all before any line is given, so that a bad fee rejects the whole row.
        long sum = gross;
        var fees = s.Fees;
        for (var i = 0; i < c.FeeColumns.Length; i++)
        {
            var feeText = Value(row, c.FeeColumns[i]);
            fees[i] = 0;
            if (!feeText.IsEmpty && !Utf8AmountParser.TryParseExact(feeText, currency, s_amounts, out fees[i], out error))
            {
                sink.Reject(line, c.FeeColumns[i] + 1, feeText, ProviderCsv.Describe(error, s.FeeNames[i]));
                return;
            }
            if ((fees[i] > 0 && sum > long.MaxValue - fees[i]) || (fees[i] < 0 && sum < long.MinValue - fees[i]))
            {
                sink.Reject(line, c.FeeColumns[i] + 1, feeText, "gross + fees does not fit in 64-bit minor units");
                return;
            }
            sum += fees[i];
        }
        var netOnly = grossText.IsEmpty && !netText.IsEmpty && netCurrency == currency;
        if (!grossText.IsEmpty && !netText.IsEmpty && netCurrency == currency && net != sum)
        {
            sink.Reject(line, c.Net + 1, netText, "Net amount is not Gross transaction amount + the fee columns");
            return;
        }
        if (netOnly)
        {
            // The net less any fee columns given (those are lines of their own); here gross is 0, so sum = the fees.
            if ((sum > 0 && net < long.MinValue + sum) || (sum < 0 && net > long.MaxValue + sum))
            {
                sink.Reject(line, c.Net + 1, netText, "Net amount − fees does not fit in 64-bit minor units");
                return;
            }
            gross = net - sum;
        }
        var anyFee = false;
        foreach (var fee in fees)
        {
            anyFee |= fee != 0;
        }
        if (gross == 0 && !anyFee)
        {
            sink.Informational(line, grossText.IsEmpty && netText.IsEmpty ? "a row without amounts" : "zero-amount row");
            return;
        }

        var id = Value(row, c.TransactionId);
        if (id.IsEmpty)
        {
            id = Value(row, c.ReferenceId);
        }
        if (id.IsEmpty)
        {
            id = Value(row, c.Order);
        }
        var orderId = Value(row, c.Order);
        if (orderId.IsEmpty)
        {
            orderId = Value(row, c.LegacyOrder);
        }
        if (orderId.IsEmpty)
        {
            orderId = !id.IsEmpty ? id : !payoutId.IsEmpty ? payoutId : type;
        }
        if (gross != 0)
        {
            var code = netOnly ? "net"u8 : "gross"u8;
            Emit(sink, orderId, mapping.Resolve(SettlementFormat.Ebay, type, code, default, s.Scratch), currency, gross, day, type, s.Ref(type, id, default), payoutId, line);
        }
        for (var i = 0; i < fees.Length; i++)
        {
            if (fees[i] != 0)
            {
                var code = s.FeeCodes[i];
                Emit(sink, orderId, mapping.Resolve(SettlementFormat.Ebay, type, code, default, s.Scratch), currency, fees[i], day, type, s.Ref(type, id, code), payoutId, line);
            }
        }
    }

    private static void Emit(ISettlementSink sink, ReadOnlySpan<byte> orderId, ReadOnlySpan<byte> component, Currency currency, long amount, int day,
        ReadOnlySpan<byte> type, ReadOnlySpan<byte> reference, ReadOnlySpan<byte> payoutId, long line)
    {
        sink.Accept(new SettlementLine
        {
            OrderId = orderId,
            Component = component,
            Currency = currency,
            MinorUnits = amount,
            DayNumber = day,
            Category = type,
            Ref = reference,
            SettlementId = payoutId,
            LineNumber = line,
        });
    }

    /// <summary>Per-read buffers, allocated once per file.</summary>
    private sealed class State(Columns columns)
    {
        private byte[] _ref = new byte[256];

        public Columns Columns { get; } = columns;
        public long[] Fees { get; } = new long[columns.FeeColumns.Length];
        public string[] FeeNames { get; } = [.. columns.FeeCodes.Select(Encoding.UTF8.GetString)];
        public byte[][] FeeCodes { get; } = columns.FeeCodes;
        public byte[] Scratch { get; } = new byte[64];

        /// <summary><c>type:id</c> or <c>type:id:code</c>; empty without an id. Valid until the next call.</summary>
        public ReadOnlySpan<byte> Ref(ReadOnlySpan<byte> type, ReadOnlySpan<byte> id, ReadOnlySpan<byte> code)
        {
            if (id.IsEmpty)
            {
                return default;
            }
            var length = type.Length + 1 + id.Length + (code.IsEmpty ? 0 : code.Length + 1);
            if (_ref.Length < length)
            {
                _ref = new byte[length + 64]; // grows with the longest ref only
            }
            var span = _ref.AsSpan();
            type.CopyTo(span);
            var at = type.Length;
            span[at++] = (byte)':';
            id.CopyTo(span[at..]);
            at += id.Length;
            if (!code.IsEmpty)
            {
                span[at++] = (byte)':';
                code.CopyTo(span[at..]);
                at += code.Length;
            }
            return span[..at];
        }
    }

    /// <summary>Column indexes (−1 when absent) found from the header, and the fee columns with their headers.</summary>
    private sealed record Columns(
        int HeaderCount, int LastRequired, int Date, int Type, int Order, int LegacyOrder, int Net, int PayoutCurrency, int PayoutId,
        int TransactionId, int ReferenceId, int Gross, int TransactionCurrency, int[] FeeColumns, byte[][] FeeCodes)
    {
        public static Columns From(in CsvRow header)
        {
            var date = ProviderCsv.Find(header, "Transaction creation date"u8);
            var type = ProviderCsv.Find(header, "Type"u8);
            var feeColumns = new List<int>();
            var feeCodes = new List<byte[]>();
            for (var i = 0; i < header.FieldCount; i++)
            {
                var name = Encoding.UTF8.GetString(ProviderCsv.CleanName(header[i]));
                var words = name.Split([' ', '-', '"', '(', ')', '/'], StringSplitOptions.RemoveEmptyEntries);
                if (words.Any(w => string.Equals(w, "fee", StringComparison.OrdinalIgnoreCase)) && !name.Contains("recycling", StringComparison.OrdinalIgnoreCase))
                {
                    feeColumns.Add(i);
                    feeCodes.Add(ProviderCsv.CleanName(header[i]).ToArray());
                }
            }
            return new Columns(
                header.FieldCount,
                Math.Max(date, type),
                date,
                type,
                ProviderCsv.Find(header, "Order number"u8),
                ProviderCsv.Find(header, "Legacy order ID"u8),
                ProviderCsv.Find(header, "Net amount"u8),
                ProviderCsv.Find(header, "Payout currency"u8),
                ProviderCsv.Find(header, "Payout ID"u8),
                ProviderCsv.Find(header, "Transaction ID"u8),
                ProviderCsv.Find(header, "Reference ID"u8),
                ProviderCsv.Find(header, "Gross transaction amount"u8),
                ProviderCsv.Find(header, "Transaction currency"u8),
                [.. feeColumns],
                [.. feeCodes]);
        }
    }
}
