using System.Text;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Tests.Text.Csv;

public class Utf8CsvReaderTests
{
    private static List<(long Line, string[] Fields)> ReadAll(string text, int bufferSize = 1 << 16, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bom)
        {
            bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        }
        using var reader = new Utf8CsvReader(new MemoryStream(bytes), bufferSize: bufferSize);
        var rows = new List<(long, string[])>();
        while (reader.TryReadRow(out var row))
        {
            var fields = new string[row.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = Encoding.UTF8.GetString(row[i]);
            }
            rows.Add((row.LineNumber, fields));
        }
        Assert.Equal(bytes.Length, reader.BytesConsumed);
        return rows;
    }

    private static List<(long Line, string Raw, string[] Fields)> ReadInPlace(byte[] data, int length, bool plain)
    {
        using var reader = new Utf8CsvReader(data, length, plain: plain);
        var rows = new List<(long, string, string[])>();
        while (reader.TryReadRow(out var row))
        {
            var fields = new string[row.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = Encoding.UTF8.GetString(row[i]);
            }
            rows.Add((row.LineNumber, Encoding.UTF8.GetString(row.Raw), fields));
        }
        Assert.Equal(length, reader.BytesConsumed);
        return rows;
    }

    [Fact]
    public void Plain_blocks_read_the_same_rows_as_the_general_tokenizer()
    {
        // Blocks without quotes and CRs are cut from 64-byte bit masks of separators and line feeds: random blocks
        // (fields of 0 to 150 bytes, blank lines, a last row with or without a line feed, NULs and multi-byte text),
        // in an array of exactly their length (the last chunk read byte by byte) and in a larger one whose bytes past
        // the data are separators and line feeds (which must not count), read the same rows, lines and raw text.
        var random = new Random(20261127);
        char[] alphabet = ['a', 'Z', '7', ' ', '.', '-', '\0', 'é', ';'];
        for (var round = 0; round < 400; round++)
        {
            var text = new StringBuilder();
            var rows = random.Next(0, 12);
            for (var r = 0; r < rows; r++)
            {
                var fields = random.Next(0, 4) == 0 ? 1 : random.Next(1, 10);
                for (var f = 0; f < fields; f++)
                {
                    if (f > 0)
                    {
                        text.Append(',');
                    }
                    var length = random.Next(0, 5) == 0 ? random.Next(0, 150) : random.Next(0, 12);
                    for (var i = 0; i < length; i++)
                    {
                        text.Append(alphabet[random.Next(alphabet.Length)]);
                    }
                }
                if (r < rows - 1 || random.Next(2) == 0)
                {
                    text.Append('\n');
                }
            }
            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            var padded = new byte[bytes.Length + random.Next(0, 100)];
            bytes.CopyTo(padded, 0);
            padded.AsSpan(bytes.Length).Fill(round % 2 == 0 ? (byte)',' : (byte)'\n');

            var general = ReadInPlace([.. bytes], bytes.Length, plain: false);
            Assert.Equal(general, ReadInPlace([.. bytes], bytes.Length, plain: true), RowComparer.Instance);
            Assert.Equal(general, ReadInPlace(padded, bytes.Length, plain: true), RowComparer.Instance);
        }
    }

    private sealed class RowComparer : IEqualityComparer<(long Line, string Raw, string[] Fields)>
    {
        public static readonly RowComparer Instance = new();

        public bool Equals((long Line, string Raw, string[] Fields) x, (long Line, string Raw, string[] Fields) y) =>
            x.Line == y.Line && x.Raw == y.Raw && x.Fields.SequenceEqual(y.Fields);

        public int GetHashCode((long Line, string Raw, string[] Fields) obj) => obj.Line.GetHashCode();
    }

    [Fact]
    public void Reads_plain_rows_with_LF_and_CRLF()
    {
        var rows = ReadAll("a,b,c\n1,2,3\r\n4,,6");
        Assert.Equal(3, rows.Count);
        Assert.Equal(["a", "b", "c"], rows[0].Fields);
        Assert.Equal(["1", "2", "3"], rows[1].Fields);
        Assert.Equal(["4", "", "6"], rows[2].Fields);
        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.Line));
    }

    [Fact]
    public void Quoted_fields_keep_separators_newlines_and_escaped_quotes()
    {
        var rows = ReadAll("id,text\n1,\"a,b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,x\n");
        Assert.Equal(["1", "a,b"], rows[1].Fields);
        Assert.Equal(["2", "say \"hi\""], rows[2].Fields);
        Assert.Equal(["3", "two\nlines"], rows[3].Fields);
        Assert.Equal(["4", "x"], rows[4].Fields);
        // Line numbers are physical lines: row 4 starts on line 6 because row 3 spans two lines.
        Assert.Equal(6, rows[4].Line);
    }

    [Fact]
    public void Skips_a_byte_order_mark()
    {
        var rows = ReadAll("order_id,amount\nA,1\n", bom: true);
        Assert.Equal("order_id", rows[0].Fields[0]);
    }

    [Fact]
    public void Empty_stream_has_no_rows_and_blank_lines_are_visible()
    {
        Assert.Empty(ReadAll(""));
        var rows = ReadAll("a\n\nb\n");
        Assert.Equal(3, rows.Count);
        Assert.Equal([""], rows[1].Fields);
    }

    [Fact]
    public void Unclosed_quote_is_an_error_naming_the_line()
    {
        var error = Assert.Throws<InputFormatException>(() => ReadAll("a,b\n1,\"open\n2,3\n"));
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_an_error()
    {
        var error = Assert.Throws<InputFormatException>(() => ReadAll("a,b\n\"x\"y,1\n"));
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Unquoted_fields_of_every_length_end_at_the_first_separator_or_line_break()
    {
        // Lengths 0 to 100 cross the 32-byte first step of the field scan at every offset; each field is followed by a
        // separator, LF, CRLF or a lone CR, and every third row has a quote inside an unquoted field (kept as text).
        var text = new StringBuilder();
        var expected = new List<string[]>();
        var ends = new[] { "\n", "\r\n", "\r" };
        for (var length = 0; length <= 100; length++)
        {
            var field = new string(Enumerable.Range(0, length).Select(i => (char)('a' + (i * 7 + length) % 26)).ToArray());
            if (length % 3 == 1 && length > 2)
            {
                field = field[..(length / 2)] + "\"" + field[(length / 2 + 1)..];
            }
            var row = new[] { field, "x", field + "y" };
            expected.Add(row);
            text.Append(string.Join(',', row)).Append(ends[length % 3]);
        }
        var rows = ReadAll(text.ToString());
        Assert.Equal(expected.Count, rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            Assert.Equal(expected[r], rows[r].Fields);
        }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(31)]
    [InlineData(64)]
    public void Rows_cut_by_the_buffer_end_read_the_same_as_with_a_large_buffer(int bufferSize)
    {
        // Rows longer than the buffer, quotes and CRLF across refills: the result must not depend on the buffer size.
        var random = new Random(42);
        var text = new StringBuilder();
        var expected = new List<string[]>();
        for (var r = 0; r < 300; r++)
        {
            var fields = new string[random.Next(1, 6)];
            for (var f = 0; f < fields.Length; f++)
            {
                var value = new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => "ab,\"\n x1"[random.Next(8)]).ToArray());
                fields[f] = value;
                var needsQuotes = value.IndexOfAny([',', '"', '\n', '\r']) >= 0 || (f == 0 && fields.Length == 1 && value.Length == 0);
                text.Append(needsQuotes ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value);
                if (f < fields.Length - 1)
                {
                    text.Append(',');
                }
            }
            text.Append(random.Next(2) == 0 ? "\n" : "\r\n");
            expected.Add(fields);
        }
        var small = ReadAll(text.ToString(), bufferSize);
        Assert.Equal(expected.Count, small.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], small[i].Fields);
        }
        Assert.Equal(ReadAll(text.ToString()).Select(r => r.Line), small.Select(r => r.Line));
    }
}
