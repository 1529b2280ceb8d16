using CrossBorder.Engine.Geography;
using CrossBorder.Engine.Tariffs;

namespace CrossBorder.Engine.LandedCost;

/// <summary>
/// One line of a shipment to price. Lines of one shipment must be contiguous in a batch; freight and insurance given
/// on several lines of a shipment are summed as the shipment's costs and allocated to its lines by value.
/// </summary>
public readonly record struct ShipmentLine
{
    /// <summary>The shipment (consignment) this line belongs to.</summary>
    public required string ShipmentId { get; init; }

    /// <summary>The line number within the shipment.</summary>
    public int Line { get; init; }

    /// <summary>The destination country (<c>US</c>, <c>DE</c>, <c>GB</c>, ...).</summary>
    public required string Destination { get; init; }

    /// <summary>The country of origin of the goods.</summary>
    public CountryCode Origin { get; init; }

    /// <summary>The tariff classification.</summary>
    public TariffCode Code { get; init; }

    /// <summary>The goods value (transaction value) in the invoice currency.</summary>
    public Money Value { get; init; }

    /// <summary>The line's quantities for specific duties (net mass, items, litres, ...).</summary>
    public DutyQuantities Quantities { get => _quantities; init => _quantities = value; }

    private readonly DutyQuantities _quantities;

    /// <summary>The quantities of <paramref name="line"/> by reference: they are ~200 bytes, read for every measure.</summary>
    internal static ref readonly DutyQuantities QuantitiesOf(in ShipmentLine line) => ref line._quantities;

    /// <summary>
    /// The recommended retail price, for excise charged on it (UK tobacco: <c>16.50 % RET</c>), or null. Converted to
    /// the destination currency like the value.
    /// </summary>
    public Money? RetailPrice { get; init; }

    /// <summary>International freight to the destination, or null.</summary>
    public Money? Freight { get; init; }

    /// <summary>Insurance, or null.</summary>
    public Money? Insurance { get; init; }

    /// <summary>The declaration (import) date.</summary>
    public DateOnly Date { get; init; }

    /// <summary>How the goods travel.</summary>
    public TransportMode Transport { get; init; }

    /// <summary>The point-of-sale VAT scheme the seller uses, if any.</summary>
    public PointOfSaleScheme Scheme { get; init; }
}
