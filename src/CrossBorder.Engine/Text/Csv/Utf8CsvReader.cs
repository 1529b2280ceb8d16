using System.Buffers;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CrossBorder.Engine.Text.Csv;

/// <summary>
/// Streams RFC 4180 rows from UTF-8 bytes: quoted fields with doubled quotes, separators and line breaks inside
/// quotes, LF or CRLF, an optional BOM. Rows are handed out as spans over a pooled buffer that grows only with the
/// longest row, so reading allocates nothing per row.
/// </summary>
/// <remarks>
/// A row is valid until the next call to <see cref="TryReadRow"/>. <see cref="CsvRow.LineNumber"/> is the physical
/// line on which the row starts (1-based), so errors can name it even when quoted fields span lines.
/// </remarks>
public sealed class Utf8CsvReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte _separator;
    private readonly SearchValues<byte> _specials;
    private readonly bool _ownsBuffer = true;
    private byte[] _buffer;
    private int _start;   // first unread byte
    private int _end;     // end of valid data
    private bool _eof;
    private bool _bomChecked;
    private int[] _fields = ArrayPool<int>.Shared.Rent(64); // (start, length) pairs relative to the buffer
    private long _line = 1;
    private long _bytesConsumed;

    // Plain data (no quote, no CR; see the in-place constructor): the separators and line feeds of one 64-byte chunk
    // at a time as a bit mask, popped field by field across rows.
    private readonly bool _plain;
    private int _plainChunk = -PlainChunkBytes;
    private ulong _plainMask;
    private const int PlainChunkBytes = 64;

    /// <summary>Creates a reader over <paramref name="stream"/>.</summary>
    public Utf8CsvReader(Stream stream, byte separator = (byte)',', int bufferSize = 1 << 16, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _separator = separator;
        _specials = SearchValues.Create([separator, (byte)'"', (byte)'\n', (byte)'\r']);
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(bufferSize, 16));
    }

    /// <summary>
    /// A reader over the first <paramref name="length"/> bytes of <paramref name="data"/>, read in place: no stream,
    /// no copy into a pooled buffer (the reconciliation's workers read whole blocks of rows this way). The rows are
    /// parsed as from a stream of those bytes; the caller keeps <paramref name="data"/> unchanged while reading, except
    /// that doubled quotes are unescaped in it in place.
    /// </summary>
    /// <remarks>
    /// With <paramref name="plain"/> the caller vouches that the bytes hold no quote and no CR (most blocks of a
    /// machine-written file): each 64 bytes are then compared once for separators and line feeds, and fields and rows
    /// are cut from the bit mask, instead of searching every field for four special bytes.
    /// </remarks>
    internal Utf8CsvReader(byte[] data, int length, byte separator = (byte)',', bool plain = false)
        : this(Stream.Null, separator, bufferSize: 16, leaveOpen: true)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, data.Length);
        Debug.Assert(!plain || !data.AsSpan(0, length).ContainsAny((byte)'"', (byte)'\r'));
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = data;
        _ownsBuffer = false;
        _end = length;
        _eof = true;
        _plain = plain;
    }

    /// <summary>Bytes of the stream consumed by the rows read so far.</summary>
    public long BytesConsumed => _bytesConsumed;

    /// <summary>The separator byte.</summary>
    public byte Separator => _separator;

    /// <summary>
    /// Reads the next row. Returns false at the end of the stream. Blank lines are returned as rows with one empty
    /// field (so that a caller can count them); use <see cref="CsvRow.IsBlank"/> to skip them.
    /// </summary>
    /// <exception cref="InputFormatException">A quoted field is not closed before the end of the stream, or text follows a closing quote.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryReadRow(out CsvRow row)
    {
        while (true)
        {
            if (!_bomChecked)
            {
                if (!EnsureBytes(3) && _end - _start < 3)
                {
                    // Fewer than three bytes in the whole stream: check what there is.
                }
                if (_end - _start >= 3 && _buffer[_start] == 0xEF && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF)
                {
                    _start += 3;
                    _bytesConsumed += 3;
                }
                _bomChecked = true;
            }
            var status = _plain ? TryParsePlainRow(out row) : TryParseRow(out row);
            if (status == ParseStatus.Row)
            {
                return true;
            }
            if (status == ParseStatus.End)
            {
                return false;
            }
            // NeedMore: refill (compacting or growing the buffer) and parse the row again from its start.
            if (!Refill())
            {
                _eof = true;
            }
        }
    }

    private enum ParseStatus
    {
        Row,
        NeedMore,
        End,
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private ParseStatus TryParseRow(out CsvRow row)
    {
        row = default;
        var buffer = _buffer;
        var pos = _start;
        var end = _end;
        if (pos >= end)
        {
            return _eof ? ParseStatus.End : ParseStatus.NeedMore;
        }
        var fieldCount = 0;
        var lines = 0L;
        while (true)
        {
            // One field starts at pos.
            int fieldStart;
            int fieldLength;
            if (pos < end && buffer[pos] == (byte)'"')
            {
                // Quoted: first find the closing quote (a doubled quote is an escaped one) without touching the
                // buffer, so that a row cut by the buffer's end can be parsed again from its start after a refill.
                var read = pos + 1;
                int closing;
                while (true)
                {
                    var rel = buffer.AsSpan(read, end - read).IndexOf((byte)'"');
                    if (rel < 0)
                    {
                        if (_eof)
                        {
                            ThrowUnclosedQuote(lines);
                        }
                        return ParseStatus.NeedMore;
                    }
                    var quote = read + rel;
                    if (quote + 1 >= end && !_eof)
                    {
                        return ParseStatus.NeedMore; // cannot yet tell an escaped quote from a closing one
                    }
                    if (quote + 1 < end && buffer[quote + 1] == (byte)'"')
                    {
                        read = quote + 2;
                        continue;
                    }
                    closing = quote;
                    break;
                }
                fieldStart = pos + 1;
                lines += buffer.AsSpan(fieldStart, closing - fieldStart).Count((byte)'\n');
                // Doubled quotes are unescaped only once the whole row is known (see Finish): a row cut by the
                // buffer's end is parsed again from its start, so the buffer must not change before that.
                var escaped = read != pos + 1;
                read = closing + 1;
                fieldLength = escaped ? (closing - fieldStart) | EscapedFlag : closing - fieldStart;
                pos = read;
                if (pos < end && buffer[pos] != _separator && buffer[pos] != (byte)'\n' && buffer[pos] != (byte)'\r')
                {
                    ThrowTextAfterQuote(lines, pos);
                }
            }
            else
            {
                var rel = IndexOfSpecial(buffer, pos, end);
                if (rel < 0)
                {
                    if (!_eof)
                    {
                        return ParseStatus.NeedMore;
                    }
                    rel = end - pos;
                }
                else if (buffer[pos + rel] == (byte)'"')
                {
                    // A quote inside an unquoted field is kept as text (lenient, as most producers expect).
                    var next = buffer.AsSpan(pos + rel + 1, end - pos - rel - 1).IndexOfAny(_separator, (byte)'\n', (byte)'\r');
                    if (next < 0)
                    {
                        if (!_eof)
                        {
                            return ParseStatus.NeedMore;
                        }
                        rel = end - pos;
                    }
                    else
                    {
                        rel += 1 + next;
                    }
                }
                fieldStart = pos;
                fieldLength = rel;
                pos += rel;
            }

            AddField(ref fieldCount, fieldStart, fieldLength);

            if (pos >= end)
            {
                if (!_eof)
                {
                    return ParseStatus.NeedMore;
                }
                // Last row without a line break.
                Finish(pos, pos, fieldCount, lines, out row);
                return ParseStatus.Row;
            }
            var b = buffer[pos];
            if (b == _separator)
            {
                pos++;
                if (pos >= end && !_eof)
                {
                    return ParseStatus.NeedMore;
                }
                continue;
            }
            // A line break: LF, CRLF or a lone CR.
            var next2 = pos + 1;
            if (b == (byte)'\r')
            {
                if (next2 >= end && !_eof)
                {
                    return ParseStatus.NeedMore;
                }
                if (next2 < end && buffer[next2] == (byte)'\n')
                {
                    next2++;
                }
            }
            Finish(pos, next2, fieldCount, lines, out row);
            return ParseStatus.Row;
        }
    }

    /// <summary>
    /// <see cref="TryParseRow"/> for plain data (all of it in the buffer, no quote, no CR): a field ends at the next
    /// separator or line feed, found by popping the lowest bit of the current chunk's mask; a row ends at a line feed,
    /// and the last row at the end of the data.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ParseStatus TryParsePlainRow(out CsvRow row)
    {
        row = default;
        if (_start >= _end)
        {
            return ParseStatus.End;
        }
        var fieldCount = 0;
        var fieldStart = _start;
        while (true)
        {
            while (_plainMask == 0)
            {
                _plainChunk += PlainChunkBytes;
                if (_plainChunk >= _end)
                {
                    // No separator or line feed left: the rest is the last field of the last row.
                    AddField(ref fieldCount, fieldStart, _end - fieldStart);
                    FinishPlain(_end, _end, fieldCount, out row);
                    return ParseStatus.Row;
                }
                _plainMask = PlainMask(_plainChunk);
            }
            var at = _plainChunk + BitOperations.TrailingZeroCount(_plainMask);
            _plainMask &= _plainMask - 1;
            AddField(ref fieldCount, fieldStart, at - fieldStart);
            if (_buffer[at] == (byte)'\n')
            {
                FinishPlain(at, at + 1, fieldCount, out row);
                return ParseStatus.Row;
            }
            fieldStart = at + 1;
        }
    }

    /// <summary>Bit i set when byte <paramref name="chunk"/> + i (before the end of the data) is the separator or a line feed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong PlainMask(int chunk)
    {
        var valid = _end - chunk;
        ulong mask;
        ref var at = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), chunk);
        if (chunk + PlainChunkBytes <= _buffer.Length && Vector512.IsHardwareAccelerated)
        {
            var bytes = Vector512.LoadUnsafe(ref at);
            mask = (Vector512.Equals(bytes, Vector512.Create(_separator)) | Vector512.Equals(bytes, Vector512.Create((byte)'\n'))).ExtractMostSignificantBits();
        }
        else if (chunk + PlainChunkBytes <= _buffer.Length && Vector256.IsHardwareAccelerated)
        {
            var low = Vector256.LoadUnsafe(ref at);
            var high = Vector256.LoadUnsafe(ref at, (nuint)Vector256<byte>.Count);
            var separator = Vector256.Create(_separator);
            var lineFeed = Vector256.Create((byte)'\n');
            mask = (ulong)(Vector256.Equals(low, separator) | Vector256.Equals(low, lineFeed)).ExtractMostSignificantBits()
                | (ulong)(Vector256.Equals(high, separator) | Vector256.Equals(high, lineFeed)).ExtractMostSignificantBits() << 32;
        }
        else
        {
            // Without vectors, or a chunk at the very end of the array: byte by byte.
            mask = 0;
            var count = Math.Min(PlainChunkBytes, valid);
            for (var i = 0; i < count; i++)
            {
                var b = Unsafe.Add(ref at, i);
                if (b == _separator || b == (byte)'\n')
                {
                    mask |= 1UL << i;
                }
            }
        }
        // Bytes past the end of the data (the rest of a pooled array) are not data.
        return valid >= PlainChunkBytes ? mask : mask & ((1UL << valid) - 1);
    }

    /// <summary>
    /// The offset from <paramref name="pos"/> of the first separator, quote, LF or CR before <paramref name="end"/>, or −1.
    /// Fields are short (a dozen bytes): the first 32 bytes are compared in one vector step, inline, and only a field
    /// longer than that goes to <see cref="SearchValues{T}"/>, whose call costs more than a short field's scan.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int IndexOfSpecial(byte[] buffer, int pos, int end)
    {
        if (Vector256.IsHardwareAccelerated && end - pos >= Vector256<byte>.Count)
        {
            // In bounds: pos + 32 <= end <= buffer.Length.
            var bytes = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(buffer), (nuint)pos);
            var specials = Vector256.Equals(bytes, Vector256.Create(_separator)) | Vector256.Equals(bytes, Vector256.Create((byte)'"'))
                | Vector256.Equals(bytes, Vector256.Create((byte)'\n')) | Vector256.Equals(bytes, Vector256.Create((byte)'\r'));
            var mask = specials.ExtractMostSignificantBits();
            if (mask != 0)
            {
                return BitOperations.TrailingZeroCount(mask);
            }
            var rest = buffer.AsSpan(pos + Vector256<byte>.Count, end - pos - Vector256<byte>.Count).IndexOfAny(_specials);
            return rest < 0 ? -1 : Vector256<byte>.Count + rest;
        }
        return buffer.AsSpan(pos, end - pos).IndexOfAny(_specials);
    }

    private const int EscapedFlag = 1 << 30; // on a field's length: the field holds doubled quotes to unescape

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Finish(int rowEnd, int next, int fieldCount, long innerLines, out CsvRow row)
    {
        for (var f = 0; f < fieldCount; f++)
        {
            var length = _fields[f * 2 + 1];
            if ((length & EscapedFlag) != 0)
            {
                _fields[f * 2 + 1] = Unescape(_fields[f * 2], length & ~EscapedFlag);
            }
        }
        row = new CsvRow(_buffer, _fields, fieldCount, _line, _buffer.AsSpan(_start, rowEnd - _start));
        _line += innerLines + 1;
        _bytesConsumed += next - _start;
        _start = next;
    }

    /// <summary><see cref="Finish"/> for a plain row: one line, nothing to unescape.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void FinishPlain(int rowEnd, int next, int fieldCount, out CsvRow row)
    {
        row = new CsvRow(_buffer, _fields, fieldCount, _line, _buffer.AsSpan(_start, rowEnd - _start));
        _line++;
        _bytesConsumed += next - _start;
        _start = next;
    }

    /// <summary>Turns each doubled quote into one, in place; returns the new length.</summary>
    private int Unescape(int start, int length)
    {
        var buffer = _buffer;
        var end = start + length;
        var read = start;
        var write = start;
        while (read < end)
        {
            var rel = buffer.AsSpan(read, end - read).IndexOf((byte)'"');
            var chunk = rel < 0 ? end - read : rel + 1; // keep one quote of a pair
            if (write != read)
            {
                buffer.AsSpan(read, chunk).CopyTo(buffer.AsSpan(write));
            }
            write += chunk;
            read += rel < 0 ? chunk : chunk + 1; // skip the second quote of the pair
        }
        return write - start;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddField(ref int fieldCount, int start, int length)
    {
        var index = fieldCount * 2;
        if (index + 1 >= _fields.Length)
        {
            var grown = ArrayPool<int>.Shared.Rent(_fields.Length * 2);
            _fields.AsSpan().CopyTo(grown);
            ArrayPool<int>.Shared.Return(_fields);
            _fields = grown;
        }
        _fields[index] = start;
        _fields[index + 1] = length;
        fieldCount++;
    }

    private bool EnsureBytes(int count)
    {
        while (_end - _start < count && !_eof)
        {
            if (!Refill())
            {
                _eof = true;
            }
        }
        return _end - _start >= count;
    }

    private bool Refill()
    {
        if (_start > 0)
        {
            // Move the unfinished row to the front of the buffer.
            var remaining = _end - _start;
            _buffer.AsSpan(_start, remaining).CopyTo(_buffer);
            _start = 0;
            _end = remaining;
        }
        else if (_end == _buffer.Length)
        {
            // The row is longer than the buffer: grow it.
            var grown = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = grown;
        }
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        return read > 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowUnclosedQuote(long innerLines) =>
        throw new InputFormatException(_stream is FileStream fs ? fs.Name : "stream", _line, 0, "", $"a quoted field opened on this line is not closed ({innerLines} line breaks later the file ends)");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowTextAfterQuote(long innerLines, int pos) =>
        throw new InputFormatException(_stream is FileStream fs ? fs.Name : "stream", _line + innerLines, 0,
            System.Text.Encoding.UTF8.GetString(_buffer, pos, Math.Min(16, _end - pos)), "text after the closing quote of a field");

    /// <inheritdoc />
    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            if (_ownsBuffer)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
            }
            ArrayPool<int>.Shared.Return(_fields);
            _buffer = [];
            _fields = [];
        }
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
