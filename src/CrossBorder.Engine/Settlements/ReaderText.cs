using System.Text;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Settlements;

/// <summary>Small span helpers shared by the CSV-based settlement readers. Nothing here allocates.</summary>
internal static class ReaderText
{
    /// <summary>The field at <paramref name="index"/>, trimmed of spaces and tabs; empty when the column is absent (−1) or the row is shorter.</summary>
    public static ReadOnlySpan<byte> Field(in CsvRow row, int index) =>
        index < 0 || index >= row.FieldCount ? default : Trim(row[index]);

    /// <summary>The span without leading and trailing spaces and tabs.</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> value) => value.Trim(" \t"u8);

    /// <summary>
    /// True when a header cell names <paramref name="name"/>: ASCII case-insensitive, ignoring surrounding spaces and
    /// treating any run of spaces as one (PayPal writes "Transaction  Debit or Credit" in some versions). Non-ASCII
    /// bytes must match exactly.
    /// </summary>
    public static bool HeaderIs(ReadOnlySpan<byte> cell, ReadOnlySpan<byte> name)
    {
        cell = Trim(cell);
        var i = 0;
        var j = 0;
        while (i < cell.Length && j < name.Length)
        {
            var a = cell[i];
            var b = name[j];
            if (a == (byte)' ' && b == (byte)' ')
            {
                while (i < cell.Length && cell[i] == (byte)' ')
                {
                    i++;
                }
                j++;
                continue;
            }
            if (a != b && ((a | 0x20) != (b | 0x20) || (a | 0x20) is < (byte)'a' or > (byte)'z'))
            {
                return false;
            }
            i++;
            j++;
        }
        return i == cell.Length && j == name.Length;
    }

    /// <summary>The 0-based index of the first header cell naming one of <paramref name="names"/>, or −1.</summary>
    public static int Find(in CsvRow header, params ReadOnlySpan<string> names)
    {
        Span<byte> utf8 = stackalloc byte[128];
        foreach (var name in names)
        {
            var length = Encoding.UTF8.GetBytes(name, utf8);
            for (var i = 0; i < header.FieldCount; i++)
            {
                if (HeaderIs(header[i], utf8[..length]))
                {
                    return i;
                }
            }
        }
        return -1;
    }

    /// <summary>True when the first non-blank line of <paramref name="head"/> has every one of <paramref name="names"/> as a whole header cell (quoted or not).</summary>
    public static bool HeadHasCells(ReadOnlySpan<byte> head, params ReadOnlySpan<string> names)
    {
        var line = FirstNonBlankLine(head);
        foreach (var name in names)
        {
            if (!LineHasCell(line, Encoding.UTF8.GetBytes(name)))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>True when every one of <paramref name="names"/> is one of <paramref name="cells"/> (a spreadsheet header row).</summary>
    public static bool CellsHave(IReadOnlyList<byte[]> cells, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            var utf8 = Encoding.UTF8.GetBytes(name);
            if (!cells.Any(cell => HeaderIs(cell, utf8)))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The first line of <paramref name="head"/> with something on it, without a UTF-8 BOM.</summary>
    public static ReadOnlySpan<byte> FirstNonBlankLine(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }
        while (!head.IsEmpty)
        {
            var end = head.IndexOfAny((byte)'\n', (byte)'\r');
            var line = end < 0 ? head : head[..end];
            if (!Trim(line).Trim(","u8).IsEmpty)
            {
                return line;
            }
            if (end < 0)
            {
                break;
            }
            head = head[(end + 1)..];
        }
        return default;
    }

    private static bool LineHasCell(ReadOnlySpan<byte> line, ReadOnlySpan<byte> name)
    {
        while (true)
        {
            var comma = line.IndexOf((byte)',');
            var cell = Trim(comma < 0 ? line : line[..comma]);
            if (cell.Length >= 2 && cell[0] == (byte)'"' && cell[^1] == (byte)'"')
            {
                cell = cell[1..^1];
            }
            if (HeaderIs(cell, name))
            {
                return true;
            }
            if (comma < 0)
            {
                return false;
            }
            line = line[(comma + 1)..];
        }
    }

    /// <summary>Parses an amount field; an empty field is zero.</summary>
    public static bool TryAmount(ReadOnlySpan<byte> field, Currency currency, in AmountFormat format, out long minorUnits)
    {
        if (field.IsEmpty)
        {
            minorUnits = 0;
            return true;
        }
        return Utf8AmountParser.TryParseExact(field, currency, format, out minorUnits, out _);
    }

    /// <summary>Writes <paramref name="a"/> then <paramref name="b"/> into <paramref name="scratch"/> (cut at its length) and returns the written part.</summary>
    public static ReadOnlySpan<byte> Concat(Span<byte> scratch, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var n = Math.Min(a.Length, scratch.Length);
        a[..n].CopyTo(scratch);
        var m = Math.Min(b.Length, scratch.Length - n);
        b[..m].CopyTo(scratch[n..]);
        return scratch[..(n + m)];
    }

    /// <summary>The field as text for an error message (rejects only, never on the accepting path).</summary>
    public static string Text(ReadOnlySpan<byte> value) => Encoding.UTF8.GetString(value);

    /// <summary>The first non-empty of the given fields (for order ids: invoice, then reference, then transaction).</summary>
    public static ReadOnlySpan<byte> FirstNonEmpty(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c) =>
        !a.IsEmpty ? a : !b.IsEmpty ? b : c;

    /// <summary>
    /// A row's gross amount as one line (mapping code empty) and, when non-zero, its fee as a second line (mapping
    /// code <c>Fee</c>, ref <c>transaction:fee</c> so the two are never duplicates of each other), both in the row's
    /// order, category, date and settlement.
    /// </summary>
    public static void AcceptGrossAndFee(ISettlementSink sink, ComponentMapping mapping, SettlementFormat format, ReadOnlySpan<byte> type,
        ReadOnlySpan<byte> orderId, ReadOnlySpan<byte> transaction, ReadOnlySpan<byte> settlementId, int day, long line,
        Currency currency, long gross, Currency feeCurrency, long fee, Span<byte> componentScratch, Span<byte> refScratch)
    {
        sink.Accept(new SettlementLine
        {
            OrderId = orderId,
            Component = mapping.Resolve(format, type, default, default, componentScratch),
            Currency = currency,
            MinorUnits = gross,
            DayNumber = day,
            Category = type,
            Ref = transaction,
            SettlementId = settlementId,
            LineNumber = line,
        });
        if (fee != 0)
        {
            sink.Accept(new SettlementLine
            {
                OrderId = orderId,
                Component = mapping.Resolve(format, type, "Fee"u8, default, componentScratch),
                Currency = feeCurrency,
                MinorUnits = fee,
                DayNumber = day,
                Category = type,
                Ref = Concat(refScratch, transaction, ":fee"u8),
                SettlementId = settlementId,
                LineNumber = line,
            });
        }
    }
}
