using System.Text;
using CrossBorder.Engine.Tariffs;
using CrossBorder.Engine.Tariffs.Loaders;
using CrossBorder.Engine.Text;
using Xunit.Abstractions;
using static CrossBorder.Engine.Tests.Tariffs.TariffTestData;

namespace CrossBorder.Engine.Tests.Tariffs.Loaders;

public class HtsCsvLoaderTests(ITestOutputHelper output)
{
    private static readonly DateOnly Mid2024 = new(2024, 6, 1);

    [Fact]
    public void Every_row_of_the_real_file_is_loaded_counted_or_listed()
    {
        if (LoaderTestData.Us(output) is not { } us)
        {
            return;
        }
        var hts = us.Hts;
        output.WriteLine($"rows {hts.RowCount}, codes {hts.CodeCount}, headings {hts.HeadingRowCount}, rate texts {hts.RateTextsParsed}/{hts.RateTextCount}, measures {hts.MeasureCount}");
        foreach (var skipped in hts.Skipped)
        {
            output.WriteLine(skipped.ToString());
        }
        foreach (var program in hts.SkippedPrograms)
        {
            output.WriteLine(program.ToString());
        }

        Assert.Equal(35744, hts.RowCount);
        Assert.Equal(29743, hts.CodeCount);
        Assert.Equal(6001, hts.HeadingRowCount);
        Assert.Equal(hts.RowCount, hts.CodeCount + hts.HeadingRowCount + hts.Skipped.Count(s => s.Column == 1));
        Assert.Equal(29743, us.HtsOnly.CodeCount);
        Assert.Equal(hts.MeasureCount, us.HtsOnly.MeasureCount);

        // Every rate text is parsed or listed: the 11 left are the printing errors and the watch-movement rates of
        // docs/rate-expression-coverage.md.
        Assert.Equal(37214, hts.RateTextCount);
        Assert.Equal(hts.RateTextCount, hts.RateTextsParsed + hts.Skipped.Count(s => s.IsError && s.Reason.Contains("does not parse", StringComparison.Ordinal)));
        Assert.Equal(11, hts.RateTextCount - hts.RateTextsParsed);
        Assert.All(hts.Skipped, s => Assert.True(s.IsError));

        // Program indicators that are not origins are reported, with counts.
        var programs = hts.SkippedPrograms.ToDictionary(p => p.Program);
        Assert.Equal(["(none)", "A*", "B", "C", "E*", "J", "J*", "K", "L"], programs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(191, programs["C"].Occurrences);
        Assert.Equal(1082, programs["A*"].Occurrences);
        Assert.All(hts.SkippedPrograms, p => Assert.False(p.IsError));
    }

    [Fact]
    public void A_statistical_line_inherits_the_rate_of_its_8_digit_line()
    {
        if (LoaderTestData.Us(output) is not { } us)
        {
            return;
        }
        var (match, measures) = us.Schedule.Lookup("6109.10.00.12", "DE", Mid2024);
        Assert.Equal(TariffCode.Parse("6109100012"), match.Matched);
        Assert.True(match.IsExact);
        var mfn = Assert.Single(measures.OfKind(MeasureKind.Mfn));
        Assert.Equal(TariffCode.Parse("61091000"), mfn.AttachedTo);
        Assert.Equal("16.5%", mfn.Measure.Rate!.Text);
        Assert.Equal(Usd(165.00m), mfn.Measure.DutyOn(Usd(1000m)));
        Assert.Equal("hts-2024-basic-edition.csv:16166", mfn.Measure.Source);
        Assert.Equal(["doz.", "kg"], us.Hts.UnitsOf(TariffCode.Parse("6109100012")));
        Assert.Empty(measures.OfKind(MeasureKind.Additional)); // not from China
    }

    [Fact]
    public void A_10_digit_line_with_its_own_rate_carries_it()
    {
        if (LoaderTestData.Us(output) is not { } us)
        {
            return;
        }
        // 0101.30.00.00 Asses: 6.8%, Free (A+,AU,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG), Column 2 15%.
        var (_, au) = us.Schedule.Lookup("0101.30.00.00", "AU", Mid2024);
        var preference = Assert.Single(au.OfKind(MeasureKind.Preferential));
        Assert.True(preference.Measure.Rate!.IsFree);
        Assert.Equal(TariffCode.Parse("0101300000"), preference.AttachedTo);
        Assert.Contains("AU", preference.Measure.Note!, StringComparison.Ordinal);
        Assert.Equal("6.8%", Assert.Single(au.OfKind(MeasureKind.Mfn)).Measure.Rate!.Text);
        Assert.Equal(["No."], us.Hts.UnitsOf(TariffCode.Parse("0101300000")));

        // CAFTA-DR (P) for Costa Rica only from 2009-01-01.
        Assert.Single(us.Schedule.Lookup("0101.30.00.00", "CR", new DateOnly(2009, 1, 1)).Measures.OfKind(MeasureKind.Preferential));
        Assert.Empty(us.Schedule.Lookup("0101.30.00.00", "CR", new DateOnly(2008, 12, 31)).Measures.OfKind(MeasureKind.Preferential));
    }

    [Fact]
    public void Column_2_countries_get_the_column_2_rate_and_Russia_from_2022_04_09()
    {
        if (LoaderTestData.Us(output) is not { } us)
        {
            return;
        }
        string Mfn(string origin, DateOnly date) => Assert.Single(us.Schedule.Lookup("0101.30.00.00", origin, date).Measures.OfKind(MeasureKind.Mfn)).Measure.Rate!.Text;
        Assert.Equal("15%", Mfn("CU", Mid2024));
        Assert.Equal("15%", Mfn("KP", Mid2024));
        Assert.Equal("15%", Mfn("RU", Mid2024));
        Assert.Equal("15%", Mfn("BY", new DateOnly(2022, 4, 9)));
        Assert.Equal("6.8%", Mfn("RU", new DateOnly(2022, 4, 8)));
        Assert.Equal("6.8%", Mfn("CN", Mid2024));
        Assert.Empty(us.Schedule.Lookup("0101.30.00.00", "CU", Mid2024).Measures.OfKind(MeasureKind.Preferential));
    }

    [Fact]
    public void GSP_measures_end_on_2020_12_31_and_AGOA_is_dated()
    {
        if (LoaderTestData.Us(output) is not { } us)
        {
            return;
        }
        // Nepal is a least-developed GSP beneficiary (A+) and not in any other program of 0101.30.00.00.
        var gsp = Assert.Single(us.Schedule.Lookup("0101.30.00.00", "NP", new DateOnly(2020, 12, 31)).Measures.OfKind(MeasureKind.Preferential));
        Assert.Equal(new DateOnly(2020, 12, 31), gsp.Measure.ValidTo);
        Assert.Contains("A+", gsp.Measure.Note!, StringComparison.Ordinal);
        Assert.Empty(us.Schedule.Lookup("0101.30.00.00", "NP", new DateOnly(2021, 1, 1)).Measures.OfKind(MeasureKind.Preferential));
        // Kenya: AGOA (D) from 2024-01-01 to 2025-09-30; before that only GSP (A+ does not cover Kenya).
        Assert.Single(us.Schedule.Lookup("0101.30.00.00", "KE", Mid2024).Measures.OfKind(MeasureKind.Preferential));
        Assert.Empty(us.Schedule.Lookup("0101.30.00.00", "KE", new DateOnly(2025, 10, 1)).Measures.OfKind(MeasureKind.Preferential));
    }

    [Fact]
    public void Chapter_99_lines_are_listed_with_their_texts_but_carry_no_measure()
    {
        if (LoaderTestData.Us(output) is not { } us)
        {
            return;
        }
        Assert.True(us.Hts.TryGetLine(TariffCode.Parse("99038815"), out var line));
        Assert.True(line.IsChapter99);
        Assert.Equal("The duty provided in the applicable subheading + 7.5%", line.GeneralText);
        Assert.NotNull(line.General);
        Assert.True(us.HtsOnly.IsListed(TariffCode.Parse("99038815")));
        Assert.True(us.HtsOnly.MeasuresAt(TariffCode.Parse("99038815")).IsEmpty);
        Assert.Equal(3350, us.Hts.Chapter99.Count());
        Assert.True(us.Hts.TryGetLine(TariffCode.Parse("99040208"), out var nil));
        Assert.True(nil.AdditionalDuties!.IsFree); // "No additional duty"
    }

    [Fact]
    public void Units_lose_their_markup_but_keep_it_in_the_raw_text()
    {
        const string csv = "\uFEFFHTS Number,Indent,Description,Unit of Quantity,General Rate of Duty,Special Rate of Duty,Column 2 Rate of Duty,Quota Quantity,Additional Duties\n"
            + "\"4410.11.00\",\"2\",\"Particleboard\",\"[\"\"m<sup>3<\\/sup>\"\",\"\"<u>kg<\\/u>\"\"]\",\"Free\",\"\",\"25%\",\"\",\"\"\n";
        var builder = TariffSchedule.CreateBuilder("US");
        var hts = HtsCsvLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "mini.csv", builder, LoaderTestData.Programs);
        Assert.Equal(["m³", "kg"], hts.UnitsOf(TariffCode.Parse("44101100")));
        Assert.Contains("<u>kg", hts.Lines[0].UnitsText, StringComparison.Ordinal);
        Assert.Empty(hts.Skipped);
    }

    [Fact]
    public void A_rate_that_does_not_parse_is_listed_and_the_rest_of_the_row_loads()
    {
        var csv = Header + "\"0101.21.00\",\"2\",\"Purebred\",\"\",\"12 percent-ish\",\"Free (AU)\",\"20%\",\"\",\"\"\n";
        var builder = TariffSchedule.CreateBuilder("US");
        var hts = HtsCsvLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "mini.csv", builder, LoaderTestData.Programs);
        var skipped = Assert.Single(hts.Skipped);
        Assert.Equal(("mini.csv", 2L, 5, "12 percent-ish"), (skipped.Source, skipped.Line, skipped.Column, skipped.Value));
        Assert.True(skipped.IsError);
        var schedule = builder.Build();
        Assert.Empty(schedule.Lookup("0101.21.00", "DE", Mid2024).Measures.OfKind(MeasureKind.Mfn)); // no MFN, not a zero one
        Assert.Single(schedule.Lookup("0101.21.00", "AU", Mid2024).Measures.OfKind(MeasureKind.Preferential));
        Assert.Equal("20%", Assert.Single(schedule.Lookup("0101.21.00", "CU", Mid2024).Measures.OfKind(MeasureKind.Mfn)).Measure.Rate!.Text);
    }

    [Fact]
    public void Strict_mode_throws_naming_file_line_column_value_and_reason()
    {
        var csv = Header + "\"0101.21.00\",\"2\",\"Purebred\",\"\",\"Free\",\"\",\"Free\",\"\",\"\"\n"
            + "\"0101.29.00\",\"2\",\"Other\",\"\",\"Free\",\"Free (ZZ)\",\"20%\",\"\",\"\"\n";
        var e = Assert.Throws<InputFormatException>(() => HtsCsvLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "mini.csv",
            TariffSchedule.CreateBuilder("US"), LoaderTestData.Programs, HtsLoadOptions.Default with { Strict = true }));
        Assert.Equal(("mini.csv", 3L, 6, "ZZ"), (e.Source, e.Line, e.Column, e.Value));
        Assert.Contains("not in the special program table", e.Reason, StringComparison.Ordinal);

        // Lenient: the unknown indicator is reported as an error, the row's other measures load.
        var hts = HtsCsvLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "mini.csv", TariffSchedule.CreateBuilder("US"), LoaderTestData.Programs);
        Assert.True(Assert.Single(hts.SkippedPrograms).IsError);
        Assert.Equal(8, hts.MeasureCount);
    }

    [Fact]
    public void The_load_window_drops_programs_that_ended_before_it()
    {
        var csv = Header + "\"0101.30.00.00\",\"1\",\"Asses\",\"[\"\"No.\"\"]\",\"6.8%\",\"Free (A+,AU)\",\"15%\",\"\",\"\"\n";
        var builder = TariffSchedule.CreateBuilder("US");
        var hts = HtsCsvLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "mini.csv", builder, LoaderTestData.Programs,
            HtsLoadOptions.Default with { ValidFrom = new DateOnly(2024, 1, 1) });
        var gsp = Assert.Single(hts.SkippedPrograms);
        Assert.Equal("A+", gsp.Program);
        Assert.Contains("not in force in the load window", gsp.Reason, StringComparison.Ordinal);
        var schedule = builder.Build();
        Assert.All(schedule.MeasuresAt(TariffCode.Parse("0101300000")).ToArray(), m => Assert.True(m.ValidFrom >= new DateOnly(2024, 1, 1)));
        Assert.Empty(schedule.Lookup("0101.30.00.00", "DE", new DateOnly(2023, 12, 31)).Measures);
    }

    [Fact]
    public void A_bad_header_is_an_input_format_exception()
    {
        var e = Assert.Throws<InputFormatException>(() => HtsCsvLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes("HTS Number,Description\n")), "bad.csv",
            TariffSchedule.CreateBuilder("US"), LoaderTestData.Programs));
        Assert.Equal(1, e.Line);
        Assert.Contains("General Rate of Duty", e.Reason, StringComparison.Ordinal);
    }

    private const string Header = "HTS Number,Indent,Description,Unit of Quantity,General Rate of Duty,Special Rate of Duty,Column 2 Rate of Duty,Quota Quantity,Additional Duties\n";
}
