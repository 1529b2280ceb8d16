using CrossBorder.Engine.Geography;

namespace CrossBorder.Engine.Tariffs.Loaders;

/// <summary>Options of <see cref="UkTradeTariffApiLoader.LoadCommodity(string, TariffScheduleBuilder, UkTradeTariffApiOptions?)"/>. Change with <c>with</c>.</summary>
public sealed record UkTradeTariffApiOptions
{
    /// <summary>The defaults: <see cref="UkMeasureTypes.Default"/>, lenient.</summary>
    public static UkTradeTariffApiOptions Default { get; } = new();

    /// <summary>Throw on the first measure that cannot be read (a duty expression that does not parse, an unresolvable area).</summary>
    public bool Strict { get; init; }

    /// <summary>Measure type id to kind.</summary>
    public IReadOnlyDictionary<string, MeasureKind> MeasureTypes { get; init; } = UkMeasureTypes.Default;

    /// <summary>Geographical areas (for members of groups a measure does not list inline, and to check ids), or null.</summary>
    public UkGeographicalAreas? Areas { get; init; }

    /// <summary>Extra origin groups by geographical area id (<c>5050</c>: countries subject to UK safeguards), or null.</summary>
    public OriginGroups? Groups { get; init; }
}
