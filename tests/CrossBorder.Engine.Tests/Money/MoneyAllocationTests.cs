namespace CrossBorder.Engine.Tests;

/// <summary>Allocate: equal parts and parts by weight (largest remainder); the parts always sum to the total.</summary>
public class MoneyAllocationTests
{
    private static Money Eur(long cents) => new(cents, Currency.EUR);

    private static long[] AllocateEqually(long total, int parts)
    {
        var destination = new Money[parts];
        Eur(total).Allocate(destination);
        Assert.All(destination, m => Assert.Equal(Currency.EUR, m.Currency));
        return destination.Select(m => m.MinorUnits).ToArray();
    }

    private static long[] AllocateByWeights(long total, params long[] weights)
    {
        var destination = new Money[weights.Length];
        Eur(total).Allocate(weights, destination);
        Assert.All(destination, m => Assert.Equal(Currency.EUR, m.Currency));
        return destination.Select(m => m.MinorUnits).ToArray();
    }

    [Theory]
    [InlineData(100, 3, new long[] { 34, 33, 33 })]
    [InlineData(-100, 3, new long[] { -34, -33, -33 })]
    [InlineData(101, 3, new long[] { 34, 34, 33 })]
    [InlineData(5, 7, new long[] { 1, 1, 1, 1, 1, 0, 0 })]
    [InlineData(-5, 7, new long[] { -1, -1, -1, -1, -1, 0, 0 })]
    [InlineData(0, 2, new long[] { 0, 0 })]
    [InlineData(99, 1, new long[] { 99 })]
    [InlineData(long.MinValue, 2, new long[] { long.MinValue / 2, long.MinValue / 2 })]
    [InlineData(long.MaxValue, 2, new long[] { long.MaxValue / 2 + 1, long.MaxValue / 2 })]
    public void Allocate_equally_gives_the_extra_units_to_the_first_parts(long total, int parts, long[] expected)
    {
        Assert.Equal(expected, AllocateEqually(total, parts));
    }

    [Fact]
    public void Allocate_equally_into_nothing_throws()
    {
        Assert.Throws<ArgumentException>(() => Eur(100).Allocate(Span<Money>.Empty));
    }

    [Theory]
    [InlineData(100, new long[] { 1, 1, 1 }, new long[] { 34, 33, 33 })]
    [InlineData(-100, new long[] { 1, 1, 1 }, new long[] { -34, -33, -33 })]
    [InlineData(1000, new long[] { 50, 30, 20 }, new long[] { 500, 300, 200 })]
    // 100 × 1/3 = 33.33, 100 × 2/3 = 66.67: the larger remainder (2/3) gets the unit
    [InlineData(100, new long[] { 1, 2 }, new long[] { 33, 67 })]
    [InlineData(-100, new long[] { 1, 2 }, new long[] { -33, -67 })]
    [InlineData(10, new long[] { 0, 1 }, new long[] { 0, 10 })]
    [InlineData(1, new long[] { 1, 1, 1 }, new long[] { 1, 0, 0 })]
    [InlineData(2, new long[] { 1, 1, 1 }, new long[] { 1, 1, 0 })]
    // Shipping of €10.00 over lines of €19.99, €49.99 and €29.99 (total 99.97):
    // exact shares 199.96, 500.05, 299.99 cents; floors 199, 500, 299; the 2 units left go to remainders .99 and .96
    [InlineData(1000, new long[] { 1999, 4999, 2999 }, new long[] { 200, 500, 300 })]
    [InlineData(7, new long[] { long.MaxValue, long.MaxValue }, new long[] { 4, 3 })]
    // all of the most negative amount in one part
    [InlineData(long.MinValue, new long[] { 7 }, new long[] { long.MinValue })]
    [InlineData(long.MinValue, new long[] { 0, 2 }, new long[] { 0, long.MinValue })]
    [InlineData(long.MinValue, new long[] { 1, 1 }, new long[] { long.MinValue / 2, long.MinValue / 2 })]
    [InlineData(long.MaxValue, new long[] { 0, 2 }, new long[] { 0, long.MaxValue })]
    public void Allocate_by_weights_uses_the_largest_remainders(long total, long[] weights, long[] expected)
    {
        Assert.Equal(expected, AllocateByWeights(total, weights));
    }

    [Fact]
    public void Allocate_by_weights_over_many_parts_rents_its_buffer_and_stays_exact()
    {
        // 101 over 100 equal weights: every share is 1.01, so the one unit left goes to the first part.
        var weights = Enumerable.Repeat(3L, 100).ToArray();

        var parts = AllocateByWeights(101, weights);

        Assert.Equal(2, parts[0]);
        Assert.All(parts[1..], p => Assert.Equal(1, p));
    }

    [Fact]
    public void Allocate_by_weights_over_many_parts_gives_units_to_the_largest_remainders()
    {
        // 1000 over weights 1..200 (sum 20100): the share of weight w is 1000w/20100 = 10w/201.
        var weights = Enumerable.Range(1, 200).Select(w => (long)w).ToArray();

        var parts = AllocateByWeights(1000, weights);

        Assert.Equal(1000, parts.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            var floor = 10 * weights[i] / 201;
            Assert.InRange(parts[i], floor, floor + 1);
        }
        // 100 units are left after the floors; the remainders 10w mod 201 cycle through 10, 20, …, 200, so the units
        // go to the weights whose remainder is at least 101: weight 200 (9.95 → 10) and weight 20 (0.995 → 1) get one,
        // weight 1 (0.0498) and weight 21 (1.045) do not.
        Assert.Equal(10, parts[199]);
        Assert.Equal(1, parts[19]);
        Assert.Equal(0, parts[0]);
        Assert.Equal(1, parts[20]);
    }

    [Fact]
    public void Allocate_by_weights_leaves_the_rest_of_a_longer_destination_alone()
    {
        var destination = new Money[4];
        destination[3] = Eur(777);

        Eur(100).Allocate([1, 1, 1], destination);

        Assert.Equal([34L, 33, 33, 777], destination.Select(m => m.MinorUnits));
    }

    [Fact]
    public void Allocate_by_weights_rejects_bad_weights_and_short_destinations()
    {
        var destination = new Money[3];

        Assert.Throws<ArgumentOutOfRangeException>(() => Eur(100).Allocate([1, -1, 1], destination));
        Assert.Throws<ArgumentException>(() => Eur(100).Allocate([0, 0, 0], destination));
        Assert.Throws<ArgumentException>(() => Eur(100).Allocate([], destination));
        Assert.Throws<ArgumentException>(() => Eur(100).Allocate([1, 1, 1, 1], destination));
    }
}
