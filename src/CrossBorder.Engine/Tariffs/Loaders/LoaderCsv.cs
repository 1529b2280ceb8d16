using System.Globalization;
using System.Text;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>CSV plumbing shared by the loaders: columns found by header name, fields as trimmed strings.</summary>
internal sealed class LoaderCsv
{
    private readonly Dictionary<string, int> _columns;

    private LoaderCsv(Dictionary<string, int> columns) => _columns = columns;

    /// <summary>Reads the header row and checks the required columns.</summary>
    /// <exception cref="InputFormatException">The file is empty or a required column is missing.</exception>
    public static LoaderCsv ReadHeader(Utf8CsvReader reader, string sourceName, params string[] required)
    {
        if (!reader.TryReadRow(out var header))
        {
            throw new InputFormatException(sourceName, 1, 1, "", $"empty file: expected the header {string.Join(",", required)}");
        }
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.FieldCount; i++)
        {
            columns.TryAdd(Encoding.UTF8.GetString(header[i]).Trim(), i);
        }
        foreach (var name in required)
        {
            if (!columns.ContainsKey(name))
            {
                throw new InputFormatException(sourceName, header.LineNumber, 1, string.Join(",", columns.Keys), $"the required column '{name}' is missing");
            }
        }
        return new LoaderCsv(columns);
    }

    /// <summary>The 0-based index of a column, or -1.</summary>
    public int IndexOf(string name) => _columns.TryGetValue(name, out var index) ? index : -1;

    /// <summary>A field as a trimmed string; empty when the row is shorter or the column absent.</summary>
    public static string Field(CsvRow row, int column) =>
        column >= 0 && column < row.FieldCount ? Encoding.UTF8.GetString(row[column]).Trim() : "";

    /// <summary>True for a blank line or a <c>#</c> comment line.</summary>
    public static bool IsCommentOrBlank(CsvRow row) => row.IsBlank || (row[0].Length > 0 && row[0][0] == (byte)'#');

    /// <summary><c>yyyy-MM-dd</c>, invariant.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Parses <c>yyyy-MM-dd</c>, or returns <paramref name="empty"/> for an empty text.</summary>
    public static bool TryParseDate(string text, DateOnly empty, out DateOnly date)
    {
        if (text.Length == 0)
        {
            date = empty;
            return true;
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>
    /// Removes HTML tags from a short text (HTS unit and description markup), turning <c>&lt;sup&gt;2&lt;/sup&gt;</c>
    /// and <c>&lt;sup&gt;3&lt;/sup&gt;</c> into ² and ³ so that <c>m&lt;sup&gt;2&lt;/sup&gt;</c> reads <c>m²</c>.
    /// </summary>
    public static string StripTags(string text)
    {
        if (!text.Contains('<', StringComparison.Ordinal))
        {
            return text;
        }
        var result = new StringBuilder(text.Length);
        var superscript = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '<')
            {
                var close = text.IndexOf('>', i + 1);
                if (close < 0)
                {
                    result.Append(text, i, text.Length - i);
                    break;
                }
                var tag = text.AsSpan(i + 1, close - i - 1).Trim();
                if (tag.StartsWith("sup", StringComparison.OrdinalIgnoreCase))
                {
                    superscript = true;
                }
                else if (tag.StartsWith("/sup", StringComparison.OrdinalIgnoreCase))
                {
                    superscript = false;
                }
                i = close;
                continue;
            }
            result.Append(superscript ? c switch { '2' => '²', '3' => '³', _ => c } : c);
        }
        return result.ToString().Trim();
    }
}
