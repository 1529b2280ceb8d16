using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using CrossBorder.Engine.Tariffs;

namespace CrossBorder.Engine.Tests.Tariffs;

public class MeasurementUnitTests
{
    [Theory]
    [InlineData("KGM", QuantityKind.NetMass, 1, 1)]
    [InlineData("DTN", QuantityKind.NetMass, 1, 100)]
    [InlineData("TNE", QuantityKind.NetMass, 1, 1000)]
    [InlineData("GRM", QuantityKind.NetMass, 1000, 1)]
    [InlineData("NAR", QuantityKind.Items, 1, 1)]
    [InlineData("MIL", QuantityKind.Items, 1, 1000)]
    [InlineData("NPR", QuantityKind.Pairs, 1, 1)]
    [InlineData("US:DOZ", QuantityKind.Items, 1, 12)]
    [InlineData("US:DPR", QuantityKind.Pairs, 1, 12)]
    [InlineData("US:GRS", QuantityKind.Items, 1, 144)]
    [InlineData("LTR", QuantityKind.Litres, 1, 1)]
    [InlineData("HLT", QuantityKind.Litres, 1, 100)]
    [InlineData("ASVX", QuantityKind.Litres, 1, 100)]
    [InlineData("LPA", QuantityKind.Litres, 1, 100)]
    [InlineData("US:PFL", QuantityKind.Litres, 1, 50)]
    [InlineData("MTK", QuantityKind.SquareMetres, 1, 1)]
    [InlineData("MTQ", QuantityKind.CubicMetres, 1, 1)]
    [InlineData("MTQC", QuantityKind.CubicMetres, 1, 1000)]
    [InlineData("DTNE", QuantityKind.DrainedNetMass, 1, 100)]
    [InlineData("DTNZ", QuantityKind.NetMass, 1, 100)]
    [InlineData("CTM", QuantityKind.Carats, 1, 1)]
    [InlineData("US:HEAD", QuantityKind.Items, 1, 1)]
    [InlineData("US:JWL", QuantityKind.Jewels, 1, 1)]
    public void The_table_names_the_quantity_and_the_factor(string code, QuantityKind quantity, long numerator, long denominator)
    {
        var unit = MeasurementUnit.FromCode(code);
        Assert.Equal(quantity, unit.Quantity);
        Assert.Equal(Rate.FromRatio(numerator, denominator), unit.Multiplier);
    }

    [Fact]
    public void Compound_units_name_their_second_quantity()
    {
        Assert.Equal(QuantityKind.AlcoholByVolume, MeasurementUnit.FromCode("ASVX").SecondQuantity);
        Assert.Equal(QuantityKind.Sucrose, MeasurementUnit.FromCode("DTNZ").SecondQuantity);
        Assert.Equal(QuantityKind.None, MeasurementUnit.FromCode("DTN").SecondQuantity);
        Assert.False(MeasurementUnit.TryFromCode("XYZ", out _));
        Assert.Equal("kg on copper content", MeasurementUnit.Named("kg on copper content").Key);
    }

    [Fact]
    public void Taric_multipliers_agree_with_the_uk_trade_tariff_units()
    {
        // ../shared/data/tariffs/uk/measurement-units.json (trade-tariff-backend): "multiplier" per unit and qualifier.
        var shared = DutyExpressionCoverage.FindSharedDirectory();
        if (shared is null)
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.Ordinal), "../shared is required when CI=true.");
            return;
        }
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(shared, "data/tariffs/uk/measurement-units.json")));
        var checkedUnits = 0;
        foreach (var unit in MeasurementUnit.All)
        {
            if (unit.Code.Contains(':', StringComparison.Ordinal) || !json.RootElement.TryGetProperty(unit.Code, out var entry))
            {
                continue;
            }
            if (entry.TryGetProperty("multiplier", out var multiplier) && multiplier.ValueKind == JsonValueKind.String)
            {
                var expected = Rate.Parse(multiplier.GetString());
                Assert.True(expected == unit.Multiplier, $"{unit.Code}: {unit.Multiplier} vs {expected}");
                checkedUnits++;
            }
        }
        Assert.True(checkedUnits >= 8, $"only {checkedUnits} units compared");
    }

    [Fact]
    public void Quantities_are_exact_thousandths()
    {
        Assert.Equal(163_200, Quantity.FromDecimal(163.2m).Thousandths);
        Assert.Throws<ArithmeticException>(() => Quantity.FromDecimal(1.0005m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantity.FromWhole(-1));
        var line = DutyQuantities.None.With(QuantityKind.NetMass, 10m);
        Assert.True(line.TryGet(QuantityKind.NetMass, out var kg));
        Assert.Equal(Quantity.FromWhole(10), kg);
        Assert.False(line.TryGet(QuantityKind.Litres, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => line.With(QuantityKind.Named, Quantity.Zero));
    }
}

public class DutyQuantitiesEqualityTests
{
    [Fact]
    public void Quantities_are_equal_by_value_and_named_ones_in_any_order()
    {
        var a = DutyQuantities.None.With(QuantityKind.NetMass, 12.5m).WithNamed("case", Quantity.FromWhole(2)).WithNamed("battery", Quantity.FromWhole(1));
        var b = DutyQuantities.None.WithNamed("BATTERY", Quantity.FromWhole(1)).With(QuantityKind.NetMass, 12.500m).WithNamed("case", Quantity.FromWhole(2));
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, a.With(QuantityKind.NetMass, 12.501m));
        Assert.NotEqual(a, a.With(QuantityKind.Items, 0m)); // present with zero is not absent
        Assert.NotEqual(a, a.WithNamed("case", Quantity.FromWhole(3)));
        Assert.NotEqual(DutyQuantities.None, DutyQuantities.None.WithNamed("x", Quantity.FromWhole(0)));
        Assert.Equal(DutyQuantities.None, default);
    }

    [Property(MaxTest = 500)]
    public Property Every_kind_set_reads_back_its_last_value_however_many_are_set(byte[] kinds, int[] values)
    {
        // Up to four kinds are stored inline by rank, a fifth moves every value to an array: both must read back what a
        // dictionary model holds, in any order of setting, and compare equal to the same quantities set in kind order.
        var model = new SortedDictionary<QuantityKind, long>();
        var quantities = DutyQuantities.None;
        for (var i = 0; i < Math.Min(kinds.Length, values.Length); i++)
        {
            var kind = (QuantityKind)(1 + kinds[i] % ((int)QuantityKind.Named - 1));
            var value = Quantity.FromThousandths(Math.Abs((long)values[i]));
            quantities = quantities.With(kind, value);
            model[kind] = value.Thousandths;
        }
        var inKindOrder = DutyQuantities.None;
        foreach (var (kind, value) in model)
        {
            inKindOrder = inKindOrder.With(kind, Quantity.FromThousandths(value));
        }
        var readsBack = true;
        for (var kind = QuantityKind.NetMass; kind < QuantityKind.Named; kind++)
        {
            var present = quantities.TryGet(kind, out var read);
            readsBack &= present == model.ContainsKey(kind) && (!present || read.Thousandths == model[kind]);
        }
        return (readsBack && quantities == inKindOrder && quantities.GetHashCode() == inKindOrder.GetHashCode())
            .Label($"{model.Count} kinds: {string.Join(", ", model.Select(p => $"{p.Key}={p.Value}"))}");
    }

    [Fact]
    public void A_shipment_line_stays_within_a_few_cache_lines()
    {
        // The batch calculator streams lines: the quantities used to take 216 bytes of a 344-byte line.
        Assert.True(System.Runtime.CompilerServices.Unsafe.SizeOf<DutyQuantities>() <= 56, $"sizeof(DutyQuantities) is {System.Runtime.CompilerServices.Unsafe.SizeOf<DutyQuantities>()}");
        Assert.True(System.Runtime.CompilerServices.Unsafe.SizeOf<CrossBorder.Engine.LandedCost.ShipmentLine>() <= 192,
            $"sizeof(ShipmentLine) is {System.Runtime.CompilerServices.Unsafe.SizeOf<CrossBorder.Engine.LandedCost.ShipmentLine>()}");
    }

    [Fact]
    public void Shipment_lines_with_quantities_can_be_compared()
    {
        // Before DutyQuantities had its own equality, comparing two lines threw (the runtime cannot compare an inline
        // array by bits).
        var line = new CrossBorder.Engine.LandedCost.ShipmentLine { ShipmentId = "S", Destination = "DE", Quantities = DutyQuantities.None.With(QuantityKind.NetMass, 1m) };
        Assert.Equal(line, line with { });
        Assert.NotEqual(line, line with { Quantities = DutyQuantities.None });
    }
}
