using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Tests.Settlements;

/// <summary>The CSV rows of a fuzzed file, for the oracles that count what a reader must account for.</summary>
internal static class FuzzCsv
{
    public delegate void RowAction(in CsvRow row);

    /// <summary>Calls <paramref name="action"/> for every row (blank ones too) up to the end or to a CSV error, which it returns.</summary>
    public static InputFormatException? EachRow(byte[] utf8, RowAction action)
    {
        using var csv = new Utf8CsvReader(new MemoryStream(utf8), leaveOpen: false);
        try
        {
            while (csv.TryReadRow(out var row))
            {
                action(row);
            }
        }
        catch (InputFormatException e)
        {
            return e;
        }
        return null;
    }
}
