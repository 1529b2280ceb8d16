using System.Text;
using CrossBorder.Engine.Tariffs;
using CrossBorder.Engine.Tariffs.Loaders;
using CrossBorder.Engine.Text;
using Xunit.Abstractions;
using static CrossBorder.Engine.Tests.Tariffs.TariffTestData;

namespace CrossBorder.Engine.Tests.Tariffs.Loaders;

public class EuVatRatesLoaderTests(ITestOutputHelper output)
{
    [Fact]
    public void Standard_rates_are_effective_dated_per_member_state()
    {
        if (!SharedData.TryGetPath(LoaderTestData.VatFile, output, out var path))
        {
            return;
        }
        var rates = EuVatRatesLoader.Load(path);
        output.WriteLine($"countries {rates.Countries.Count}, periods {rates.PeriodCount}, skipped {rates.Skipped.Count}");
        foreach (var skipped in rates.Skipped)
        {
            output.WriteLine(skipped.ToString());
        }
        Assert.Equal(27, rates.Countries.Count);
        Assert.Contains("GR", rates.Countries);
        var gb = Assert.Single(rates.Skipped);
        Assert.Equal("GB", gb.Value);
        Assert.False(gb.IsError);

        var schedules = rates.BuildSchedules();
        string Vat(string country, DateOnly date)
        {
            var (match, measures) = schedules.Get(country).Lookup("6109.10.00", "CN", date);
            Assert.False(match.Found); // VAT-only schedules list no codes: the measure is destination-wide
            var vat = Assert.Single(measures.OfKind(MeasureKind.Vat));
            Assert.True(vat.AttachedTo.IsEmpty);
            return vat.Measure.Rate!.Text;
        }
        Assert.Equal("16%", Vat("DE", new DateOnly(2020, 8, 1)));
        Assert.Equal("19%", Vat("DE", new DateOnly(2021, 2, 1)));
        Assert.Equal("19%", Vat("DE", new DateOnly(2020, 6, 30)));
        Assert.Equal("16%", Vat("DE", new DateOnly(2020, 12, 31)));
        Assert.Equal("25.5%", Vat("FI", new DateOnly(2024, 9, 1)));
        Assert.Equal("24%", Vat("FI", new DateOnly(2024, 8, 31)));
        Assert.Equal("21%", Vat("RO", new DateOnly(2025, 8, 1)));
        Assert.Equal(Eur(25.50m), schedules.Get("FI").Lookup("6109.10.00", "CN", new DateOnly(2024, 9, 1)).Measures[0].Measure.DutyOn(Eur(100m)));

        // Reduced rates and territories are exposed, not mapped to codes.
        var de2021 = rates.PeriodsOf("DE").Single(p => p.ValidFrom == new DateOnly(2021, 1, 1));
        Assert.Equal(7m, de2021.ReducedRates["reduced"]);
        Assert.Contains(de2021.Territories, t => t.Name == "Heligoland" && t.StandardRate == 0m);
        Assert.Equal(DateOnly.MinValue, rates.PeriodsOf("DE")[0].ValidFrom);
        Assert.Equal(new DateOnly(2020, 6, 30), rates.PeriodsOf("DE")[0].ValidTo);
    }

    [Fact]
    public void GB_loads_when_asked_for_and_adds_to_an_existing_builder()
    {
        if (!SharedData.TryGetPath(LoaderTestData.VatFile, output, out var path))
        {
            return;
        }
        var rates = EuVatRatesLoader.Load(path, EuVatRatesOptions.Default with { Countries = new HashSet<string>(["GB"], StringComparer.Ordinal) });
        Assert.Equal(["GB"], rates.Countries);
        Assert.Equal(27, rates.Skipped.Count);
        var gb = TariffSchedule.CreateBuilder("GB");
        Assert.True(rates.AddTo(gb) > 0);
        Assert.Equal("20%", Assert.Single(gb.Build().Lookup("6109.10.00", "CN", new DateOnly(2024, 1, 1)).Measures).Measure.Rate!.Text);
    }

    [Fact]
    public void A_period_without_a_standard_rate_is_listed_and_its_neighbours_keep_their_dates()
    {
        const string json = """
            {"items": {"DE": [
              {"effective_from": "2021-01-01", "rates": {"standard": 19}},
              {"effective_from": "2020-07-01", "rates": {"reduced": 5}},
              {"effective_from": "0000-01-01", "rates": {"standard": 19}}
            ]}}
            """;
        var rates = EuVatRatesLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "vat.json");
        var skipped = Assert.Single(rates.Skipped);
        Assert.Equal(("vat.json", 3L, 3), (skipped.Source, skipped.Line, skipped.Column));
        Assert.Equal(new DateOnly(2020, 6, 30), rates.PeriodsOf("DE")[0].ValidTo); // not stretched over the bad period

        var e = Assert.Throws<InputFormatException>(() => EuVatRatesLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "vat.json",
            EuVatRatesOptions.Default with { Strict = true }));
        Assert.Equal((3L, 3), (e.Line, e.Column));
    }
}
