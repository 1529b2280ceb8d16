using System.Globalization;
using System.Text;
using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Settlements;
using CrossBorder.Engine.Text;

namespace CrossBorder.Engine.Tests.Settlements;

/// <summary>Sinks and helpers for reader tests.</summary>
internal static class SettlementTestKit
{
    /// <summary>Records every call as a readable string ("L line order component CCC minor day category ref settlement", "R line col value reason", "T id CCC minor line desc", "I line reason").</summary>
    public sealed class RecordingSink : ISettlementSink
    {
        public List<string> Lines { get; } = [];
        public List<string> Rejects { get; } = [];
        public List<string> Totals { get; } = [];
        public List<string> Infos { get; } = [];
        public HashSet<long> RowsSeen { get; } = [];

        public void Accept(in SettlementLine line)
        {
            RowsSeen.Add(line.LineNumber);
            var date = line.DayNumber < 0 ? "-" : DateOnly.FromDayNumber(line.DayNumber).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{line.LineNumber} {S(line.OrderId)} {S(line.Component)} {line.Currency.Code} {line.MinorUnits} {date} {S(line.Category)} {S(line.Ref)} {S(line.SettlementId)}"));
        }

        public void Reject(long lineNumber, int column, ReadOnlySpan<byte> value, string reason)
        {
            RowsSeen.Add(lineNumber);
            Rejects.Add(string.Create(CultureInfo.InvariantCulture, $"{lineNumber}:{column} '{S(value)}' {reason}"));
        }

        public void StatedTotal(ReadOnlySpan<byte> settlementId, Money total, long lineNumber, string description)
        {
            RowsSeen.Add(lineNumber);
            Totals.Add(string.Create(CultureInfo.InvariantCulture, $"{S(settlementId)} {total.Currency.Code} {total.MinorUnits} {lineNumber} {description}"));
        }

        public void Informational(long lineNumber, string reason)
        {
            RowsSeen.Add(lineNumber);
            Infos.Add(string.Create(CultureInfo.InvariantCulture, $"{lineNumber} {reason}"));
        }

        private static string S(ReadOnlySpan<byte> s) => s.IsEmpty ? "_" : Encoding.UTF8.GetString(s);
    }

    /// <summary>Counts calls and sums amounts without allocating.</summary>
    public sealed class CountingSink : ISettlementSink
    {
        public long Accepted;
        public long Rejected;
        public long Stated;
        public long Informational;
        public long Sum;

        public void Accept(in SettlementLine line)
        {
            Accepted++;
            Sum += line.MinorUnits;
        }

        public void Reject(long lineNumber, int column, ReadOnlySpan<byte> value, string reason) => Rejected++;

        public void StatedTotal(ReadOnlySpan<byte> settlementId, Money total, long lineNumber, string description) => Stated++;

        void ISettlementSink.Informational(long lineNumber, string reason) => Informational++;
    }

    public static RecordingSink Read(ISettlementReader reader, string text, ComponentMapping? mapping = null) =>
        Read(reader, Encoding.UTF8.GetBytes(text), mapping);

    public static RecordingSink Read(ISettlementReader reader, byte[] bytes, ComponentMapping? mapping = null)
    {
        var sink = new RecordingSink();
        reader.Read(new MemoryStream(bytes), "test.csv", mapping ?? ComponentMapping.Default, sink);
        return sink;
    }

    /// <summary>Reading <paramref name="bytes"/> fails with an <see cref="InputFormatException"/> naming the file (not the stream) and <paramref name="line"/>.</summary>
    public static void AssertErrorNamesTheFile(ISettlementReader reader, byte[] bytes, long line)
    {
        var e = Assert.Throws<InputFormatException>(() => Read(reader, bytes));
        Assert.Equal("test.csv", e.Source);
        Assert.Equal(line, e.Line);
    }

    public static ReconciliationResult Reconcile(ISettlementReader reader, Stream stream, string name)
    {
        var engine = new ReconciliationEngine();
        engine.AddSettlements(stream, name, reader);
        return engine.Complete();
    }

    /// <summary>The physical line numbers of the non-blank rows after the first non-blank row (the header).</summary>
    public static HashSet<long> DataRows(byte[] bytes)
    {
        var rows = new HashSet<long>();
        using var csv = new CrossBorder.Engine.Text.Csv.Utf8CsvReader(new MemoryStream(bytes));
        var header = false;
        while (csv.TryReadRow(out var row))
        {
            if (row.IsBlank)
            {
                continue;
            }
            if (header)
            {
                rows.Add(row.LineNumber);
            }
            header = true;
        }
        return rows;
    }

    /// <summary>A stream that cannot seek, as a pipe (or the CLI's progress stream).</summary>
    public sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
