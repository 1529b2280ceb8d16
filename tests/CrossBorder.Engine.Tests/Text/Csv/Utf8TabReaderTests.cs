using System.Text;
using CrossBorder.Engine.Text.Csv;
using FsCheck.Xunit;

namespace CrossBorder.Engine.Tests.Text.Csv;

public class Utf8TabReaderTests
{
    private static List<(long Line, string[] Fields)> ReadAll(byte[] bytes, int bufferSize)
    {
        var rows = new List<(long, string[])>();
        using var reader = new Utf8TabReader(new MemoryStream(bytes), bufferSize);
        while (reader.TryReadRow(out var row))
        {
            var fields = new string[row.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = Encoding.UTF8.GetString(row[i]);
            }
            Assert.Equal(string.Join('\t', fields), Encoding.UTF8.GetString(row.Raw));
            rows.Add((row.LineNumber, fields));
        }
        return rows;
    }

    [Fact]
    public void Quotes_are_text_lines_end_at_lf_or_crlf_and_a_bom_is_skipped()
    {
        var rows = ReadAll(Encoding.UTF8.GetBytes("\uFEFFa\t\"b\r\n\"c\"\t\t\n\nlast\"\tx"), 16);

        Assert.Equal(["1:a|\"b", "2:\"c\"||", "3:", "4:last\"|x"], rows.Select(r => $"{r.Line}:{string.Join('|', r.Fields)}"));
    }

    /// <summary>Any text, any buffer size (rows longer than the buffer grow it): the rows are the text split at LF and tab.</summary>
    [Property(MaxTest = 300)]
    public void Rows_are_the_text_split_at_line_feeds_and_tabs(string? text, byte bufferSize)
    {
        // Round-trip through UTF-8 first: a lone surrogate becomes U+FFFD, as it does in a file.
        text = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes((text ?? "").Replace("\uFEFF", "", StringComparison.Ordinal)));
        var rows = ReadAll(Encoding.UTF8.GetBytes(text), 16 + bufferSize % 64);

        var lines = text.Split('\n').ToList();
        if (lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1); // the text ends with LF: no row after it
        }
        Assert.Equal(lines.Count, rows.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
            Assert.Equal(i + 1, rows[i].Line);
            Assert.Equal(line.Split('\t'), rows[i].Fields);
        }
    }
}
