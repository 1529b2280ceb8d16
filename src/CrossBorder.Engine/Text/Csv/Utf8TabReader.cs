using System.Buffers;

namespace CrossBorder.Engine.Text.Csv;

/// <summary>
/// Streams tab-separated rows from UTF-8 bytes where quotes mean nothing: a field is everything between two tabs,
/// a row everything up to LF (a CR before it is dropped), an optional BOM is skipped. Amazon's flat files are written
/// this way — fields are never quoted, and a description may hold a lone <c>"</c>, which an RFC 4180 reader would take
/// for the start of a quoted field and so swallow the rest of the file or stop with an error.
/// </summary>
/// <remarks>
/// Rows are spans over a pooled buffer that grows only with the longest row: nothing is allocated per row. A row is
/// valid until the next call to <see cref="TryReadRow"/>.
/// </remarks>
internal sealed class Utf8TabReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[] _buffer;
    private int[] _fields = ArrayPool<int>.Shared.Rent(64); // (start, length) pairs relative to the buffer
    private int _start;
    private int _end;
    private bool _eof;
    private bool _bomChecked;
    private long _line = 1;

    public Utf8TabReader(Stream stream, int bufferSize = 1 << 16, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(bufferSize, 16));
    }

    /// <summary>Reads the next row; false at the end. An empty line is a row with one empty field (<see cref="CsvRow.IsBlank"/>).</summary>
    public bool TryReadRow(out CsvRow row)
    {
        if (!_bomChecked)
        {
            while (_end - _start < 3 && !_eof)
            {
                Refill();
            }
            if (_end - _start >= 3 && _buffer[_start] == 0xEF && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF)
            {
                _start += 3;
            }
            _bomChecked = true;
        }
        var searched = 0; // bytes of the current row already searched for LF, so that a long row is not searched again
        while (true)
        {
            var rel = _buffer.AsSpan(_start + searched, _end - _start - searched).IndexOf((byte)'\n');
            if (rel < 0 && !_eof)
            {
                searched = _end - _start; // still valid after the refill: the row moves, its bytes do not change
                Refill();
                continue;
            }
            if (rel < 0 && _end == _start)
            {
                row = default;
                return false;
            }
            var length = rel < 0 ? _end - _start : searched + rel;
            var next = rel < 0 ? _end : _start + length + 1;
            if (length > 0 && _buffer[_start + length - 1] == (byte)'\r')
            {
                length--;
            }
            var count = Split(_start, length);
            row = new CsvRow(_buffer, _fields, count, _line, _buffer.AsSpan(_start, length));
            _line++;
            _start = next;
            return true;
        }
    }

    private int Split(int start, int length)
    {
        var count = 0;
        var pos = start;
        var end = start + length;
        while (true)
        {
            var rel = _buffer.AsSpan(pos, end - pos).IndexOf((byte)'\t');
            var fieldLength = rel < 0 ? end - pos : rel;
            if (count * 2 + 1 >= _fields.Length)
            {
                var grown = ArrayPool<int>.Shared.Rent(_fields.Length * 2);
                _fields.AsSpan().CopyTo(grown);
                ArrayPool<int>.Shared.Return(_fields);
                _fields = grown;
            }
            _fields[count * 2] = pos;
            _fields[count * 2 + 1] = fieldLength;
            count++;
            if (rel < 0)
            {
                return count;
            }
            pos += rel + 1;
        }
    }

    private void Refill()
    {
        if (_start > 0)
        {
            var remaining = _end - _start;
            _buffer.AsSpan(_start, remaining).CopyTo(_buffer);
            _start = 0;
            _end = remaining;
        }
        else if (_end == _buffer.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = grown;
        }
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        if (read == 0)
        {
            _eof = true;
        }
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
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
