using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.LandedCost;

/// <summary>
/// Reads a shipment CSV (see <see cref="ShipmentCsv"/>) in batches of whole shipments, for pricing files of any size
/// in bounded memory: read a batch, <see cref="LandedCostCalculator.Calculate"/> it, write its results, read the next.
/// </summary>
/// <remarks>
/// <para>A batch never splits a shipment, so each batch can be priced on its own. Memory is the batch buffer (it grows
/// only when one shipment has more lines than the buffer) and one entry per shipment id seen, which is how the reader
/// proves that every shipment's rows are contiguous. When a shipment id reappears after rows of other shipments, the
/// file cannot be streamed: <see cref="TryReadBatch"/> throws <see cref="ShipmentsNotContiguousException"/>, and
/// <see cref="ShipmentCsv.Read"/> (which loads the whole file and regroups) is the way to read it.</para>
/// <para>Per accepted row nothing is allocated but a new shipment's id string (consecutive rows share it).</para>
/// </remarks>
public sealed class ShipmentCsvReader : IDisposable
{
    private readonly Utf8CsvReader _reader;
    private readonly string _sourceName;
    private readonly ShipmentCsv.Columns? _columns;
    private readonly ShipmentCsv.ReadState _state = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<ShipmentReject> _rejects = [];
    private ShipmentLine[] _buffer;
    private int _count;       // lines in the buffer
    private int _returned;    // lines at the front of the buffer handed out by the previous batch
    private ShipmentLine _pending;
    private bool _hasPending;
    private bool _ended;
    private string? _lastId;

    /// <summary>Opens the reader and reads the header.</summary>
    /// <param name="stream">The CSV, UTF-8 with or without BOM.</param>
    /// <param name="sourceName">The file's name, for errors and rejects.</param>
    /// <param name="batchLines">The batch buffer's size in lines (at least 1).</param>
    /// <param name="leaveOpen">Whether disposing the reader leaves <paramref name="stream"/> open.</param>
    /// <exception cref="InputFormatException">The header lacks a required column.</exception>
    public ShipmentCsvReader(Stream stream, string sourceName, int batchLines = 4096, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchLines, 1);
        _reader = new Utf8CsvReader(stream, leaveOpen: leaveOpen);
        _sourceName = sourceName;
        _buffer = new ShipmentLine[batchLines];
        try
        {
            _columns = ShipmentCsv.ReadHeader(_reader, sourceName);
        }
        catch
        {
            _reader.Dispose();
            throw;
        }
        _ended = _columns is null;
    }

    /// <summary>Data rows read so far (blank rows are not counted).</summary>
    public long RowsRead { get; private set; }

    /// <summary>Rows accepted so far.</summary>
    public long LinesAccepted { get; private set; }

    /// <summary>Bytes of the file consumed so far, for progress.</summary>
    public long BytesConsumed => _reader.BytesConsumed;

    /// <summary>The rows rejected so far, with line, column and reason, in file order.</summary>
    public IReadOnlyList<ShipmentReject> Rejects => _rejects;

    /// <summary>
    /// Reads the next batch of whole shipments. The span is valid until the next call.
    /// </summary>
    /// <returns>False at the end of the file.</returns>
    /// <exception cref="ShipmentsNotContiguousException">A shipment's rows are not contiguous in the file.</exception>
    public bool TryReadBatch(out ReadOnlySpan<ShipmentLine> batch)
    {
        // The lines kept back by the previous batch (the start of an unfinished shipment) move to the front.
        if (_returned > 0)
        {
            _buffer.AsSpan(_returned, _count - _returned).CopyTo(_buffer);
            _buffer.AsSpan(_count - _returned, _returned).Clear(); // drop references to old strings
            _count -= _returned;
            _returned = 0;
        }
        if (_hasPending)
        {
            _hasPending = false;
            if (Append(_pending, out batch))
            {
                return true;
            }
        }
        while (!_ended)
        {
            if (!_reader.TryReadRow(out var row))
            {
                _ended = true;
                break;
            }
            if (row.IsBlank)
            {
                continue;
            }
            RowsRead++;
            if (!ShipmentCsv.TryReadLine(in row, _columns!, _sourceName, _state, out var line, out var reject))
            {
                _rejects.Add(reject!);
                continue;
            }
            LinesAccepted++;
            if (!string.Equals(line.ShipmentId, _lastId, StringComparison.Ordinal))
            {
                if (!_seen.Add(line.ShipmentId))
                {
                    throw new ShipmentsNotContiguousException(_sourceName, row.LineNumber, line.ShipmentId);
                }
                _lastId = line.ShipmentId;
            }
            if (Append(line, out batch))
            {
                return true;
            }
        }
        batch = _buffer.AsSpan(0, _count);
        _returned = _count;
        return _count > 0;
    }

    /// <summary>Adds a line; when the buffer is full, hands out the whole shipments it holds and keeps the line.</summary>
    private bool Append(scoped in ShipmentLine line, out ReadOnlySpan<ShipmentLine> batch)
    {
        if (_count == _buffer.Length)
        {
            var keepFrom = string.Equals(line.ShipmentId, _buffer[_count - 1].ShipmentId, StringComparison.Ordinal) ? ShipmentStart(_count - 1) : _count;
            if (keepFrom == 0)
            {
                // One shipment fills the buffer: grow it rather than split the shipment.
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            else
            {
                _pending = line;
                _hasPending = true;
                _returned = keepFrom;
                batch = _buffer.AsSpan(0, keepFrom);
                return true;
            }
        }
        _buffer[_count++] = line;
        batch = default;
        return false;
    }

    private int ShipmentStart(int index)
    {
        var id = _buffer[index].ShipmentId;
        while (index > 0 && string.Equals(_buffer[index - 1].ShipmentId, id, StringComparison.Ordinal))
        {
            index--;
        }
        return index;
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();
}

/// <summary>A shipment's rows are not contiguous, so the file cannot be priced in streamed batches.</summary>
public sealed class ShipmentsNotContiguousException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public ShipmentsNotContiguousException(string sourceName, long line, string shipmentId)
        : base($"{sourceName}: line {line}: shipment '{shipmentId}' appears again after rows of other shipments; a streamed read needs each shipment's rows together (sort the file by shipment_id, or read it whole with ShipmentCsv.Read, which regroups)")
    {
        SourceName = sourceName;
        Line = line;
        ShipmentId = shipmentId;
    }

    /// <summary>The file.</summary>
    public string SourceName { get; }

    /// <summary>The 1-based line of the file at which the shipment reappeared.</summary>
    public long Line { get; }

    /// <summary>The shipment id.</summary>
    public string ShipmentId { get; }
}
