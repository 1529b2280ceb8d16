namespace CrossBorder.Engine.Text.Csv;

/// <summary>One CSV row: its fields as UTF-8 spans (unquoted and unescaped), valid until the next read.</summary>
public readonly ref struct CsvRow
{
    private readonly byte[] _buffer;
    private readonly int[] _fields;

    internal CsvRow(byte[] buffer, int[] fields, int count, long lineNumber, ReadOnlySpan<byte> raw)
    {
        _buffer = buffer;
        _fields = fields;
        FieldCount = count;
        LineNumber = lineNumber;
        Raw = raw;
    }

    /// <summary>Number of fields.</summary>
    public int FieldCount { get; }

    /// <summary>The 1-based physical line on which the row starts.</summary>
    public long LineNumber { get; }

    /// <summary>The row's bytes as read (quoted fields appear unescaped in place).</summary>
    public ReadOnlySpan<byte> Raw { get; }

    /// <summary>True for an empty line.</summary>
    public bool IsBlank => FieldCount == 1 && _fields[1] == 0;

    /// <summary>The field at <paramref name="index"/> (0-based).</summary>
    public ReadOnlySpan<byte> this[int index]
    {
        // Inlined into the per-row loops (the throw is out of line).
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)index >= (uint)FieldCount)
            {
                ThrowNoField(index);
            }
            return _buffer.AsSpan(_fields[index * 2], _fields[index * 2 + 1]);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private readonly void ThrowNoField(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, $"The row on line {LineNumber} has {FieldCount} fields.");

    /// <summary>The field at <paramref name="index"/>, or an empty span when the row has no such field (or the index is negative).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal ReadOnlySpan<byte> FieldOrEmpty(int index) =>
        (uint)index < (uint)FieldCount ? _buffer.AsSpan(_fields[index * 2], _fields[index * 2 + 1]) : default;
}
