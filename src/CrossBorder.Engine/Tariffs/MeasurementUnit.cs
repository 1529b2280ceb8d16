using System.Globalization;
using CrossBorder.Engine.Internal;

namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// A unit a specific duty is charged per: kg, 100 kg, hl, % vol/hl, 100 kg/net/%sacchar., pf. liter, 1,000 items...
/// It names the quantity (or two quantities) of the line it needs and the exact factor from them to the unit.
/// </summary>
/// <remarks>
/// <para>The units are data (see the table in <c>MeasurementUnitTable.cs</c>, with its sources). Two units are
/// parameterised: <see cref="Named(string)"/>, a quantity the caller supplies under the unit's name (HTS "kg on
/// copper content", "jewel over 7"), and <see cref="KilogramDegreesBelow(Quantity)"/>, the HTS sugar polarization
/// unit.</para>
/// <para>Example: 100 kg/net/%sacchar. needs the net mass and the sucrose %, and measures
/// net kg × %sucrose / 100, so 16,320 kg at 80 % is 13,056 units.</para>
/// </remarks>
public readonly struct MeasurementUnit : IEquatable<MeasurementUnit>
{
    private readonly byte _index;
    private readonly string? _key;
    private readonly long _threshold;

    private MeasurementUnit(int index, string? key, long threshold)
    {
        _index = (byte)index;
        _key = key;
        _threshold = threshold;
    }

    private UnitDefinition Definition => MeasurementUnitTable.Entries[_index];

    /// <summary>The unit's code: the TARIC code and qualifier (DTN, ASVX, DTNZ) or a project code (US:PFL, NAMED, POL).</summary>
    public string Code => Definition.Code;

    /// <summary>The display name, such as <c>100 kg</c> or <c>% vol/hl</c>; for a named unit, its key.</summary>
    public string Name => _key ?? (_index == MeasurementUnitTable.PolarizationIndex
        ? string.Create(CultureInfo.InvariantCulture, $"kg × degree under {Tariffs.Quantity.FromThousandths(_threshold)} degrees")
        : Definition.Name);

    /// <summary>The quantity of the line the unit is measured in.</summary>
    public QuantityKind Quantity => Definition.Quantity;

    /// <summary>The second quantity of a compound unit (%vol of % vol/hl, %sucrose of 100 kg/net/%sacchar.), or none.</summary>
    public QuantityKind SecondQuantity => Definition.Second;

    /// <summary>The exact factor from the quantity (or product of quantities) to the unit: 1/100 for 100 kg.</summary>
    public Rate Multiplier => Rate.FromRatio(Definition.MultiplierNumerator, Definition.MultiplierDenominator);

    /// <summary>For a <see cref="QuantityKind.Named"/> unit, the name under which the caller supplies the quantity.</summary>
    public string? Key => _key;

    /// <summary>For the polarization unit, the threshold in degrees (100); otherwise zero.</summary>
    public Quantity Threshold => Tariffs.Quantity.FromThousandths(_threshold);

    /// <summary>True for <c>default(MeasurementUnit)</c>: no unit.</summary>
    public bool IsNone => _index == 0;

    /// <summary>Every unit of the table (without the two parameterised units).</summary>
    public static IReadOnlyList<MeasurementUnit> All { get; } = BuildAll();

    /// <summary>Finds a unit by code (<c>DTN</c>, <c>HLT</c>, <c>ASVX</c>, <c>US:PFL</c>), ignoring case.</summary>
    public static bool TryFromCode(string code, out MeasurementUnit unit)
    {
        ArgumentNullException.ThrowIfNull(code);
        var index = MeasurementUnitTable.IndexOf(code);
        if (index <= MeasurementUnitTable.PolarizationIndex)
        {
            unit = default;
            return false;
        }
        unit = new MeasurementUnit(index, null, 0);
        return true;
    }

    /// <summary>Finds a unit by code.</summary>
    /// <exception cref="ArgumentException">No unit has that code.</exception>
    public static MeasurementUnit FromCode(string code)
    {
        if (!TryFromCode(code, out var unit))
        {
            ThrowHelper.ThrowArgument($"'{code}' is not a measurement unit code.", nameof(code));
        }
        return unit;
    }

    /// <summary>
    /// A unit whose quantity the caller supplies under <paramref name="key"/> (compared ignoring case), for units
    /// no fixed quantity covers, e.g. <c>kg on copper content</c>.
    /// </summary>
    public static MeasurementUnit Named(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return new MeasurementUnit(MeasurementUnitTable.NamedIndex, key, 0);
    }

    /// <summary>
    /// Kilograms × degrees of polarization below <paramref name="threshold"/> (never negative), with fractions of a
    /// degree in proportion: the HTS 1701 "less x¢/kg for each degree under 100 degrees".
    /// </summary>
    public static MeasurementUnit KilogramDegreesBelow(Quantity threshold) =>
        new(MeasurementUnitTable.PolarizationIndex, null, threshold.Thousandths);

    internal static MeasurementUnit FromIndex(int index) => new(index, null, 0);

    /// <summary>
    /// The quantity of this unit in <paramref name="quantities"/>, exactly; false (and the missing quantity) when
    /// the line lacks one.
    /// </summary>
    internal bool TryMeasure(in DutyQuantities quantities, out Fraction value, out QuantityKind missing)
    {
        var definition = Definition;
        value = default;
        Quantity first;
        if (definition.Quantity == QuantityKind.Named)
        {
            if (!quantities.TryGetNamed(_key!, out first))
            {
                missing = QuantityKind.Named;
                return false;
            }
        }
        else if (!quantities.TryGet(definition.Quantity, out first))
        {
            missing = definition.Quantity;
            return false;
        }
        var result = Fraction.Create(first.Thousandths, Tariffs.Quantity.Scale);
        switch (definition.Use)
        {
            case SecondQuantityUse.Multiply:
                if (!quantities.TryGet(definition.Second, out var second))
                {
                    missing = definition.Second;
                    return false;
                }
                result *= Fraction.Create(second.Thousandths, Tariffs.Quantity.Scale);
                break;
            case SecondQuantityUse.DeficitBelowThreshold:
                if (!quantities.TryGet(definition.Second, out var measured))
                {
                    missing = definition.Second;
                    return false;
                }
                var deficit = Math.Max(0, checked(_threshold - measured.Thousandths));
                result *= Fraction.Create(deficit, Tariffs.Quantity.Scale);
                break;
            default:
                break;
        }
        if (definition.MultiplierNumerator != 1 || definition.MultiplierDenominator != 1)
        {
            result *= Fraction.Create(definition.MultiplierNumerator, definition.MultiplierDenominator);
        }
        value = result;
        missing = QuantityKind.None;
        return true;
    }

    private static MeasurementUnit[] BuildAll()
    {
        var all = new MeasurementUnit[MeasurementUnitTable.Entries.Length - MeasurementUnitTable.PolarizationIndex - 1];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = new MeasurementUnit(i + MeasurementUnitTable.PolarizationIndex + 1, null, 0);
        }
        return all;
    }

    /// <inheritdoc />
    public bool Equals(MeasurementUnit other) =>
        _index == other._index && _threshold == other._threshold && string.Equals(_key, other._key, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MeasurementUnit other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(_index, _threshold, _key is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_key));

    /// <summary>The display name.</summary>
    public override string ToString() => Name;

#pragma warning disable CS1591
    public static bool operator ==(MeasurementUnit left, MeasurementUnit right) => left.Equals(right);
    public static bool operator !=(MeasurementUnit left, MeasurementUnit right) => !left.Equals(right);
#pragma warning restore CS1591
}
