using CrossBorder.Engine.Tariffs;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static CrossBorder.Engine.Tests.Tariffs.TariffTestData;

namespace CrossBorder.Engine.Tests.Tariffs;

public class DutyExpressionPropertyTests
{
    private static readonly RoundingMode[] Modes =
        [RoundingMode.HalfEven, RoundingMode.HalfUp, RoundingMode.HalfDown, RoundingMode.TowardZero, RoundingMode.AwayFromZero, RoundingMode.Floor, RoundingMode.Ceiling];

    private static DutyExpression Percent(int basisPoints) =>
        DutyExpressionParser.ParseTaric(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{basisPoints / 100m:0.00}%"));

    [Property(MaxTest = 300)]
    public Property Ad_valorem_duty_is_monotone_in_the_value(NonNegativeInt basisPoints, NonNegativeInt value, NonNegativeInt increase, byte mode)
    {
        var expression = Percent(basisPoints.Get % 100_000); // 0% to 999.99%
        var low = Money.FromMinorUnits(value.Get, Currency.EUR);
        var high = Money.FromMinorUnits((long)value.Get + increase.Get, Currency.EUR);
        var rounding = Modes[mode % Modes.Length];
        var exactMonotone = expression.Exact(low, DutyQuantities.None) <= expression.Exact(high, DutyQuantities.None);
        var roundedMonotone = expression.Duty(low, rounding) <= expression.Duty(high, rounding);
        return (exactMonotone && roundedMonotone).Label($"{expression.Text} on {low} and {high}, {rounding}");
    }

    [Property(MaxTest = 1000)]
    public Property A_plain_ad_valorem_rate_rounds_the_exact_product_once(int basisPoints, long minorUnits, byte mode, bool free)
    {
        // Plain "x%" and "Free" take the money core's multiply-and-round; the general evaluator is the oracle.
        var expression = free ? DutyExpressionParser.ParseUs("Free") : Percent(Math.Abs(basisPoints % 100_000));
        // Up to ±10^15 minor units, so that the product at up to 999.99% stays within a long (overflow is tested elsewhere).
        var value = Money.FromMinorUnits(minorUnits % 1_000_000_000_000_000 / (1 + Math.Abs(basisPoints % 7) * 1_000), Currency.EUR);
        var rounding = Modes[mode % Modes.Length];
        var context = new DutyContext(value, DutyQuantities.None);
        var oracle = expression.EvaluateExact(context).Round(rounding);
        var viaTry = expression.TryEvaluate(context, rounding, out var duty, out _);
        return (viaTry && duty == oracle && expression.Evaluate(context, rounding) == oracle).Label($"{expression.Text} on {value}, {rounding}: {duty} vs {oracle}");
    }

    [Fact]
    public void A_plain_ad_valorem_rate_still_needs_a_customs_value_currency()
    {
        var context = new DutyContext(default, DutyQuantities.None);
        Assert.False(Percent(650).TryEvaluate(context, RoundingMode.HalfEven, out _, out var error));
        Assert.Equal(DutyEvaluationErrorKind.MissingCustomsValue, error.Kind);
    }

    [Property(MaxTest = 300)]
    public Property Min_and_max_bounds_always_hold(NonNegativeInt basisPoints, NonNegativeInt value, NonNegativeInt floorCents, NonNegativeInt span, PositiveInt kilograms)
    {
        var floor = floorCents.Get % 100_000;
        var ceiling = floor + (span.Get % 100_000);
        var text = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{basisPoints.Get % 10_000 / 100m:0.00}% MIN {floor / 100m:0.00} EUR / 100 kg MAX {ceiling / 100m:0.00} EUR / 100 kg");
        var expression = DutyExpressionParser.ParseTaric(text);
        var line = DutyQuantities.None.With(QuantityKind.NetMass, Quantity.FromWhole(kilograms.Get));
        var duty = expression.Exact(Money.FromMinorUnits(value.Get, Currency.EUR), line);
        // The bounds themselves, exactly: floor × kg / 100 and ceiling × kg / 100 (in cents).
        var lower = DutyExpressionParser.ParseTaric(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{floor / 100m:0.00} EUR / 100 kg")).Exact(Eur(0m), line);
        var upper = DutyExpressionParser.ParseTaric(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ceiling / 100m:0.00} EUR / 100 kg")).Exact(Eur(0m), line);
        return (lower <= duty && duty <= upper).Label($"{text}: {lower} ≤ {duty} ≤ {upper}");
    }

    [Property(MaxTest = 300)]
    public Property A_compound_rate_equals_the_sum_of_its_parts_before_rounding(NonNegativeInt basisPoints, NonNegativeInt value, NonNegativeInt pence, NonNegativeInt grams)
    {
        var ratePart = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{basisPoints.Get % 10_000 / 100m:0.00}%");
        var specificPart = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{pence.Get % 1_000_000 / 100m:0.00} GBP / 100 kg");
        var compound = DutyExpressionParser.ParseTaric($"{ratePart} + {specificPart}");
        var customs = Money.FromMinorUnits(value.Get, Currency.GBP);
        var line = DutyQuantities.None.With(QuantityKind.NetMass, Quantity.FromThousandths(grams.Get));
        var parts = DutyExpressionParser.ParseTaric(ratePart).Exact(customs, line) + DutyExpressionParser.ParseTaric(specificPart).Exact(customs, line);
        return (compound.Exact(customs, line) == parts).ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property Exact_evaluation_rounds_once(NonNegativeInt cents, PositiveInt grams)
    {
        // $1.035/kg: the exact amount rounded half-even equals rounding 103.5 × g / 1000 cents directly.
        var expression = DutyExpressionParser.ParseUs("$1.035/kg");
        var line = DutyQuantities.None.With(QuantityKind.NetMass, Quantity.FromThousandths(grams.Get));
        var duty = expression.Duty(Money.FromMinorUnits(cents.Get, Currency.USD), line);
        var expected = Money.FromMinorUnits(grams.Get, Currency.USD).Multiply(Rate.FromRatio(1035, 10_000), RoundingMode.HalfEven);
        return (duty == expected).Label($"{grams.Get} g: {duty} vs {expected}");
    }

    [Fact]
    public void Evaluation_allocates_nothing()
    {
        var compound = DutyExpressionParser.ParseTaric("9.10% + 45.10 EUR / 100 kg MAX 18.90% + 16.50 EUR / 100 kg");
        var components = DutyExpressionParser.ParseTaric("9.00% +  EA MAX 18.70%  + ADSZ");
        var sugar = DutyExpressionParser.ParseUs(
            "3.6606¢/kg less 0.020668¢/kg for each degree under 100 degrees (and fractions of a degree in proportion) but not less than 3.143854¢/kg");
        var watch = DutyExpressionParser.ParseUs("$2.25 each + 45% on the case + 35% on the battery");
        var seasonal = DutyExpressionParser.ParseTaric("9.60% MIN 1.1 EUR/100 kg (01 JAN-14 APR, 1 DEC-31 DEC), 13.60% MIN 1.6 EUR/100 kg");
        var quantities = Quantities((QuantityKind.NetMass, 1_234.567m), (QuantityKind.Polarization, 96.5m), (QuantityKind.Items, 10m));
        CrossBorder.Engine.Fx.ExchangeRate[] rates = [CrossBorder.Engine.Fx.ExchangeRate.FromDecimal(Currency.EUR, Currency.GBP, 0.85165m)];
        DutyInput[] inputs =
        [
            DutyInput.AgriculturalComponent("EA", Eur(51.23m)),
            DutyInput.AgriculturalComponent("ADSZ", Eur(20.01m)),
            DutyInput.ValueBasis("case", Gbp(100m)),
            DutyInput.ValueBasis("battery", Gbp(10m)),
        ];
        ExchangeRate_Usd(out var usdRate);
        CrossBorder.Engine.Fx.ExchangeRate[] allRates = [rates[0], usdRate];
        var gbp = Gbp(10_000.01m);

        long Run(int iterations)
        {
            long total = 0;
            var context = new DutyContext(gbp, quantities) { Rates = allRates, Inputs = inputs, Date = new DateOnly(2024, 12, 24) };
            for (var i = 0; i < iterations; i++)
            {
                total += compound.Evaluate(context, RoundingMode.HalfEven).MinorUnits;
                total += components.Evaluate(context, RoundingMode.HalfUp).MinorUnits;
                total += sugar.Evaluate(context, RoundingMode.Floor).MinorUnits;
                total += watch.Evaluate(context, RoundingMode.HalfEven).MinorUnits;
                total += seasonal.Evaluate(context, RoundingMode.HalfEven).MinorUnits;
                _ = compound.TryEvaluateExact(context, out _, out _);
            }
            return total;
        }

        Run(1_000); // warm-up: static tables, tiered compilation
        var perIteration = Run(1);
        Assert.True(perIteration > 0);
        // Measured as the other hot paths are: a one-off allocation of the runtime on this thread (it happened once in
        // CI, 5,808 bytes) is retried, an allocation per evaluation fails every attempt.
        Assert.Equal(0, HotPathAllocationTests.AllocatedBy(Run, perIteration));
    }

    private static void ExchangeRate_Usd(out CrossBorder.Engine.Fx.ExchangeRate rate) =>
        rate = CrossBorder.Engine.Fx.ExchangeRate.FromDecimal(Currency.USD, Currency.GBP, 0.7865m);
}
