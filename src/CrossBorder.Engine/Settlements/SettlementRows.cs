using System.Text;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;
using CrossBorder.Engine.Text.Xlsx;

namespace CrossBorder.Engine.Settlements;

/// <summary>
/// The rows of a report, whether they come from a CSV file or from a spreadsheet's first sheet, so that a reader's row
/// logic (header by name, amounts, dates, rejects) is written once. Columns are 0-based; for a sheet they are the
/// sheet's own columns (A is 0), so a reject's column number is the sheet's column number.
/// </summary>
internal interface ISettlementRows
{
    /// <summary>Moves to the next row; false at the end.</summary>
    bool TryReadRow();

    /// <summary>The 1-based line (CSV) or row (sheet) number of the current row.</summary>
    long LineNumber { get; }

    /// <summary>True for a row with nothing on it (an empty CSV line; a sheet row whose cells are all empty).</summary>
    bool IsBlank { get; }

    /// <summary>How many columns the current row has (through its last field or cell).</summary>
    int FieldCount { get; }

    /// <summary>
    /// True when the row ends before column <paramref name="index"/>: a CSV row with fewer fields (truncated). A sheet
    /// row never does: a cell that is not written is an empty cell.
    /// </summary>
    bool EndsBefore(int index);

    /// <summary>The text of a column, without surrounding spaces and tabs; empty when the column is absent (−1) or empty.</summary>
    ReadOnlySpan<byte> Field(int index);

    /// <summary>An amount in <paramref name="currency"/>'s minor units; an empty column is zero.</summary>
    bool TryAmount(int index, Currency currency, out long minorUnits);

    /// <summary>The day of a date column that starts with <c>yyyy-MM-dd</c> (a sheet may also hold a date serial).</summary>
    bool TryLeadingIsoDay(int index, out int dayNumber);

    /// <summary>
    /// Rejects the current row at column <paramref name="index"/> (its value is the column's text). A sheet adds what
    /// the last failed <see cref="TryAmount"/> or <see cref="TryLeadingIsoDay"/> found and the cell reference.
    /// </summary>
    void Reject(ISettlementSink sink, int index, string reason);
}

/// <summary>Shared pieces of the row sources.</summary>
internal static class SettlementRows
{
    /// <summary>The 0-based index of the first column of the current row naming one of <paramref name="names"/>, or −1.</summary>
    public static int Find<TRows>(ref TRows rows, params ReadOnlySpan<string> names)
        where TRows : ISettlementRows, allows ref struct
    {
        Span<byte> utf8 = stackalloc byte[128];
        foreach (var name in names)
        {
            var length = Encoding.UTF8.GetBytes(name, utf8);
            for (var i = 0; i < rows.FieldCount; i++)
            {
                if (ReaderText.HeaderIs(rows.Field(i), utf8[..length]))
                {
                    return i;
                }
            }
        }
        return -1;
    }

    /// <summary>A <c>yyyy-MM-dd</c> date at the start of <paramref name="text"/> (anything after it, such as a time, is ignored).</summary>
    public static bool TryLeadingIsoDay(ReadOnlySpan<byte> text, out int dayNumber)
    {
        if (text.Length >= 10 && Utf8DateParser.TryParseIsoDate(text[..10], out var date, out _, out _))
        {
            dayNumber = date.DayNumber;
            return true;
        }
        dayNumber = -1;
        return false;
    }
}

/// <summary>The rows of a CSV file (a CSV error names <paramref name="sourceName"/>). Allocates nothing per row.</summary>
internal ref struct CsvSettlementRows(Utf8CsvReader csv, string sourceName) : ISettlementRows
{
    private CsvRow _row;

    /// <inheritdoc/>
    public bool TryReadRow()
    {
        if (!ProviderCsv.TryReadRow(csv, sourceName, out var row))
        {
            return false;
        }
        _row = row;
        return true;
    }

    /// <inheritdoc/>
    public readonly long LineNumber => _row.LineNumber;

    /// <inheritdoc/>
    public readonly bool IsBlank => _row.IsBlank;

    /// <inheritdoc/>
    public readonly int FieldCount => _row.FieldCount;

    /// <inheritdoc/>
    public readonly bool EndsBefore(int index) => _row.FieldCount <= index;

    /// <inheritdoc/>
    public readonly ReadOnlySpan<byte> Field(int index) => index < 0 || index >= _row.FieldCount ? default : ReaderText.Trim(_row[index]);

    /// <inheritdoc/>
    public readonly bool TryAmount(int index, Currency currency, out long minorUnits) =>
        ReaderText.TryAmount(Field(index), currency, AmountFormat.Invariant, out minorUnits);

    /// <inheritdoc/>
    public readonly bool TryLeadingIsoDay(int index, out int dayNumber) => SettlementRows.TryLeadingIsoDay(Field(index), out dayNumber);

    /// <inheritdoc/>
    public readonly void Reject(ISettlementSink sink, int index, string reason) => sink.Reject(_row.LineNumber, index + 1, Field(index), reason);
}

/// <summary>
/// The rows of a spreadsheet's first sheet. Numbers become amounts through <see cref="XlsxNumber.TryMinorUnits"/>
/// (float noise rounded away, an extra digit refused) and dates through <see cref="XlsxNumber.TrySerialDay"/>; text
/// cells follow the CSV rules. Allocates per row (see <see cref="XlsxSheetReader"/>).
/// </summary>
internal ref struct XlsxSettlementRows(XlsxSheetReader sheet) : ISettlementRows
{
    private string? _problem;

    /// <inheritdoc/>
    public bool TryReadRow()
    {
        _problem = null;
        return sheet.TryReadRow();
    }

    /// <inheritdoc/>
    public readonly long LineNumber => sheet.RowNumber;

    /// <inheritdoc/>
    public readonly bool IsBlank
    {
        get
        {
            for (var i = 0; i < sheet.ColumnCount; i++)
            {
                if (!Field(i).IsEmpty)
                {
                    return false;
                }
            }
            return true;
        }
    }

    /// <inheritdoc/>
    public readonly int FieldCount => sheet.ColumnCount;

    /// <inheritdoc/>
    public readonly bool EndsBefore(int index) => false;

    /// <inheritdoc/>
    public readonly ReadOnlySpan<byte> Field(int index) => index < 0 ? default : ReaderText.Trim(sheet.Value(index));

    /// <inheritdoc/>
    public bool TryAmount(int index, Currency currency, out long minorUnits)
    {
        switch (index < 0 ? XlsxCellKind.Empty : sheet.Kind(index))
        {
            case XlsxCellKind.Number:
                return XlsxNumber.TryMinorUnits(Field(index), currency.MinorUnits, out minorUnits, out _problem);
            case XlsxCellKind.Text or XlsxCellKind.Empty:
                if (ReaderText.TryAmount(Field(index), currency, AmountFormat.Invariant, out minorUnits))
                {
                    return true;
                }
                _problem = $"text that is not an amount with at most {currency.MinorUnits} decimals";
                return false;
            default:
                minorUnits = 0;
                _problem = $"{KindName(sheet.Kind(index))}, not a number";
                return false;
        }
    }

    /// <inheritdoc/>
    public bool TryLeadingIsoDay(int index, out int dayNumber)
    {
        switch (index < 0 ? XlsxCellKind.Empty : sheet.Kind(index))
        {
            case XlsxCellKind.Number:
                return XlsxNumber.TrySerialDay(Field(index), sheet.Date1904, out dayNumber, out _problem);
            case XlsxCellKind.Text:
                if (SettlementRows.TryLeadingIsoDay(Field(index), out dayNumber))
                {
                    return true;
                }
                _problem = "text that does not start with yyyy-MM-dd, and not a date serial";
                return false;
            default:
                dayNumber = -1;
                _problem = $"{KindName(sheet.Kind(index))}, not a date";
                return false;
        }
    }

    private static string KindName(XlsxCellKind kind) => kind switch
    {
        XlsxCellKind.Boolean => "a boolean cell",
        XlsxCellKind.Error => "an error cell",
        XlsxCellKind.Empty => "an empty cell",
        XlsxCellKind.Number => "a number cell",
        _ => "a text cell",
    };

    /// <inheritdoc/>
    public readonly void Reject(ISettlementSink sink, int index, string reason)
    {
        var cell = XlsxSheetReader.CellReference(Math.Max(index, 0), sheet.RowNumber);
        var detail = _problem is null ? "" : $": {_problem}";
        sink.Reject(sheet.RowNumber, index + 1, Field(index), $"{reason}{detail} (sheet '{sheet.SheetName}', cell {cell})");
    }
}
