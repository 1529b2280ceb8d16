namespace CrossBorder.Engine.Reconciliation;

/// <summary>The outcome of checking one settlement's lines against the total its report states.</summary>
public enum SettlementCheckStatus
{
    /// <summary>The lines sum exactly to the stated total.</summary>
    Balanced,

    /// <summary>The lines do not sum to the stated total.</summary>
    SettlementTotalMismatch,

    /// <summary>The report states no total for this settlement (nothing to check against).</summary>
    NoStatedTotal,
}

/// <summary>Names of <see cref="SettlementCheckStatus"/> values.</summary>
public static class SettlementCheckStatuses
{
    /// <summary>The snake-case name (<c>settlement_total_mismatch</c>, ...).</summary>
    public static string Name(this SettlementCheckStatus status) => status switch
    {
        SettlementCheckStatus.Balanced => "balanced",
        SettlementCheckStatus.SettlementTotalMismatch => "settlement_total_mismatch",
        SettlementCheckStatus.NoStatedTotal => "no_stated_total",
        _ => "unknown",
    };
}

/// <summary>One settlement, payout or batch of a provider report, checked against its own stated total.</summary>
/// <param name="File">The report.</param>
/// <param name="SettlementId">The settlement, payout or batch id as the report gives it.</param>
/// <param name="Currency">The settlement's currency.</param>
/// <param name="Lines">Number of money lines read for it.</param>
/// <param name="LinesTotal">Their exact sum.</param>
/// <param name="StatedTotal">The total the report states, or null.</param>
/// <param name="Status">Balanced, mismatch, or nothing stated.</param>
/// <param name="Note">The stated total's description, and for a mismatch the difference and its likely cause.</param>
public sealed record SettlementCheck(string File, string SettlementId, Currency Currency, long Lines, Money LinesTotal, Money? StatedTotal, SettlementCheckStatus Status, string Note);
