using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;
using CrossBorder.Engine.Text.Xlsx;

namespace CrossBorder.Engine.Settlements.Adyen;

/// <summary>
/// Reads Adyen's Settlement Details Report (one row per booking of a settlement batch), as CSV or as an .xlsx
/// workbook (its first sheet).
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
/// <para>
/// An .xlsx workbook (known by its zip signature) is read with the same row logic: cells are placed by reference (a
/// missing cell is empty, never a truncated row), numeric amounts are rounded to the currency's minor units only
/// when the difference is float noise (within 1e-9; an extra digit such as 12.345 USD is rejected), a numeric
/// <c>Creation Date</c> is a date serial (1900 or 1904 system), and rejects name the sheet and the cell. Line
/// numbers are the sheet's row numbers. The xlsx path allocates per row and cell (XML parsing); the CSV path does not.
/// </para>
/// </remarks>
public sealed class AdyenSettlementReader : ISettlementReader, IWorkbookSettlementReader
{
    private static readonly string[] s_feeColumns = ["Commission (NC)", "Markup (NC)", "Scheme Fees (NC)", "Interchange (NC)"];

    /// <inheritdoc/>
    public SettlementFormat Format => SettlementFormat.AdyenSdr;

    /// <inheritdoc/>
    /// <remarks>An .xlsx workbook is recognised from its first sheet when <paramref name="head"/> holds the whole file.</remarks>
    public bool Recognizes(ReadOnlySpan<byte> head) =>
        XlsxSheetReader.HasZipSignature(head)
            ? XlsxSheetReader.TryReadFirstRow(new MemoryStream(head.ToArray(), writable: false)) is { } cells && ((IWorkbookSettlementReader)this).RecognizesHeader(cells)
            : ReaderText.HeadHasCells(head, "Psp Reference", "Batch Number", "Net Currency", "Type");

    /// <inheritdoc/>
    /// <remarks>
    /// A stream that starts with a zip signature is read as an .xlsx workbook (its first sheet; see
    /// <see cref="XlsxSheetReader"/>), anything else as CSV. The CSV path allocates nothing per row; the xlsx path
    /// allocates per row and cell (XML parsing) and rounds away only float noise on numeric amounts.
    /// </remarks>
    public void Read(Stream stream, string sourceName, ComponentMapping mapping, ISettlementSink sink)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(sink);
        stream = StreamHead.Peek(stream, out var head);
        if (XlsxSheetReader.HasZipSignature(head.Span))
        {
            using var sheet = XlsxSheetReader.Open(stream, sourceName, leaveOpen: true);
            var rows = new XlsxSettlementRows(sheet);
            ReadRows(ref rows, sourceName, mapping, sink);
            return;
        }
        using var csv = new Utf8CsvReader(stream, leaveOpen: true);
        var csvRows = new CsvSettlementRows(csv, sourceName);
        ReadRows(ref csvRows, sourceName, mapping, sink);
    }

    /// <inheritdoc/>
    bool IWorkbookSettlementReader.RecognizesHeader(IReadOnlyList<byte[]> cells) =>
        ReaderText.CellsHave(cells, "Psp Reference", "Batch Number", "Net Currency", "Type");

    private static void ReadRows<TRows>(ref TRows row, string sourceName, ComponentMapping mapping, ISettlementSink sink)
        where TRows : ISettlementRows, allows ref struct
    {
        Columns c = default;
        var haveHeader = false;
        Span<byte> componentScratch = stackalloc byte[64];
        Span<byte> refScratch = stackalloc byte[96];
        Span<long> fees = stackalloc long[4];
        while (row.TryReadRow())
        {
            if (row.IsBlank)
            {
                continue;
            }
            if (!haveHeader)
            {
                c = Columns.From(ref row, sourceName);
                haveHeader = true;
                continue;
            }
            var line = row.LineNumber;
            if (ReaderText.HeaderIs(row.Field(c.Type), "Type"u8) && ReaderText.HeaderIs(row.Field(c.Batch), "Batch Number"u8))
            {
                sink.Informational(line, "the report header repeated");
                continue;
            }
            if (row.EndsBefore(c.LastRequired))
            {
                sink.Reject(line, row.FieldCount + 1, default, c.TruncatedReason ?? "a truncated row");
                continue;
            }
            var type = row.Field(c.Type);
            var batch = row.Field(c.Batch);
            var currencyText = row.Field(c.NetCurrency);
            if (!Currency.TryFromCode(currencyText, out var currency) || !currency.HasMinorUnits)
            {
                row.Reject(sink, c.NetCurrency, "Net Currency is not an ISO 4217 currency code");
                continue;
            }
            if (!row.TryAmount(c.NetDebit, currency, out var debit))
            {
                row.Reject(sink, c.NetDebit, "Net Debit (NC) is not an amount in the net currency");
                continue;
            }
            if (!row.TryAmount(c.NetCredit, currency, out var credit))
            {
                row.Reject(sink, c.NetCredit, "Net Credit (NC) is not an amount in the net currency");
                continue;
            }
            var day = -1;
            if (!row.Field(c.CreationDate).IsEmpty && !row.TryLeadingIsoDay(c.CreationDate, out day))
            {
                row.Reject(sink, c.CreationDate, "Creation Date is not a yyyy-MM-dd date");
                continue;
            }
            long net;
            try
            {
                net = checked(credit - debit);
            }
            catch (OverflowException)
            {
                row.Reject(sink, c.NetCredit, "Net Credit − Net Debit overflows 64-bit minor units");
                continue;
            }

            if (ReaderText.HeaderIs(type, "MerchantPayout"u8))
            {
                if (net == long.MinValue)
                {
                    row.Reject(sink, c.NetDebit, "the payout overflows 64-bit minor units");
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
                if (!row.TryAmount(column, currency, out fees[f]))
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
                row.Reject(sink, badFee, $"{c.NameOf(badFee)} is not an amount in the net currency");
                continue;
            }
            long main;
            try
            {
                main = checked(net + feeSum);
            }
            catch (OverflowException)
            {
                row.Reject(sink, c.NetCredit, "net amount plus fees overflows 64-bit minor units");
                continue;
            }

            var orderId = row.Field(c.MerchantReference);
            if (orderId.IsEmpty)
            {
                orderId = batch;
            }
            var reference = row.Field(c.PspReference);
            if (reference.IsEmpty)
            {
                reference = row.Field(c.ModificationReference);
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

        public static Columns From<TRows>(ref TRows header, string sourceName)
            where TRows : ISettlementRows, allows ref struct
        {
            var c = new Columns
            {
                Type = Required(ref header, sourceName, "Type"),
                Batch = Required(ref header, sourceName, "Batch Number"),
                NetCurrency = Required(ref header, sourceName, "Net Currency"),
                NetDebit = Required(ref header, sourceName, "Net Debit (NC)"),
                NetCredit = Required(ref header, sourceName, "Net Credit (NC)"),
                Commission = SettlementRows.Find(ref header, s_feeColumns[0]),
                Markup = SettlementRows.Find(ref header, s_feeColumns[1]),
                SchemeFees = SettlementRows.Find(ref header, s_feeColumns[2]),
                Interchange = SettlementRows.Find(ref header, s_feeColumns[3]),
                MerchantReference = SettlementRows.Find(ref header, "Merchant Reference"),
                PspReference = SettlementRows.Find(ref header, "Psp Reference"),
                ModificationReference = SettlementRows.Find(ref header, "Modification Reference"),
                CreationDate = SettlementRows.Find(ref header, "Creation Date"),
            };
            c.LastRequired = Math.Max(Math.Max(c.Type, c.Batch), Math.Max(c.NetCurrency, Math.Max(c.NetDebit, c.NetCredit)));
            c.TruncatedReason = $"the row ends before column {c.LastRequired + 1} (a required column: Type, Batch Number, Net Currency, Net Debit (NC), Net Credit (NC)); a truncated row";
            return c;
        }

        private static int Required<TRows>(ref TRows header, string sourceName, string name)
            where TRows : ISettlementRows, allows ref struct
        {
            var index = SettlementRows.Find(ref header, name);
            if (index < 0)
            {
                throw new InputFormatException(sourceName, header.LineNumber, 1, ReaderText.Text(header.Field(0)),
                    $"not an Adyen Settlement Details Report header: no '{name}' column");
            }
            return index;
        }
    }
}
