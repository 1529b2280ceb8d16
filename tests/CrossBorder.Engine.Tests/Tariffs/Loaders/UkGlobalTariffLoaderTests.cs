using System.Text;
using CrossBorder.Engine.Tariffs;
using CrossBorder.Engine.Tariffs.Loaders;
using CrossBorder.Engine.Text;
using Xunit.Abstractions;
using static CrossBorder.Engine.Tests.Tariffs.TariffTestData;

namespace CrossBorder.Engine.Tests.Tariffs.Loaders;

public class UkGlobalTariffLoaderTests(ITestOutputHelper output)
{
    [Fact]
    public void The_real_file_loads_a_GB_and_an_EU_schedule()
    {
        if (!SharedData.TryGetPath(LoaderTestData.UkgtFile, output, out var path))
        {
            return;
        }
        var gb = TariffSchedule.CreateBuilder("GB");
        var eu = TariffSchedule.CreateBuilder("EU");
        var result = UkGlobalTariffLoader.Load(path, gb, eu);
        output.WriteLine($"rows {result.RowCount}, codes {result.CodeCount}, rate texts {result.RateTextsParsed}/{result.RateTextCount}, GB measures {result.GbMeasureCount}, EU measures {result.EuMeasureCount}, "
            + $"trade remedy {result.TradeRemedyCount}, CET until reviews {result.CetUntilReviewsCount}, suspension {result.SuspensionCount}, quota {result.QuotaCount}");
        Assert.Equal(11830, result.RowCount);
        Assert.Equal(11830, result.CodeCount);
        Assert.Equal(23660, result.RateTextCount);
        Assert.Equal(23660, result.RateTextsParsed);
        Assert.Equal((11830, 11830), (result.GbMeasureCount, result.EuMeasureCount));
        Assert.Equal((87, 67, 1898, 2), (result.TradeRemedyCount, result.CetUntilReviewsCount, result.SuspensionCount, result.QuotaCount));
        Assert.Empty(result.Skipped);

        var gbSchedule = gb.Build();
        var tshirt = Assert.Single(gbSchedule.Lookup("6109.10.00", "CN", new DateOnly(2021, 6, 1)).Measures.OfKind(MeasureKind.Mfn));
        Assert.Equal("12.0%", tshirt.Measure.Rate!.Text);
        Assert.Equal(Gbp(12.00m), tshirt.Measure.DutyOn(Gbp(100m)));
        Assert.Equal(new DateOnly(2021, 1, 1), tshirt.Measure.ValidFrom);
        Assert.Empty(gbSchedule.Lookup("6109.10.00", "CN", new DateOnly(2020, 12, 31)).Measures);

        var euSchedule = eu.Build();
        Assert.Equal("12.0%", Assert.Single(euSchedule.Lookup("6109.10.00", "CN", new DateOnly(2021, 6, 1)).Measures.OfKind(MeasureKind.Mfn)).Measure.Rate!.Text);
        // 0101.29.90: CET 11.5%, UKGT 10.0% ("Simplified").
        var horses = Assert.Single(gbSchedule.Lookup("0101.29.90", "US", new DateOnly(2021, 6, 1)).Measures.OfKind(MeasureKind.Mfn)).Measure;
        Assert.Equal("10.0%", horses.Rate!.Text);
        Assert.Contains("Simplified", horses.Note!, StringComparison.Ordinal);
        Assert.Equal("11.5%", Assert.Single(euSchedule.Lookup("0101.29.90", "US", new DateOnly(2021, 6, 1)).Measures.OfKind(MeasureKind.Mfn)).Measure.Rate!.Text);
    }

    [Fact]
    public void Flags_become_notes_and_a_bad_rate_is_listed()
    {
        const string csv = "commodity,description,cet_duty_rate,ukgt_duty_rate,change,trade_remedy_applies,cet_applies_until_trade_remedy_transition_reviews_concluded,suspension_applies,atq_applies\n"
            + "72021120,Ferro-manganese,2.7%,0.0%,Liberalised,True,False,True,False\n"
            + "72021180,Other,2.7%,two point seven,No change,False,False,False,Maybe\n";
        var gb = TariffSchedule.CreateBuilder("GB");
        var result = UkGlobalTariffLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "ukgt.csv", gb);
        Assert.Equal(2, result.Skipped.Count);
        Assert.Equal(("ukgt.csv", 3L, 4, "two point seven"), (result.Skipped[0].Source, result.Skipped[0].Line, result.Skipped[0].Column, result.Skipped[0].Value));
        Assert.Equal((3L, 9, "Maybe"), (result.Skipped[1].Line, result.Skipped[1].Column, result.Skipped[1].Value));
        Assert.All(result.Skipped, s => Assert.True(s.IsError));
        Assert.Equal(1, result.GbMeasureCount);
        var measure = Assert.Single(gb.Build().MeasuresAt(TariffCode.Parse("72021120")).ToArray());
        Assert.Equal("UK Global Tariff 2021; change from the CET: Liberalised; trade remedy applies; a suspension applies", measure.Note);

        var e = Assert.Throws<InputFormatException>(() => UkGlobalTariffLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "ukgt.csv",
            TariffSchedule.CreateBuilder("GB"), options: UkGlobalTariffOptions.Default with { Strict = true }));
        Assert.Equal((3L, 4), (e.Line, e.Column));
    }
}
