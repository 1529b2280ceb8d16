using CrossBorder.Engine.Geography;

namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>What <see cref="UkTradeTariffApiLoader"/> read from one commodity document.</summary>
public sealed class UkCommodity
{
    internal UkCommodity(string source, TariffCode code, string description, int importMeasureCount, int exportMeasureCount,
        int measureCount, OriginGroups groups, List<SkippedRow> skipped)
    {
        Source = source;
        Code = code;
        Description = description;
        ImportMeasureCount = importMeasureCount;
        ExportMeasureCount = exportMeasureCount;
        MeasureCount = measureCount;
        Groups = groups;
        Skipped = skipped;
    }

    /// <summary>The file or stream name.</summary>
    public string Source { get; }

    /// <summary>The commodity code (<c>goods_nomenclature_item_id</c>).</summary>
    public TariffCode Code { get; }

    /// <summary>Its description.</summary>
    public string Description { get; }

    /// <summary>Import measures in the document.</summary>
    public int ImportMeasureCount { get; }

    /// <summary>Export measures in the document (listed in <see cref="Skipped"/>: not part of the import tariff).</summary>
    public int ExportMeasureCount { get; }

    /// <summary>Measures added to the builder.</summary>
    public int MeasureCount { get; }

    /// <summary>
    /// The origin groups the measures' origin texts name, by geographical area id (<c>1013</c> = European Union
    /// members, as listed in the document), so that <c>1008 !CH !NO</c> can be read back.
    /// </summary>
    public OriginGroups Groups { get; }

    /// <summary>Measures not loaded, with the reason (unmapped measure types, export measures, unparsable duty expressions).</summary>
    public IReadOnlyList<SkippedRow> Skipped { get; }
}
