using System.Text;
using CrossBorder.Engine.Fx;
using CrossBorder.Engine.Geography;
using CrossBorder.Engine.Tariffs;
using CrossBorder.Engine.Tariffs.Loaders;
using CrossBorder.Engine.Text;
using Xunit.Abstractions;
using static CrossBorder.Engine.Tests.Tariffs.TariffTestData;

namespace CrossBorder.Engine.Tests.Tariffs.Loaders;

public class UkTradeTariffApiLoaderTests(ITestOutputHelper output)
{
    private static readonly DateOnly March2021 = new(2021, 3, 1);

    private (UkCommodity Result, TariffSchedule Schedule)? Load(string code, UkTradeTariffApiOptions? options = null)
    {
        if (!SharedData.TryGetPath($"{LoaderTestData.UkApiDirectory}/api-commodity-{code}.json", output, out var path))
        {
            return null;
        }
        var builder = TariffSchedule.CreateBuilder("GB");
        var result = UkTradeTariffApiLoader.LoadCommodity(path, builder, options);
        output.WriteLine($"{result.Code} {result.Description}: import {result.ImportMeasureCount}, export {result.ExportMeasureCount}, loaded {result.MeasureCount}");
        foreach (var skipped in result.Skipped)
        {
            output.WriteLine(skipped.ToString());
        }
        return (result, builder.Build());
    }

    [Fact]
    public void Ferro_manganese_7202118000()
    {
        if (Load("7202118000") is not var (result, schedule))
        {
            return;
        }
        Assert.Equal((8, 0, 6), (result.ImportMeasureCount, result.ExportMeasureCount, result.MeasureCount));

        var (_, us) = schedule.Lookup("7202118000", "US", March2021);
        var mfn = Assert.Single(us.OfKind(MeasureKind.Mfn)).Measure;
        Assert.Equal(("2.70 %", new DateOnly(1999, 1, 1)), (mfn.Rate!.Text, mfn.ValidFrom));
        Assert.Equal(Gbp(2.70m), mfn.DutyOn(Gbp(100m)));
        var additional = Assert.Single(us.OfKind(MeasureKind.Additional)).Measure; // 695, retaliation on US goods
        Assert.Equal(("25.00 %", "US"), (additional.Rate!.Text, additional.Origins.Text));
        Assert.StartsWith("695 Additional duties", additional.Note, StringComparison.Ordinal);
        var quota = Assert.Single(us.OfKind(MeasureKind.Quota)).Measure;
        Assert.Contains("quota order number 054003", quota.Note!, StringComparison.Ordinal);
        Assert.Equal("0.00 %", Assert.Single(us.OfKind(MeasureKind.Suspension)).Measure.Rate!.Text); // 117, ERGA OMNES
        var vat = Assert.Single(us.OfKind(MeasureKind.Vat)).Measure;
        Assert.Equal(("20.00 %", new DateOnly(2020, 8, 1)), (vat.Rate!.Text, vat.ValidFrom));
        Assert.Empty(schedule.Lookup("7202118000", "CN", March2021).Measures.OfKind(MeasureKind.Additional));
        Assert.Single(schedule.Lookup("7202118000", "GB", March2021).Measures.OfKind(MeasureKind.Preferential));

        // The safeguard's area 5050 lists no members, and the anti-dumping rate's unit (1,000 kg of biodiesel
        // content) is not one the duty parser knows: both are listed, neither is guessed.
        Assert.Equal(2, result.Skipped.Count);
        Assert.Contains(result.Skipped, s => s.IsError && s.Reason.Contains("geographical area 5050", StringComparison.Ordinal) && s.Line == 27);
        Assert.Contains(result.Skipped, s => s.IsError && s.Value == "144.10 GBP / 1000 kg/biodiesel" && s.Line == 168);
    }

    [Fact]
    public void A_group_given_by_the_caller_resolves_the_safeguard()
    {
        var groups = new OriginGroups();
        groups.Define("5050", [CountryCode.Parse("CN"), CountryCode.Parse("IN")]);
        if (Load("7202118000", UkTradeTariffApiOptions.Default with { Groups = groups }) is not var (result, schedule))
        {
            return;
        }
        Assert.Equal(7, result.MeasureCount);
        var safeguard = Assert.Single(schedule.Lookup("7202118000", "CN", March2021).Measures.OfKind(MeasureKind.Safeguard)).Measure;
        Assert.Equal(("25.00 %", "5050"), (safeguard.Rate!.Text, safeguard.Origins.Text));
        Assert.Empty(schedule.Lookup("7202118000", "US", March2021).Measures.OfKind(MeasureKind.Safeguard));
    }

    [Fact]
    public void Cherry_tomatoes_0702000007()
    {
        if (Load("0702000007") is not var (result, schedule))
        {
            return;
        }
        Assert.Equal((50, 1, 50), (result.ImportMeasureCount, result.ExportMeasureCount, result.MeasureCount));
        var export = Assert.Single(result.Skipped);
        Assert.Equal("20087880 357 Certificate of Conformity", export.Value);
        Assert.False(export.IsError);

        // MFN 8% from 2021-01-01 to 2021-05-14 (edited in the fixture), then none.
        var mfn = Assert.Single(schedule.Lookup("0702000007", "BR", March2021).Measures.OfKind(MeasureKind.Mfn)).Measure;
        Assert.Equal(("8.00 %", new DateOnly(2021, 5, 14)), (mfn.Rate!.Text, mfn.ValidTo));
        Assert.Empty(schedule.Lookup("0702000007", "BR", new DateOnly(2021, 5, 15)).Measures.OfKind(MeasureKind.Mfn));

        // Import prohibition for North Korea; certificates for everyone.
        Assert.Single(schedule.Lookup("0702000007", "KP", March2021).Measures.OfKind(MeasureKind.Prohibited));
        Assert.Empty(schedule.Lookup("0702000007", "BR", March2021).Measures.OfKind(MeasureKind.Prohibited));
        var certificates = schedule.Lookup("0702000007", "BR", March2021).Measures.OfKind(MeasureKind.Certificate);
        Assert.Equal(3, certificates.Length);
        Assert.Contains(certificates, c => c.Measure.Note!.Contains("N851 UN/EDIFACT certificates: Phytosanitary certificate", StringComparison.Ordinal));
        Assert.All(certificates, c => Assert.Null(c.Measure.Rate));

        // Preference for Morocco 3.50 % to 2021-03-31, and two quotas at 0.00 % (one only in February).
        var (_, morocco) = schedule.Lookup("0702000007", "MA", new DateOnly(2021, 2, 15));
        Assert.Equal("3.50 %", Assert.Single(morocco.OfKind(MeasureKind.Preferential)).Measure.Rate!.Text);
        Assert.Equal(["051104", "051193"], morocco.OfKind(MeasureKind.Quota).Select(q => q.Measure.Note!.Split("quota order number ")[1][..6]).Order(StringComparer.Ordinal));
        Assert.Single(schedule.Lookup("0702000007", "MA", new DateOnly(2021, 3, 1)).Measures.OfKind(MeasureKind.Quota));

        // Groups: 1013 (European Union) from the document's member list; 1006 (UK-Canada re-import) is GB only.
        Assert.True(result.Groups.TryGet("1013", out var eu));
        Assert.Contains(CountryCode.Parse("DE"), eu);
        Assert.Single(schedule.Lookup("0702000007", "DE", March2021).Measures.OfKind(MeasureKind.Preferential));
        Assert.True(result.Groups.TryGet("1006", out var reimport));
        Assert.Equal([CountryCode.Parse("GB")], reimport);

        // VAT 0% under additional code VATZ, kept in the note.
        var vat = Assert.Single(schedule.Lookup("0702000007", "BR", March2021).Measures.OfKind(MeasureKind.Vat)).Measure;
        Assert.Equal("0.00 %", vat.Rate!.Text);
        Assert.Contains("additional code VATZ", vat.Note!, StringComparison.Ordinal);
    }

    [Fact]
    public void Young_bovine_animals_0102291010()
    {
        if (Load("0102291010") is not var (result, schedule))
        {
            return;
        }
        Assert.Equal((7, 2, 5), (result.ImportMeasureCount, result.ExportMeasureCount, result.MeasureCount));
        // 109 (supplementary unit) and 482 (net weight check) are not tariff measures: listed by type, as are both exports.
        Assert.Equal(4, result.Skipped.Count);
        Assert.Contains(result.Skipped, s => s.Reason.StartsWith("measure type 109 (Supplementary unit)", StringComparison.Ordinal));
        Assert.Contains(result.Skipped, s => s.Reason.StartsWith("measure type 482", StringComparison.Ordinal));
        Assert.All(result.Skipped, s => Assert.False(s.IsError));

        var mfn = Assert.Single(schedule.Lookup("0102291010", "AR", March2021).Measures.OfKind(MeasureKind.Mfn)).Measure;
        Assert.Equal("10.20 % + 93.10 EUR / 100 kg", mfn.Rate!.Text);
        // Veterinary control for all third countries except AD CH LI NO SM.
        var veterinary = Assert.Single(schedule.Lookup("0102291010", "AR", March2021).Measures.OfKind(MeasureKind.Certificate),
            c => c.Measure.Note!.StartsWith("410", StringComparison.Ordinal)).Measure;
        Assert.Equal("1008 !AD !CH !LI !NO !SM", veterinary.Origins.Text);
        Assert.Empty(schedule.Lookup("0102291010", "CH", March2021).Measures.OfKind(MeasureKind.Certificate)); // 750 also excludes CH
        Assert.Equal("0.00 %", Assert.Single(schedule.Lookup("0102291010", "AR", March2021).Measures.OfKind(MeasureKind.Vat)).Measure.Rate!.Text);
    }

    [Fact]
    public void Geographical_areas_exchange_rates_and_units_load()
    {
        if (!SharedData.TryGetPath($"{LoaderTestData.UkApiDirectory}/api-geographical-areas.json", output, out var areasPath)
            || !SharedData.TryGetPath($"{LoaderTestData.UkApiDirectory}/api-xi-monetary-exchange-rates.json", output, out var ratesPath)
            || !SharedData.TryGetPath($"{LoaderTestData.UkApiDirectory}/measurement-units.json", output, out var unitsPath))
        {
            return;
        }
        var areas = UkTradeTariffApiLoader.LoadGeographicalAreas(areasPath);
        Assert.Equal(261, areas.Count);
        Assert.Equal("Nepal", areas.DescriptionOf("NP"));
        Assert.Empty(areas.MembersOf("NP")); // this list has countries only: group members come from the commodity documents

        var table = new ExchangeRateTable();
        Assert.Equal(67, UkTradeTariffApiLoader.LoadMonthlyExchangeRates(ratesPath, table));
        Assert.Equal(0.7298m, table.GetRate(Currency.EUR, Currency.GBP, new DateOnly(2016, 1, 31)).ToDecimal());
        Assert.Equal(0.85765m, table.GetRate(Currency.EUR, Currency.GBP, new DateOnly(2021, 6, 30)).ToDecimal());
        Assert.Equal(0.8571m, table.GetRate(Currency.EUR, Currency.GBP, new DateOnly(2021, 7, 31)).ToDecimal()); // the last month runs to its end
        Assert.False(table.TryGetRate(Currency.EUR, Currency.GBP, new DateOnly(2021, 8, 1), out _));
        Assert.False(table.TryGetRate(Currency.EUR, Currency.GBP, new DateOnly(2015, 12, 31), out _));

        var units = UkTradeTariffApiLoader.LoadMeasurementUnits(unitsPath);
        Assert.Equal(72, units.Count);
        Assert.Equal(0.01m, units["DTN"].Multiplier);
        Assert.Equal(["ASV", "HLT"], units["ASVX"].CompoundUnits);
        // Every unit the commodity fixtures' measure components use is in the table.
        foreach (var code in new[] { "7202118000", "0702000007", "0102291010" })
        {
            SharedData.TryGetPath($"{LoaderTestData.UkApiDirectory}/api-commodity-{code}.json", output, out var path);
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
            foreach (var measure in document.RootElement.GetProperty("import_measures").EnumerateArray())
            {
                foreach (var component in measure.GetProperty("measure_components").EnumerateArray())
                {
                    if (component.GetProperty("measurement_unit_code").GetString() is { } unit)
                    {
                        var key = unit + (component.GetProperty("measurement_unit_qualifier_code").GetString() ?? "");
                        Assert.True(units.ContainsKey(key), $"{code}: unit {key} is not in measurement-units.json");
                    }
                }
            }
        }
    }

    [Fact]
    public void Malformed_json_names_the_position()
    {
        var e = Assert.Throws<InputFormatException>(() => UkTradeTariffApiLoader.LoadCommodity(
            new MemoryStream(Encoding.UTF8.GetBytes("{\n  \"goods_nomenclature_item_id\": \"0101210000\",\n  \"import_measures\": [ { \"id\": 1, } ]\n}")),
            "bad.json", TariffSchedule.CreateBuilder("GB")));
        Assert.Equal(("bad.json", 3L), (e.Source, e.Line));
    }

    [Fact]
    public void Strict_mode_throws_on_a_duty_expression_that_does_not_parse()
    {
        const string json = """
            {"goods_nomenclature_item_id": "0101210000", "import_measures": [
              {"id": 7, "measure_type": {"id": "103", "description": "Third country duty"},
               "duty_expression": {"base": "12 parsecs"}, "effective_start_date": "2021-01-01T00:00:00.000Z",
               "geographical_area": {"id": "1011", "description": "ERGA OMNES"}, "excluded_countries": []}]}
            """;
        var e = Assert.Throws<InputFormatException>(() => UkTradeTariffApiLoader.LoadCommodity(new MemoryStream(Encoding.UTF8.GetBytes(json)), "one.json",
            TariffSchedule.CreateBuilder("GB"), UkTradeTariffApiOptions.Default with { Strict = true }));
        Assert.Equal(("one.json", 2L, 3, "12 parsecs"), (e.Source, e.Line, e.Column, e.Value));
    }
}
