using System.Numerics;
using CrossBorder.Engine.Fx;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrossBorder.Engine.Tests.Fx;

/// <summary>Converting A → B → A with the exact inverse rate comes back within the bound the two roundings allow.</summary>
public class ExchangeRateProperties
{
    // 0, 2, 3 and 4 minor digits
    private static readonly Currency[] s_currencies = new[] { "EUR", "USD", "GBP", "JPY", "KRW", "KWD", "BHD", "CLF" }.Select(Currency.FromCode).ToArray();

    public sealed record Case(Currency From, Currency To, long RateNumerator, int RateScale, long Amount, RoundingMode Mode)
    {
        public override string ToString() => $"{Amount} {From} → {To} at {RateNumerator}/10^{RateScale} ({Mode})";
    }

    // Rates from 10^-6 to 10^6 and amounts up to 10^8 minor units keep every converted amount below 10^18.
    private static Gen<Case> Cases(Gen<RoundingMode> modes) =>
        from source in Gen.Elements(s_currencies)
        from target in Gen.Elements(s_currencies).Where(c => c != source)
        from numerator in Gen.Frequency<long>([(3, Gen.Choose(1, 1_000_000).Select(n => (long)n)), (1, Gen.Choose(1, 100).Select(n => (long)n))])
        from scale in Gen.Choose(0, 6)
        from amount in Generators.Int64Between(-100_000_000, 100_000_000)
        from mode in modes
        select new Case(source, target, numerator, scale, amount, mode);

    /// <summary>ρ = P/Q: minor units of <c>To</c> per minor unit of <c>From</c>.</summary>
    private static (BigInteger P, BigInteger Q) MinorUnitRate(Case c)
    {
        var shift = c.To.MinorUnits - c.From.MinorUnits;
        var p = c.RateNumerator * BigInteger.Pow(10, Math.Max(shift, 0));
        var q = BigInteger.Pow(10, c.RateScale) * BigInteger.Pow(10, Math.Max(-shift, 0));
        return (p, q);
    }

    private static long RoundTrip(Case c)
    {
        var rate = ExchangeRate.FromRatio(c.From, c.To, c.RateNumerator, Generators.Pow10(c.RateScale));
        var converted = rate.Convert(new Money(c.Amount, c.From), c.Mode);
        Assert.Equal(c.To, converted.Currency);
        var back = rate.Inverse().Convert(converted, c.Mode);
        Assert.Equal(c.From, back.Currency);
        return back.MinorUnits;
    }

    [Property(MaxTest = 2000)]
    public Property Round_trip_with_round_to_nearest_is_within_half_a_unit_plus_half_a_unit_of_the_other_currency() =>
        Prop.ForAll(Cases(Generators.NearestMode).ToArbitrary(), c =>
        {
            // Each step errs by at most half a minor unit of its target: |b − aρ| ≤ 1/2 and |back − b/ρ| ≤ 1/2, so
            // |back − a| ≤ 1/2 + 1/(2ρ), i.e. 2P·|back − a| ≤ P + Q.
            var (p, q) = MinorUnitRate(c);
            var error = BigInteger.Abs((BigInteger)RoundTrip(c) - c.Amount);

            Assert.True(2 * p * error <= p + q, $"off by {error} minor units of {c.From}, bound 1/2 + {q}/(2·{p})");
        });

    [Property(MaxTest = 1000)]
    public Property Round_trip_with_any_rounding_is_within_one_unit_plus_one_unit_of_the_other_currency() =>
        Prop.ForAll(Cases(Generators.RoundingMode.Where(m => m != RoundingMode.Unnecessary)).ToArbitrary(), c =>
        {
            // Each directed step errs by less than one minor unit of its target: |back − a| < 1 + 1/ρ.
            var (p, q) = MinorUnitRate(c);
            var error = BigInteger.Abs((BigInteger)RoundTrip(c) - c.Amount);

            Assert.True(p * error < p + q, $"off by {error} minor units of {c.From}, bound 1 + {q}/{p}");
        });

    [Property(MaxTest = 1000)]
    public Property Conversion_agrees_with_a_decimal_oracle() =>
        Prop.ForAll(Cases(Generators.RoundingMode).ToArbitrary(), c =>
        {
            var rate = ExchangeRate.FromRatio(c.From, c.To, c.RateNumerator, Generators.Pow10(c.RateScale));
            var rateValue = new decimal((int)c.RateNumerator, 0, 0, false, (byte)c.RateScale);
            var shift = c.To.MinorUnits - c.From.MinorUnits;
            var exact = c.Amount * rateValue * (shift >= 0 ? Generators.Pow10(shift) : 1m / Generators.Pow10(-shift));

            var expected = MoneyMultiplyProperties.RoundOracle(exact, c.Mode);

            if (expected is null)
            {
                Assert.Throws<ArithmeticException>(() => rate.Convert(new Money(c.Amount, c.From), c.Mode));
            }
            else
            {
                Assert.Equal(new Money((long)expected.Value, c.To), rate.Convert(new Money(c.Amount, c.From), c.Mode));
            }
        });
}
