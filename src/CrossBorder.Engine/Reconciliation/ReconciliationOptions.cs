namespace CrossBorder.Engine.Reconciliation;

/// <summary>How to reconcile.</summary>
public sealed record ReconciliationOptions
{
    /// <summary>
    /// Absolute tolerance in major units, applied in every currency at that currency's precision (0.01 is one cent in
    /// EUR, nothing in JPY). Default zero: any difference is a break.
    /// </summary>
    public decimal Tolerance { get; init; }

    /// <summary>Absolute tolerance per currency in minor units, overriding <see cref="Tolerance"/> for those currencies.</summary>
    public IReadOnlyDictionary<Currency, long> TolerancePerCurrency { get; init; } = new Dictionary<Currency, long>();

    /// <summary>Tolerance as a percentage of |expected| (0.5 for 0.5%). A difference within either tolerance matches.</summary>
    public decimal TolerancePercent { get; init; }

    /// <summary>
    /// Exchange rates for matching an order/component expected in one currency and settled in another: the settled
    /// amount is converted at the rate in force on the key's latest settlement date (half-even to the expected
    /// currency's minor unit) and compared with the expected amount within <see cref="FxTolerancePercent"/> (and the
    /// absolute tolerance of the expected currency). Null: no FX matching (the pair is only hinted as a currency mismatch).
    /// </summary>
    public Fx.ExchangeRateTable? Rates { get; init; }

    /// <summary>The tolerance of an FX match as a percentage of |expected| (default 1, i.e. 1%).</summary>
    public decimal FxTolerancePercent { get; init; } = 1m;

    /// <summary>Worker threads for parsing and aggregation (default: the number of cores). Output does not depend on it.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Bytes per parse block handed to a worker (at least 1,024: smaller values are raised to it; a row longer than a block gets a larger block).</summary>
    public int BlockSize { get; init; } = 1 << 22;

    /// <summary>The tolerance of a currency in minor units.</summary>
    public long AbsoluteToleranceMinor(Currency currency)
    {
        if (TolerancePerCurrency.TryGetValue(currency, out var minor))
        {
            return minor;
        }
        if (Tolerance == 0)
        {
            return 0;
        }
        return (long)decimal.Truncate(Tolerance * CurrencyTable.Pow10[currency.MinorUnits]);
    }
}
