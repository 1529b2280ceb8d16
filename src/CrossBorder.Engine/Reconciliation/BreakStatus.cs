namespace CrossBorder.Engine.Reconciliation;

/// <summary>The outcome of one key (order, component, currency).</summary>
public enum BreakStatus : byte
{
    /// <summary>On both sides, with |settled − expected| within the tolerance.</summary>
    Matched = 0,
    /// <summary>Expected but never settled.</summary>
    MissingSettlement,
    /// <summary>Settled but never expected.</summary>
    UnexpectedSettlement,
    /// <summary>On both sides, with a difference above the tolerance.</summary>
    AmountMismatch,
    /// <summary>
    /// Expected in one currency and settled in another, and the settled amount converted at the dated rate is within
    /// the FX tolerance of the expected one (both keys of the pair get this status; the FX difference is reported).
    /// </summary>
    FxMatched,
}

/// <summary>Names of statuses as written in breaks.csv.</summary>
public static class BreakStatuses
{
    /// <summary>The snake-case name (<c>missing_settlement</c>, ...).</summary>
    public static string Name(this BreakStatus status) => status switch
    {
        BreakStatus.Matched => "matched",
        BreakStatus.MissingSettlement => "missing_settlement",
        BreakStatus.UnexpectedSettlement => "unexpected_settlement",
        BreakStatus.AmountMismatch => "amount_mismatch",
        BreakStatus.FxMatched => "fx_matched",
        _ => "unknown",
    };
}

/// <summary>Which side a line belongs to.</summary>
public enum ReconciliationSide : byte
{
    /// <summary>What the seller expected (orders, refunds, expected fees, ...).</summary>
    Expected = 0,
    /// <summary>What marketplaces and payment providers settled.</summary>
    Settlement = 1,
}
