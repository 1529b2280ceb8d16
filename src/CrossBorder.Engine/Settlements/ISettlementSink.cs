namespace CrossBorder.Engine.Settlements;

/// <summary>
/// Receives what a <see cref="ISettlementReader"/> finds in a report. Every data row of the report must end up in
/// exactly one of these calls (a row that yields several amounts, as Amazon V1 rows do, calls
/// <see cref="Accept"/> once per amount): nothing is silently dropped.
/// </summary>
public interface ISettlementSink
{
    /// <summary>A money line for the engine.</summary>
    void Accept(in SettlementLine line);

    /// <summary>
    /// A row that cannot be read: its 1-based line and column, the offending value and the reason. The reader goes
    /// on with the next row.
    /// </summary>
    void Reject(long lineNumber, int column, ReadOnlySpan<byte> value, string reason);

    /// <summary>
    /// A total the report states for one settlement, payout or batch (Amazon's <c>total-amount</c>, an Adyen
    /// <c>MerchantPayout</c> row, a Stripe payout, PayPal's totals rows). The lines of that settlement must sum to it.
    /// </summary>
    void StatedTotal(ReadOnlySpan<byte> settlementId, Money total, long lineNumber, string description);

    /// <summary>
    /// A data row that carries no money line by design (a zero-amount informational row, a currency-conversion
    /// row linked to another, a report header repeated mid-file), with the reason. Counted, never lost.
    /// </summary>
    void Informational(long lineNumber, string reason);
}
