namespace CrossBorder.Engine.Reconciliation;

/// <summary>An input line that was not accepted, with where and why. Nothing is dropped silently.</summary>
/// <param name="File">The file (or source name).</param>
/// <param name="Line">The 1-based physical line where the row starts.</param>
/// <param name="Column">The 1-based column, or 0 for the whole row.</param>
/// <param name="Value">The offending value.</param>
/// <param name="Reason">Why it was rejected.</param>
public sealed record ReconciliationReject(string File, long Line, int Column, string Value, string Reason);

/// <summary>Counts of one input file.</summary>
/// <param name="File">The file (or source name).</param>
/// <param name="Side">Expected or settlement.</param>
/// <param name="LinesRead">Data lines read (blank lines excluded).</param>
/// <param name="Accepted">Lines accepted.</param>
/// <param name="Rejected">Lines rejected.</param>
public sealed record ReconciliationFileStats(string File, ReconciliationSide Side, long LinesRead, long Accepted, long Rejected)
{
    /// <summary>
    /// Rows of a provider report that carry no money line by design: stated totals (checked in
    /// <see cref="ReconciliationResult.SettlementChecks"/>) and informational rows. Not counted in <see cref="LinesRead"/>.
    /// </summary>
    public long InformationalRows { get; init; }
}

/// <summary>One key of the result (one row of breaks.csv when not matched).</summary>
public sealed record ReconciliationBreak
{
    /// <summary>The order id.</summary>
    public required string OrderId { get; init; }
    /// <summary>The component (principal, tax, commission, ...).</summary>
    public required string Component { get; init; }
    /// <summary>The currency.</summary>
    public required Currency Currency { get; init; }
    /// <summary>The expected sum, or null when the key is not on the expected side.</summary>
    public Money? Expected { get; init; }
    /// <summary>The settled sum, or null when the key is not on the settlement side.</summary>
    public Money? Settled { get; init; }
    /// <summary>settled − expected (an absent side counts as zero).</summary>
    public required Money Difference { get; init; }
    /// <summary>The outcome.</summary>
    public required BreakStatus Status { get; init; }
    /// <summary>Market of the key (the smallest non-empty market of its lines, for determinism).</summary>
    public string Market { get; init; } = "";
    /// <summary>Category of the key.</summary>
    public string Category { get; init; } = "";
    /// <summary>Expected lines grouped into the key.</summary>
    public long ExpectedLines { get; init; }
    /// <summary>Settlement lines grouped into the key.</summary>
    public long SettledLines { get; init; }
    /// <summary>Settlement lines of this key that duplicate another (same ref, or same key, amount and date without ref).</summary>
    public long DuplicateLines { get; init; }
    /// <summary>For a missing or unexpected key: the other currencies the same order and component appear in.</summary>
    public string CurrencyMismatch { get; init; } = "";

    /// <summary>For an FX pair: the rate used (settled currency → expected currency) and its date, else empty.</summary>
    public string FxRate { get; init; } = "";

    /// <summary>For an FX pair: the settled amount converted to the expected currency.</summary>
    public Money? FxSettledConverted { get; init; }

    /// <summary>For an FX pair: converted settled − expected, in the expected currency (the FX difference, apart from any amount difference).</summary>
    public Money? FxDifference { get; init; }
}
