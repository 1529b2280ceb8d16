using System.Text.Json;
using CrossBorder.Engine.Text;

namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>
/// A JSON file held in memory with an index of its line starts, so that loaders can name the line and column of a
/// JSON item (from <see cref="Utf8JsonReader.TokenStartIndex"/>) in their errors.
/// </summary>
internal sealed class JsonSource
{
    private readonly byte[] _bytes;
    private readonly int _start;       // after a UTF-8 BOM
    private readonly List<int> _lineStarts = [0];

    private JsonSource(byte[] bytes, string name)
    {
        _bytes = bytes;
        Name = name;
        _start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        for (var i = _start; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1 - _start);
            }
        }
    }

    /// <summary>The file name used in messages.</summary>
    public string Name { get; }

    /// <summary>The UTF-8 text without BOM.</summary>
    public ReadOnlySpan<byte> Utf8 => _bytes.AsSpan(_start);

    /// <summary>Reads a whole stream.</summary>
    public static JsonSource Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new JsonSource(copy.ToArray(), name);
    }

    /// <summary>A reader over the text.</summary>
    public Utf8JsonReader CreateReader() => new(Utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });

    /// <summary>The 1-based line and byte column of an offset into <see cref="Utf8"/>.</summary>
    public (long Line, int Column) Position(long offset)
    {
        var index = _lineStarts.BinarySearch((int)offset);
        if (index < 0)
        {
            index = ~index - 1;
        }
        return (index + 1, (int)(offset - _lineStarts[index]) + 1);
    }

    /// <summary>A malformed-JSON error as an <see cref="InputFormatException"/> naming the position.</summary>
    public InputFormatException Malformed(JsonException e) =>
        new(Name, (e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, "", "not valid JSON: " + e.Message, e);

    /// <summary>An error at an offset.</summary>
    public InputFormatException Error(long offset, string value, string reason)
    {
        var (line, column) = Position(offset);
        return new InputFormatException(Name, line, column, value, reason);
    }

    /// <summary>Reads the next token; a syntax error becomes an <see cref="InputFormatException"/>.</summary>
    public bool Read(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (JsonException e)
        {
            throw Malformed(e);
        }
    }

    /// <summary>Parses the value at the reader (which ends on its last token); a syntax error becomes an <see cref="InputFormatException"/>.</summary>
    public JsonDocument ParseValue(ref Utf8JsonReader reader)
    {
        try
        {
            return JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw Malformed(e);
        }
    }

    /// <summary>Skips the value at the reader.</summary>
    public void Skip(ref Utf8JsonReader reader)
    {
        try
        {
            reader.Skip();
        }
        catch (JsonException e)
        {
            throw Malformed(e);
        }
    }

    /// <summary>Reads the first token and checks it.</summary>
    public void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (!Read(ref reader) || reader.TokenType != type)
        {
            throw Error(reader.TokenStartIndex, reader.TokenType.ToString(), $"expected {what}");
        }
    }
}
