namespace CrossBorder.Engine.Reconciliation;

/// <summary>Totals of one currency (optionally within a market or category).</summary>
/// <param name="Group">The market or category ("" for the overall totals).</param>
/// <param name="Currency">The currency.</param>
/// <param name="Expected">Sum of the expected side.</param>
/// <param name="Settled">Sum of the settlement side.</param>
/// <param name="Difference">Settled − expected.</param>
/// <param name="Keys">Keys in the group.</param>
/// <param name="BrokenKeys">Keys in the group that are not matched.</param>
public sealed record CurrencyTotals(string Group, Currency Currency, Money Expected, Money Settled, Money Difference, long Keys, long BrokenKeys);

/// <summary>The summary of a reconciliation.</summary>
public sealed record ReconciliationSummary
{
    /// <summary>Counts per input file.</summary>
    public required IReadOnlyList<ReconciliationFileStats> Files { get; init; }

    /// <summary>Keys per status.</summary>
    public required IReadOnlyDictionary<BreakStatus, long> KeysByStatus { get; init; }

    /// <summary>Settlement lines that duplicate another.</summary>
    public long DuplicateLines { get; init; }

    /// <summary>Keys with a currency-mismatch hint.</summary>
    public long CurrencyMismatchKeys { get; init; }

    /// <summary>Totals per currency (group "").</summary>
    public required IReadOnlyList<CurrencyTotals> ByCurrency { get; init; }

    /// <summary>Totals per market and currency.</summary>
    public required IReadOnlyList<CurrencyTotals> ByMarket { get; init; }

    /// <summary>Totals per category and currency.</summary>
    public required IReadOnlyList<CurrencyTotals> ByCategory { get; init; }

    /// <summary>
    /// True when, for every currency, the accepted lines' sums equal the sums over matched and broken keys (checked
    /// on both sides): the money in the summary reconciles.
    /// </summary>
    public bool Balanced { get; init; }
}
