using CrossBorder.Engine.Internal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrossBorder.Engine.Tests.Internal;

public class FastDivisorTests
{
    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(7UL)]
    [InlineData(10UL)]
    [InlineData(100UL)]
    [InlineData(125000UL)]
    [InlineData(1UL << 62)]
    [InlineData((1UL << 63) - 1)]
    [InlineData(1UL << 63)]
    public void Divides_edge_dividends_exactly(ulong divisor)
    {
        var fast = new FastDivisor(divisor);
        ulong[] dividends = [0, 1, divisor - 1, divisor, divisor + 1, ulong.MaxValue, ulong.MaxValue - 1, 1UL << 63, (1UL << 63) - 1, 12345678901234567UL];
        foreach (var n in dividends)
        {
            Assert.Equal(n / divisor, fast.Divide(n));
        }
    }

    [Property(MaxTest = 2000)]
    public Property Equals_hardware_division_for_random_operands() =>
        Prop.ForAll(
            Gen.Choose(0, 62).SelectMany(bits => ArbMap.Default.GeneratorFor<ulong>().Select(x => (x >> (63 - bits)) | 1UL)).ToArbitrary(),
            ArbMap.Default.GeneratorFor<ulong>().ToArbitrary(),
            (divisor, dividend) => new FastDivisor(divisor).Divide(dividend) == dividend / divisor);
}
