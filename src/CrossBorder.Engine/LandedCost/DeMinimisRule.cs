using CrossBorder.Engine.Geography;

namespace CrossBorder.Engine.LandedCost;

/// <summary>What a de minimis threshold relieves.</summary>
[Flags]
public enum ReliefKind : byte
{
    /// <summary>Customs duty (and duty-like measures).</summary>
    Duty = 1,
    /// <summary>Import VAT / GST.</summary>
    Tax = 2,
}

/// <summary>
/// A de minimis threshold: a consignment whose goods value (or customs value, see <see cref="OnCustomsValue"/>) is at or below
/// <see cref="Threshold"/> (or strictly below, when not <see cref="Inclusive"/>) is relieved of <see cref="Relieves"/>.
/// </summary>
/// <param name="Relieves">Duty, tax or both.</param>
/// <param name="Threshold">The threshold in the destination currency.</param>
/// <param name="Inclusive">True for "not exceeding" (at the threshold is relieved), false for "under".</param>
/// <param name="Origins">The origins it applies to.</param>
/// <param name="Modes">The transport modes it applies to, or empty for all.</param>
/// <param name="ValidFrom">First day in force.</param>
/// <param name="ValidTo">Last day in force.</param>
/// <param name="Source">The legal source.</param>
public sealed record DeMinimisRule(
    ReliefKind Relieves,
    Money Threshold,
    bool Inclusive,
    OriginSet Origins,
    TransportMode[] Modes,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    string Source)
{
    /// <summary>True when the rule is in force for this origin, mode and date.</summary>
    public bool AppliesTo(CountryCode origin, TransportMode mode, DateOnly date) =>
        date >= ValidFrom && date <= ValidTo && Origins.Contains(origin) && (Modes.Length == 0 || Array.IndexOf(Modes, mode) >= 0);

    /// <summary>
    /// True when the threshold applies to the consignment's customs value (CIF where the destination values CIF)
    /// rather than to the intrinsic value of the goods (Japan: the total taxable value, 課税価格, is CIF).
    /// </summary>
    public bool OnCustomsValue { get; init; }

    /// <summary>True when <paramref name="value"/> is within the threshold.</summary>
    public bool IsWithin(Money value) => Inclusive ? value <= Threshold : value < Threshold;
}
