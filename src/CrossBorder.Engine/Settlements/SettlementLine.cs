namespace CrossBorder.Engine.Settlements;

/// <summary>
/// One canonical settlement line produced by a reader from a provider's report: the engine's key
/// (order id, component, currency), the amount in minor units, and what else the row says. The spans point into the
/// reader's buffer and are valid only during the <see cref="ISettlementSink.Accept"/> call, so reading allocates
/// nothing per line.
/// </summary>
public readonly ref struct SettlementLine
{
    /// <summary>The order id (part of the key); for lines without an order (fees, reserves) a stable label such as the settlement id.</summary>
    public ReadOnlySpan<byte> OrderId { get; init; }

    /// <summary>The canonical component (part of the key), from the <see cref="ComponentMapping"/>.</summary>
    public ReadOnlySpan<byte> Component { get; init; }

    /// <summary>The currency (part of the key).</summary>
    public Currency Currency { get; init; }

    /// <summary>The amount in minor units of <see cref="Currency"/>; signed as the provider reports it (credits to the seller positive).</summary>
    public long MinorUnits { get; init; }

    /// <summary>The line's date as <see cref="DateOnly.DayNumber"/>, or −1 when the row has none.</summary>
    public int DayNumber { get; init; }

    /// <summary>The market (marketplace name, country), or empty.</summary>
    public ReadOnlySpan<byte> Market { get; init; }

    /// <summary>A category (the provider's transaction type, for example), or empty.</summary>
    public ReadOnlySpan<byte> Category { get; init; }

    /// <summary>The line's own id in its source (duplicate detection uses it), or empty.</summary>
    public ReadOnlySpan<byte> Ref { get; init; }

    /// <summary>The settlement, payout or batch the line belongs to (for the settlement-level check), or empty.</summary>
    public ReadOnlySpan<byte> SettlementId { get; init; }

    /// <summary>The 1-based physical line number of the row in the file.</summary>
    public long LineNumber { get; init; }
}
