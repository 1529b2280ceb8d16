using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Settlements.Adyen;

/// <summary>
/// Reads Adyen's Settlement Details Report (CSV, one row per booking of a settlement batch).
/// </summary>
/// <remarks>
/// <para>
/// The header is the first non-blank row (blank lines before it and between rows are skipped); columns are found by
/// name, so both column orders Adyen has used read alike. Amounts use a '.' decimal point; dates are
/// <c>yyyy-MM-dd HH:mm:ss</c> (the <c>Creation Date</c>; its date part is the line's date).
/// </para>
/// <para>
/// Lines, all in the row's <c>Net Currency</c> (gross and net currencies may differ, so the gross columns are not
/// summed): the row's net amount is <c>Net Credit (NC) − Net Debit (NC)</c>. Each non-zero fee of
/// <c>Commission</c>, <c>Markup</c>, <c>Scheme Fees</c> and <c>Interchange</c> (all in NC) becomes its own line,
/// negated (a fee is charged to the merchant), with the mapping code of its column; the main line carries the
/// net amount plus those fees (the gross in net currency), so that the lines of a row always sum to its net
/// amount. The main line's mapping code is empty, so it is mapped by <c>Type</c> alone. Order id: <c>Merchant
/// Reference</c> (the batch number when empty); ref: <c>Psp Reference</c> (or <c>Modification Reference</c> when
/// empty), with <c>:commission</c>, <c>:markup</c>, <c>:scheme_fees</c>, <c>:interchange</c> for the fee lines;
/// settlement id: <c>Batch Number</c>; category: <c>Type</c>.
/// </para>
/// <para>
/// A <c>MerchantPayout</c> row is not a line: it states the batch total. Sign convention: the stated total is the
/// payout's net amount negated, <c>Net Debit (NC) − Net Credit (NC)</c>, i.e. what leaves the Adyen balance for
/// the bank, which is what the batch's other rows sum to when the report is consistent (batch 380: 55,308.07 USD).
/// A repeated header row is informational; a row too short to hold the required columns is rejected.
/// </para>
/// </remarks>
public sealed class AdyenSettlementReader : ISettlementReader
{
    private static readonly string[] s_feeColumns = ["Commission (NC)", "Markup (NC)", "Scheme Fees (NC)", "Interchange (NC)"];

    /// <inheritdoc/>
    public SettlementFormat Format => SettlementFormat.AdyenSdr;

    /// <inheritdoc/>
    public bool Recognizes(ReadOnlySpan<byte> head) =>
        ReaderText.HeadHasCells(head, "Psp Reference", "Batch Number", "Net Currency", "Type");

    /// <inheritdoc/>
    public void Read(Stream stream, string sourceName, ComponentMapping mapping, ISettlementSink sink)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(sink);
        using var csv = new Utf8CsvReader(stream, leaveOpen: true);
        Columns c = default;
        var haveHeader = false;
        Span<byte> componentScratch = stackalloc byte[64];
        Span<byte> refScratch = stackalloc byte[96];
        Span<long> fees = stackalloc long[4];
        var format = AmountFormat.Invariant;
        while (csv.TryReadRow(out var row))
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
            var line = row.LineNumber;
            if (ReaderText.HeaderIs(ReaderText.Field(row, c.Type), "Type"u8) && ReaderText.HeaderIs(ReaderText.Field(row, c.Batch), "Batch Number"u8))
            {
                sink.Informational(line, "the report header repeated");
                continue;
            }
            if (row.FieldCount <= c.LastRequired)
            {
                sink.Reject(line, row.FieldCount + 1, default, c.TruncatedReason ?? "a truncated row");
                continue;
            }
            var type = ReaderText.Field(row, c.Type);
            var batch = ReaderText.Field(row, c.Batch);
            var currencyText = ReaderText.Field(row, c.NetCurrency);
            if (!Currency.TryFromCode(currencyText, out var currency) || !currency.HasMinorUnits)
            {
                sink.Reject(line, c.NetCurrency + 1, currencyText, "Net Currency is not an ISO 4217 currency code");
                continue;
            }
            if (!ReaderText.TryAmount(ReaderText.Field(row, c.NetDebit), currency, format, out var debit))
            {
                sink.Reject(line, c.NetDebit + 1, ReaderText.Field(row, c.NetDebit), "Net Debit (NC) is not an amount in the net currency");
                continue;
            }
            if (!ReaderText.TryAmount(ReaderText.Field(row, c.NetCredit), currency, format, out var credit))
            {
                sink.Reject(line, c.NetCredit + 1, ReaderText.Field(row, c.NetCredit), "Net Credit (NC) is not an amount in the net currency");
                continue;
            }
            var day = -1;
            var dateText = ReaderText.Field(row, c.CreationDate);
            if (!dateText.IsEmpty)
            {
                if (dateText.Length < 10 || !Utf8DateParser.TryParseIsoDate(dateText[..10], out var date, out _, out _))
                {
                    sink.Reject(line, c.CreationDate + 1, dateText, "Creation Date is not a yyyy-MM-dd date");
                    continue;
                }
                day = date.DayNumber;
            }
            long net;
            try
            {
                net = checked(credit - debit);
            }
            catch (OverflowException)
            {
                sink.Reject(line, c.NetCredit + 1, ReaderText.Field(row, c.NetCredit), "Net Credit − Net Debit overflows 64-bit minor units");
                continue;
            }

            if (ReaderText.HeaderIs(type, "MerchantPayout"u8))
            {
                if (net == long.MinValue)
                {
                    sink.Reject(line, c.NetDebit + 1, ReaderText.Field(row, c.NetDebit), "the payout overflows 64-bit minor units");
                    continue;
                }
                sink.StatedTotal(batch, new Money(-net, currency), line, "MerchantPayout");
                continue;
            }

            var badFee = -1;
            long feeSum = 0;
            for (var f = 0; f < fees.Length && badFee < 0; f++)
            {
                var column = c.Fee(f);
                if (!ReaderText.TryAmount(ReaderText.Field(row, column), currency, format, out fees[f]))
                {
                    badFee = column;
                    break;
                }
                if (fees[f] == long.MinValue)
                {
                    badFee = column;
                    break;
                }
                try
                {
                    feeSum = checked(feeSum + fees[f]);
                }
                catch (OverflowException)
                {
                    badFee = column;
                }
            }
            if (badFee >= 0)
            {
                sink.Reject(line, badFee + 1, ReaderText.Field(row, badFee), $"{c.NameOf(badFee)} is not an amount in the net currency");
                continue;
            }
            long main;
            try
            {
                main = checked(net + feeSum);
            }
            catch (OverflowException)
            {
                sink.Reject(line, c.NetCredit + 1, ReaderText.Field(row, c.NetCredit), "net amount plus fees overflows 64-bit minor units");
                continue;
            }

            var orderId = ReaderText.Field(row, c.MerchantReference);
            if (orderId.IsEmpty)
            {
                orderId = batch;
            }
            var reference = ReaderText.Field(row, c.PspReference);
            if (reference.IsEmpty)
            {
                reference = ReaderText.Field(row, c.ModificationReference);
            }
            sink.Accept(new SettlementLine
            {
                OrderId = orderId,
                Component = mapping.Resolve(SettlementFormat.AdyenSdr, type, default, default, componentScratch),
                Currency = currency,
                MinorUnits = main,
                DayNumber = day,
                Category = type,
                Ref = reference,
                SettlementId = batch,
                LineNumber = line,
            });
            for (var f = 0; f < fees.Length; f++)
            {
                if (fees[f] == 0)
                {
                    continue;
                }
                sink.Accept(new SettlementLine
                {
                    OrderId = orderId,
                    Component = mapping.Resolve(SettlementFormat.AdyenSdr, type, FeeCode(f), default, componentScratch),
                    Currency = currency,
                    MinorUnits = -fees[f],
                    DayNumber = day,
                    Category = type,
                    Ref = ReaderText.Concat(refScratch, reference, FeeSuffix(f)),
                    SettlementId = batch,
                    LineNumber = line,
                });
            }
        }
        if (!haveHeader)
        {
            throw new InputFormatException(sourceName, 1, 1, "", "no Adyen Settlement Details Report header (the file is empty or blank)");
        }
    }

    private static ReadOnlySpan<byte> FeeCode(int f) => f switch
    {
        0 => "Commission"u8,
        1 => "Markup"u8,
        2 => "Scheme Fees"u8,
        _ => "Interchange"u8,
    };

    private static ReadOnlySpan<byte> FeeSuffix(int f) => f switch
    {
        0 => ":commission"u8,
        1 => ":markup"u8,
        2 => ":scheme_fees"u8,
        _ => ":interchange"u8,
    };

    /// <summary>The 0-based column indexes found in the header.</summary>
    private struct Columns
    {
        public int Type;
        public int Batch;
        public int NetCurrency;
        public int NetDebit;
        public int NetCredit;
        public int Commission;
        public int Markup;
        public int SchemeFees;
        public int Interchange;
        public int MerchantReference;
        public int PspReference;
        public int ModificationReference;
        public int CreationDate;
        public int LastRequired;
        public string? TruncatedReason;

        public readonly int Fee(int f) => f switch
        {
            0 => Commission,
            1 => Markup,
            2 => SchemeFees,
            _ => Interchange,
        };

        public readonly string NameOf(int column) =>
            column == Commission ? s_feeColumns[0] : column == Markup ? s_feeColumns[1] : column == SchemeFees ? s_feeColumns[2] : s_feeColumns[3];

        public static Columns From(in CsvRow header, string sourceName)
        {
            var c = new Columns
            {
                Type = Required(header, sourceName, "Type"),
                Batch = Required(header, sourceName, "Batch Number"),
                NetCurrency = Required(header, sourceName, "Net Currency"),
                NetDebit = Required(header, sourceName, "Net Debit (NC)"),
                NetCredit = Required(header, sourceName, "Net Credit (NC)"),
                Commission = ReaderText.Find(header, s_feeColumns[0]),
                Markup = ReaderText.Find(header, s_feeColumns[1]),
                SchemeFees = ReaderText.Find(header, s_feeColumns[2]),
                Interchange = ReaderText.Find(header, s_feeColumns[3]),
                MerchantReference = ReaderText.Find(header, "Merchant Reference"),
                PspReference = ReaderText.Find(header, "Psp Reference"),
                ModificationReference = ReaderText.Find(header, "Modification Reference"),
                CreationDate = ReaderText.Find(header, "Creation Date"),
            };
            c.LastRequired = Math.Max(Math.Max(c.Type, c.Batch), Math.Max(c.NetCurrency, Math.Max(c.NetDebit, c.NetCredit)));
            c.TruncatedReason = $"the row ends before column {c.LastRequired + 1} (a required column: Type, Batch Number, Net Currency, Net Debit (NC), Net Credit (NC)); a truncated row";
            return c;
        }

        private static int Required(in CsvRow header, string sourceName, string name)
        {
            var index = ReaderText.Find(header, name);
            if (index < 0)
            {
                throw new InputFormatException(sourceName, header.LineNumber, 1, header.FieldCount > 0 ? ReaderText.Text(header[0]) : "",
                    $"not an Adyen Settlement Details Report header: no '{name}' column");
            }
            return index;
        }
    }
}
