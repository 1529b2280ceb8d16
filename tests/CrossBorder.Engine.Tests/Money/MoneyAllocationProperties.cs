using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrossBorder.Engine.Tests;

/// <summary>Allocation never creates or loses a unit, and gives each part its exact share rounded down or up.</summary>
public class MoneyAllocationProperties
{
    private static Gen<long> Weight => Gen.Frequency<long>(
    [
        (4, Gen.Choose(0, 10).Select(w => (long)w)),
        (3, Gen.Choose(0, 1_000_000).Select(w => (long)w)),
        (2, Generators.Int64Between(0, long.MaxValue)),
    ]);

    // Mostly a few parts, sometimes more than the 64 kept on the stack (the rest come from the array pool).
    private static Gen<int> PartCount => Gen.Frequency<int>(
    [
        (6, Gen.Choose(1, 12)),
        (2, Gen.Choose(13, 64)),
        (2, Gen.Choose(65, 200)),
    ]);

    private static Gen<long[]> Weights =>
        from n in PartCount
        from weights in Gen.ArrayOf(Weight, n)
        from fallback in Gen.Choose(0, n - 1)
        select weights.Any(w => w > 0) ? weights : weights.Select((w, i) => i == fallback ? 1 : w).ToArray();

    [Property(MaxTest = 2000)]
    public Property Allocation_by_weights_gives_the_units_left_to_the_largest_remainders_ties_to_the_first_part() =>
        // An exact oracle (BigInteger floors, units to remainders sorted largest first, ties by index) over the parts
        // a shipment has: few parts and small weights make ties common, large totals and weights take the paths where
        // a product no longer fits in 64 bits.
        Prop.ForAll((
            from total in Gen.OneOf(Gen.Choose(-1_000, 1_000).Select(t => (long)t), Generators.AnyInt64)
            from n in Gen.Choose(1, 20)
            from weights in Gen.ArrayOf(Gen.OneOf(Gen.Choose(0, 4).Select(w => (long)w), Generators.Int64Between(0, long.MaxValue / 32)), n)
            select (total, weights.Any(w => w > 0) ? weights : [.. weights[..^1], 1L])).ToArbitrary(), input =>
        {
            var (total, weights) = input;
            var parts = new Money[weights.Length];
            new Money(total, Currency.EUR).Allocate(weights, parts);

            var totalWeight = weights.Aggregate(BigInteger.Zero, (sum, w) => sum + w);
            var magnitude = BigInteger.Abs(total);
            var floors = weights.Select(w => magnitude * w / totalWeight).ToArray();
            var left = (int)(magnitude - floors.Aggregate(BigInteger.Zero, (sum, f) => sum + f));
            foreach (var i in Enumerable.Range(0, weights.Length).OrderByDescending(i => magnitude * weights[i] % totalWeight).ThenBy(i => i).Take(left))
            {
                floors[i]++;
            }
            var expected = floors.Select(f => (long)(total < 0 ? -f : f)).ToArray();
            return parts.Select(p => p.MinorUnits).SequenceEqual(expected)
                .Label($"{total} by [{string.Join(", ", weights)}]: [{string.Join(", ", parts.Select(p => p.MinorUnits))}], expected [{string.Join(", ", expected)}]");
        });

    [Property(MaxTest = 1000)]
    public Property Allocation_by_weights_is_exact_and_fair() =>
        Prop.ForAll((from total in Generators.AnyInt64 from weights in Weights select (total, weights)).ToArbitrary(), input =>
        {
            var (total, weights) = input;
            var parts = new Money[weights.Length];

            new Money(total, Currency.EUR).Allocate(weights, parts);

            BigInteger totalWeight = 0;
            foreach (var w in weights)
            {
                totalWeight += w;
            }
            var sum = BigInteger.Zero;
            for (var i = 0; i < parts.Length; i++)
            {
                Assert.Equal(Currency.EUR, parts[i].Currency);
                sum += parts[i].MinorUnits;
                // |part − total·w/W| < 1, i.e. |part·W − total·w| < W
                var error = BigInteger.Abs((BigInteger)parts[i].MinorUnits * totalWeight - (BigInteger)total * weights[i]);
                Assert.True(error < totalWeight, $"part {i} = {parts[i].MinorUnits} is not within one unit of {total}·{weights[i]}/{totalWeight}");
            }
            Assert.Equal((BigInteger)total, sum);

            // The units left over by the floors go to the largest remainders: every rounded-up part's remainder is at
            // least every rounded-down part's remainder (on the magnitude; a negative total is the mirror image).
            var magnitude = BigInteger.Abs(total);
            BigInteger? smallestUp = null;
            BigInteger? largestDown = null;
            for (var i = 0; i < parts.Length; i++)
            {
                var exact = magnitude * weights[i];
                var floor = exact / totalWeight;
                var remainder = exact - floor * totalWeight;
                if (BigInteger.Abs(parts[i].MinorUnits) > floor)
                {
                    smallestUp = smallestUp is null ? remainder : BigInteger.Min(smallestUp.Value, remainder);
                }
                else if (remainder != 0)
                {
                    largestDown = largestDown is null ? remainder : BigInteger.Max(largestDown.Value, remainder);
                }
            }
            Assert.True(smallestUp is null || largestDown is null || smallestUp >= largestDown,
                $"a part with remainder {largestDown} was rounded down while one with {smallestUp} was rounded up");
        });

    [Property(MaxTest = 500)]
    public Property Allocation_of_a_negative_total_mirrors_the_positive_one() =>
        Prop.ForAll((from total in Generators.Int64Between(-long.MaxValue, long.MaxValue) from weights in Weights select (total, weights)).ToArbitrary(), input =>
        {
            var (total, weights) = input;
            var positive = new Money[weights.Length];
            var negative = new Money[weights.Length];

            new Money(total, Currency.JPY).Allocate(weights, positive);
            new Money(-total, Currency.JPY).Allocate(weights, negative);

            Assert.Equal(positive.Select(m => -m.MinorUnits), negative.Select(m => m.MinorUnits));
        });

    [Property(MaxTest = 1000)]
    public Property Equal_allocation_is_exact_and_as_even_as_possible() =>
        Prop.ForAll((from total in Generators.AnyInt64 from n in PartCount select (total, n)).ToArbitrary(), input =>
        {
            var (total, n) = input;
            var parts = new Money[n];

            new Money(total, Currency.KWD).Allocate(parts);

            Assert.Equal((Int128)total, parts.Aggregate(Int128.Zero, (s, m) => s + m.MinorUnits));
            var magnitudes = parts.Select(m => Int128.Abs(m.MinorUnits)).ToArray();
            Assert.True(magnitudes.Max() - magnitudes.Min() <= 1, "parts differ by more than one unit");
            for (var i = 1; i < n; i++)
            {
                Assert.True(magnitudes[i] <= magnitudes[i - 1], "a later part is larger than an earlier one");
            }
            Assert.All(parts, m => Assert.True(m.Sign == 0 || m.Sign == Math.Sign(total)));
        });
}
