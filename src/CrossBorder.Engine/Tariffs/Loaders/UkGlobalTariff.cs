namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>What <see cref="UkGlobalTariffLoader"/> read: counts, flag counts and the values not loaded.</summary>
public sealed class UkGlobalTariff
{
    internal UkGlobalTariff(string source, int rowCount, int codeCount, int rateTextCount, int rateTextsParsed, int gbMeasureCount,
        int euMeasureCount, int tradeRemedyCount, int cetUntilReviewsCount, int suspensionCount, int quotaCount, List<SkippedRow> skipped)
    {
        Source = source;
        RowCount = rowCount;
        CodeCount = codeCount;
        RateTextCount = rateTextCount;
        RateTextsParsed = rateTextsParsed;
        GbMeasureCount = gbMeasureCount;
        EuMeasureCount = euMeasureCount;
        TradeRemedyCount = tradeRemedyCount;
        CetUntilReviewsCount = cetUntilReviewsCount;
        SuspensionCount = suspensionCount;
        QuotaCount = quotaCount;
        Skipped = skipped;
    }

    /// <summary>The file or stream name.</summary>
    public string Source { get; }

    /// <summary>Data rows read.</summary>
    public int RowCount { get; }

    /// <summary>Commodity codes listed.</summary>
    public int CodeCount { get; }

    /// <summary>Non-empty rate texts read (both columns when an EU builder is given).</summary>
    public int RateTextCount { get; }

    /// <summary>Rate texts that parsed; the others are in <see cref="Skipped"/>.</summary>
    public int RateTextsParsed { get; }

    /// <summary>MFN measures added to the GB builder.</summary>
    public int GbMeasureCount { get; }

    /// <summary>MFN measures added to the EU builder (0 without one).</summary>
    public int EuMeasureCount { get; }

    /// <summary>Rows flagged <c>trade_remedy_applies</c>.</summary>
    public int TradeRemedyCount { get; }

    /// <summary>Rows flagged <c>cet_applies_until_trade_remedy_transition_reviews_concluded</c>.</summary>
    public int CetUntilReviewsCount { get; }

    /// <summary>Rows flagged <c>suspension_applies</c>.</summary>
    public int SuspensionCount { get; }

    /// <summary>Rows flagged <c>atq_applies</c> (an autonomous tariff quota).</summary>
    public int QuotaCount { get; }

    /// <summary>Values not loaded, with the reason.</summary>
    public IReadOnlyList<SkippedRow> Skipped { get; }
}
