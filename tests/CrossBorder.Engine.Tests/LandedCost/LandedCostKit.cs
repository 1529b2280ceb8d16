using System.Text;
using CrossBorder.Engine.Fx;
using CrossBorder.Engine.Geography;
using CrossBorder.Engine.LandedCost;
using CrossBorder.Engine.Tariffs;

namespace CrossBorder.Engine.Tests.LandedCost;

/// <summary>
/// Builds calculators over a small canonical tariff CSV written inline in a test, the built-in destination rules and
/// an exchange-rate table, and prices lines with them.
/// </summary>
internal static class LandedCostKit
{
    public const string Header = "destination,code,origin,measure,rate,valid_from,valid_to,note\n";

    public static TariffSchedules Schedules(string rows)
    {
        var schedules = new TariffSchedules();
        CanonicalTariffLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(Header + rows)), "inline.csv", new OriginGroups(), schedules);
        return schedules;
    }

    /// <summary>A calculator over <paramref name="rows"/> of the canonical CSV and the built-in rules (or <paramref name="rules"/>).</summary>
    public static LandedCostCalculator Calculator(string rows, ExchangeRateTable? rates = null, DestinationRuleBook? rules = null) =>
        new(Schedules(rows), rules ?? DestinationRuleBook.CreateDefault(), rates ?? new ExchangeRateTable());

    /// <summary>The built-in rules with one destination's rules changed.</summary>
    public static DestinationRuleBook DefaultRulesWith(string destination, Func<DestinationRules, DestinationRules> change)
    {
        var book = DestinationRuleBook.CreateDefault();
        book.Set(change(book.Get(destination)));
        return book;
    }

    public static ShipmentLine Line(
        string shipment, string destination, string origin, string code, Money value, DateOnly date,
        Money? freight = null, Money? insurance = null, TransportMode transport = TransportMode.Unknown,
        PointOfSaleScheme scheme = PointOfSaleScheme.None, DutyQuantities quantities = default, int line = 1) =>
        new()
        {
            ShipmentId = shipment,
            Line = line,
            Destination = destination,
            Origin = CountryCode.Parse(origin),
            Code = TariffCode.Parse(code),
            Value = value,
            Freight = freight,
            Insurance = insurance,
            Date = date,
            Transport = transport,
            Scheme = scheme,
            Quantities = quantities,
        };

    /// <summary>Prices the lines (one or more shipments) and returns one result per line.</summary>
    public static LineCost[] Price(this LandedCostCalculator calculator, params ShipmentLine[] lines)
    {
        var results = new LineCost[lines.Length];
        calculator.Calculate(lines, results);
        return results;
    }

    /// <summary>Prices one shipment and returns its total row.</summary>
    public static LineCost PriceShipment(this LandedCostCalculator calculator, params ShipmentLine[] lines) =>
        LandedCostCalculator.Total(calculator.Price(lines));

    /// <summary>The explanation of one shipment, for failure messages.</summary>
    public static string Explain(this LandedCostCalculator calculator, params ShipmentLine[] lines) =>
        string.Join(" | ", calculator.Explain(lines, new LineCost[lines.Length]));

    public static Money Usd(decimal amount) => Money.FromDecimal(amount, Currency.USD);

    public static Money Eur(decimal amount) => Money.FromDecimal(amount, Currency.EUR);

    public static Money Gbp(decimal amount) => Money.FromDecimal(amount, Currency.GBP);

    public static Money Cad(decimal amount) => Money.FromDecimal(amount, Currency.CAD);

    public static Money Aud(decimal amount) => Money.FromDecimal(amount, Currency.AUD);

    public static Money Jpy(decimal amount) => Money.FromDecimal(amount, Currency.JPY);

    public static Money Chf(decimal amount) => Money.FromDecimal(amount, Currency.CHF);

    public static Money Nok(decimal amount) => Money.FromDecimal(amount, Currency.NOK);

    public static DutyQuantities NetMass(decimal kilograms) => DutyQuantities.None.With(QuantityKind.NetMass, kilograms);
}
