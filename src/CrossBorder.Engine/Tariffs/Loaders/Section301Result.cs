namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>What <see cref="Section301Loader"/> read: counts and the rows not loaded, with the reason.</summary>
public sealed class Section301Result
{
    internal Section301Result(string source, int rowCount, int loadedRowCount, int codeCount, int measureCount, List<SkippedRow> skipped)
    {
        Source = source;
        RowCount = rowCount;
        LoadedRowCount = loadedRowCount;
        CodeCount = codeCount;
        MeasureCount = measureCount;
        Skipped = skipped;
    }

    /// <summary>The file or stream name.</summary>
    public string Source { get; }

    /// <summary>Data rows read.</summary>
    public int RowCount { get; }

    /// <summary>Rows that contributed to at least one measure.</summary>
    public int LoadedRowCount { get; }

    /// <summary>Distinct 8-digit codes that received measures.</summary>
    public int CodeCount { get; }

    /// <summary>Additional measures added.</summary>
    public int MeasureCount { get; }

    /// <summary>
    /// Rows not loaded (a suspended list, a heading without actions, a code the tariff does not have), and periods
    /// in which one code is covered by lists with different rates (the applicable list depends on the product).
    /// </summary>
    public IReadOnlyList<SkippedRow> Skipped { get; }
}
