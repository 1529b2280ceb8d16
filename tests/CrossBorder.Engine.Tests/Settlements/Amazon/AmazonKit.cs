using System.Globalization;
using System.Text;
using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Settlements;
using CrossBorder.Engine.Settlements.Amazon;

namespace CrossBorder.Engine.Tests.Settlements.Amazon;

/// <summary>Fixtures and sinks for the Amazon reader tests.</summary>
internal static class AmazonKit
{
    public static readonly string[] V2Columns =
    [
        "settlement-id", "settlement-start-date", "settlement-end-date", "deposit-date", "total-amount", "currency",
        "transaction-type", "order-id", "merchant-order-id", "adjustment-id", "shipment-id", "marketplace-name",
        "amount-type", "amount-description", "amount", "fulfillment-id", "posted-date", "posted-date-time",
        "order-item-code", "merchant-order-item-id", "merchant-adjustment-item-id", "sku", "quantity-purchased", "promotion-id",
    ];

    public static readonly string[] V1Columns =
    [
        "settlement-id", "settlement-start-date", "settlement-end-date", "deposit-date", "total-amount", "currency",
        "transaction-type", "order-id", "merchant-order-id", "adjustment-id", "shipment-id", "marketplace-name",
        "shipment-fee-type", "shipment-fee-amount", "order-fee-type", "order-fee-amount", "fulfillment-id", "posted-date",
        "order-item-code", "merchant-order-item-id", "merchant-adjustment-item-id", "sku", "quantity-purchased",
        "price-type", "price-amount", "item-related-fee-type", "item-related-fee-amount", "misc-fee-amount",
        "other-fee-amount", "other-fee-reason-description", "promotion-id", "promotion-type", "promotion-amount",
        "direct-payment-type", "direct-payment-amount", "other-amount",
    ];

    public static string V2Header(string[]? columns = null) => string.Join('\t', columns ?? V2Columns);

    /// <summary>A V2 row from name=value pairs; unnamed columns are empty.</summary>
    public static string Row(string[] columns, params (string Name, string Value)[] values)
    {
        var fields = new string[columns.Length];
        Array.Fill(fields, "");
        foreach (var (name, value) in values)
        {
            var index = Array.IndexOf(columns, name);
            Assert.True(index >= 0, name);
            fields[index] = value;
        }
        return string.Join('\t', fields);
    }

    public static string V2Summary(string id, string total, string currency, string start = "2026-06-16 00:00:00 UTC") =>
        Row(V2Columns, ("settlement-id", id), ("settlement-start-date", start), ("settlement-end-date", "2026-06-30 23:59:59 UTC"),
            ("deposit-date", "2026-07-02 00:00:00 UTC"), ("total-amount", total), ("currency", currency));

    public static string V2Line(string id, string type, string order, string amountType, string description, string amount,
        string posted = "2026-06-17 00:00:00 UTC", string currency = "USD", string market = "amazon.com") =>
        Row(V2Columns, ("settlement-id", id), ("currency", currency), ("transaction-type", type), ("order-id", order),
            ("marketplace-name", market), ("amount-type", amountType), ("amount-description", description), ("amount", amount),
            ("posted-date", posted));

    public static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text), writable: false);

    public static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";

    /// <summary>Reads <paramref name="text"/> with <paramref name="reader"/> into a recording sink.</summary>
    public static RecordingSink Read(ISettlementReader reader, string text, ComponentMapping? mapping = null)
    {
        var sink = new RecordingSink();
        reader.Read(Stream(text), "test.txt", mapping ?? ComponentMapping.Default, sink);
        return sink;
    }

    public static ReconciliationResult Reconcile(ISettlementReader reader, string text, string? expectedCsv = null)
    {
        var engine = new ReconciliationEngine(new ReconciliationOptions { Threads = 1 });
        if (expectedCsv is not null)
        {
            engine.Add(ReconciliationSide.Expected, Stream(expectedCsv), "expected.csv");
        }
        engine.AddSettlements(Stream(text), "amazon.txt", reader);
        return engine.Complete();
    }

    public static readonly AmazonV2SettlementReader V2 = new();
    public static readonly AmazonV1SettlementReader V1 = new();
}

/// <summary>A sink that writes every call down as text: <c>A|T|R|I</c> and the call's values.</summary>
internal sealed class RecordingSink : ISettlementSink
{
    public List<string> Events { get; } = [];

    public List<string> Accepted => [.. Events.Where(e => e.StartsWith("A ", StringComparison.Ordinal))];

    public List<string> Rejected => [.. Events.Where(e => e.StartsWith("R ", StringComparison.Ordinal))];

    public void Accept(in SettlementLine line)
    {
        var day = line.DayNumber < 0 ? "-" : DateOnly.FromDayNumber(line.DayNumber).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Events.Add(string.Create(CultureInfo.InvariantCulture,
            $"A {line.LineNumber} {S(line.OrderId)} {S(line.Component)} {line.Currency.Code} {line.MinorUnits} {day} {S(line.Market)} {S(line.Category)} {S(line.SettlementId)} ref={S(line.Ref)}"));
    }

    public void Reject(long lineNumber, int column, ReadOnlySpan<byte> value, string reason) =>
        Events.Add(string.Create(CultureInfo.InvariantCulture, $"R {lineNumber}:{column} '{S(value)}' {reason}"));

    public void StatedTotal(ReadOnlySpan<byte> settlementId, Money total, long lineNumber, string description) =>
        Events.Add(string.Create(CultureInfo.InvariantCulture, $"T {lineNumber} {S(settlementId)} {total.Currency.Code} {total.MinorUnits} {description}"));

    public void Informational(long lineNumber, string reason) =>
        Events.Add(string.Create(CultureInfo.InvariantCulture, $"I {lineNumber} {reason}"));

    private static string S(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes).Replace(' ', '_');
}

/// <summary>A sink that only counts, for allocation and fuzz tests.</summary>
internal sealed class CountingSink : ISettlementSink
{
    public long Accepted;
    public long Rejected;
    public long Totals;
    public long Informational;
    public long MinorUnitsSum;

    public long Calls => Accepted + Rejected + Totals + Informational;

    public void Accept(in SettlementLine line)
    {
        Accepted++;
        MinorUnitsSum += line.MinorUnits;
    }

    public void Reject(long lineNumber, int column, ReadOnlySpan<byte> value, string reason) => Rejected++;

    public void StatedTotal(ReadOnlySpan<byte> settlementId, Money total, long lineNumber, string description) => Totals++;

    void ISettlementSink.Informational(long lineNumber, string reason) => Informational++;
}
