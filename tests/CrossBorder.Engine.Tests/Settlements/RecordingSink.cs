using System.Globalization;
using System.Text;
using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Settlements;

namespace CrossBorder.Engine.Tests.Settlements;

/// <summary>A sink that records every call as text, for exact assertions.</summary>
internal sealed class RecordingSink : ISettlementSink
{
    public List<string> Lines { get; } = [];

    /// <summary>The market of each accepted line, in the order of <see cref="Lines"/>.</summary>
    public List<string> Markets { get; } = [];

    public List<(long Line, int Column, string Value, string Reason)> Rejects { get; } = [];
    public List<string> Totals { get; } = [];
    public List<(long Line, string Reason)> Infos { get; } = [];

    /// <summary>Every line number the sink heard of (a row with two amounts counts once).</summary>
    public SortedSet<long> RowsSeen { get; } = [];

    /// <summary>Every call in order: its line and kind ('A' accept, 'R' reject, 'T' stated total, 'I' informational).</summary>
    public List<(long Line, char Kind)> Calls { get; } = [];

    public void Accept(in SettlementLine line)
    {
        RowsSeen.Add(line.LineNumber);
        Calls.Add((line.LineNumber, 'A'));
        Markets.Add(S(line.Market));
        var day = line.DayNumber < 0 ? "" : DateOnly.FromDayNumber(line.DayNumber).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Lines.Add(string.Join('|',
            line.LineNumber.ToString(CultureInfo.InvariantCulture), S(line.OrderId), S(line.Component), line.Currency.Code,
            line.MinorUnits.ToString(CultureInfo.InvariantCulture), day, S(line.Category), S(line.Ref), S(line.SettlementId)));
    }

    public void Reject(long lineNumber, int column, ReadOnlySpan<byte> value, string reason)
    {
        RowsSeen.Add(lineNumber);
        Calls.Add((lineNumber, 'R'));
        Rejects.Add((lineNumber, column, S(value), reason));
    }

    public void StatedTotal(ReadOnlySpan<byte> settlementId, Money total, long lineNumber, string description)
    {
        RowsSeen.Add(lineNumber);
        Calls.Add((lineNumber, 'T'));
        Totals.Add($"{lineNumber}|{S(settlementId)}|{total.Currency.Code}|{total.MinorUnits.ToString(CultureInfo.InvariantCulture)}");
    }

    public void Informational(long lineNumber, string reason)
    {
        RowsSeen.Add(lineNumber);
        Calls.Add((lineNumber, 'I'));
        Infos.Add((lineNumber, reason));
    }

    private static string S(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}

/// <summary>A sink that only counts (for allocation tests).</summary>
internal sealed class CountingSink : ISettlementSink
{
    public long Accepted { get; private set; }
    public long Rejected { get; private set; }
    public long Totals { get; private set; }
    public long Infos { get; private set; }
    public long MinorUnits { get; private set; }

    public void Accept(in SettlementLine line)
    {
        Accepted++;
        MinorUnits += line.MinorUnits;
    }

    public void Reject(long lineNumber, int column, ReadOnlySpan<byte> value, string reason) => Rejected++;

    public void StatedTotal(ReadOnlySpan<byte> settlementId, Money total, long lineNumber, string description) => Totals++;

    public void Informational(long lineNumber, string reason) => Infos++;
}

internal static class ProviderTestKit
{
    public static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    public static RecordingSink Read(ISettlementReader reader, string text, ComponentMapping? mapping = null)
    {
        var sink = new RecordingSink();
        reader.Read(Utf8(text), "report.csv", mapping ?? ComponentMapping.Default, sink);
        return sink;
    }

    public static ReconciliationResult Reconcile(ISettlementReader reader, string text, string? expectedCanonical = null)
    {
        var engine = new ReconciliationEngine();
        if (expectedCanonical is not null)
        {
            engine.Add(ReconciliationSide.Expected, Utf8(expectedCanonical), "expected.csv");
        }
        engine.AddSettlements(Utf8(text), "report.csv", reader);
        return engine.Complete();
    }
}
