using System.Text;
using CrossBorder.Engine.Tariffs;
using CrossBorder.Engine.Tariffs.Loaders;
using CrossBorder.Engine.Text;
using Xunit.Abstractions;
using static CrossBorder.Engine.Tests.Tariffs.TariffTestData;

namespace CrossBorder.Engine.Tests.Tariffs.Loaders;

public class Section301LoaderTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_row_of_the_real_list_is_loaded_or_listed()
    {
        if (LoaderTestData.Us(output) is not { } us)
        {
            return;
        }
        var result = us.Section301;
        output.WriteLine($"rows {result.RowCount}, loaded rows {result.LoadedRowCount}, codes {result.CodeCount}, measures {result.MeasureCount}, skipped {result.Skipped.Count}");
        foreach (var group in result.Skipped.GroupBy(s => (s.IsError, s.Reason.Split(':')[0])))
        {
            output.WriteLine($"{group.Count(),5} x {group.First()}");
        }
        Assert.Equal(12223, result.RowCount);
        Assert.Equal(1519, result.Skipped.Count(s => s.Reason.StartsWith("list 4B", StringComparison.Ordinal)));
        Assert.Equal(24, result.Skipped.Count(s => s.Reason.StartsWith("the subheading is not in the tariff", StringComparison.Ordinal)));
        Assert.Equal(389, result.Skipped.Count(s => s.IsError)); // the 2024 review and crane headings: no actions in the table
        Assert.Equal(us.Schedule.MeasureCount, us.HtsOnly.MeasureCount + result.MeasureCount);

        // Every row is loaded for at least one period, or skipped with a reason of its own, or its code is covered
        // by lists that never agree, each period of which is listed.
        SharedData.TryGetPath(LoaderTestData.Section301File, output, out var path);
        var codeOfLine = File.ReadLines(path).Select((text, index) => (Line: index + 1L, Code: text.Split(',')[0])).Skip(1).ToDictionary(r => r.Line, r => r.Code);
        var rowSkips = result.Skipped.Where(s => s.Column != 1 || s.Reason.StartsWith("the subheading is not", StringComparison.Ordinal)).Select(s => s.Line).ToHashSet();
        var ambiguousCodes = result.Skipped.Where(s => s.Column == 1 && s.Reason.StartsWith("from ", StringComparison.Ordinal)).Select(s => s.Value).ToHashSet();
        var notSkipped = codeOfLine.Where(r => !rowSkips.Contains(r.Key)).ToList();
        var ofAmbiguousCodes = notSkipped.Count(r => ambiguousCodes.Contains(r.Value));
        var neither = notSkipped.Count - result.LoadedRowCount;
        Assert.InRange(neither, 0, ofAmbiguousCodes);
        output.WriteLine($"rows loaded in no period (codes on lists that never agree): {neither}");
    }

    [Fact]
    public void List_4A_is_15_percent_then_7_5_percent_on_the_8_digit_code()
    {
        if (LoaderTestData.Us(output) is not { } us)
        {
            return;
        }
        var late = Assert.Single(us.Schedule.Lookup("6109.10.00.12", "CN", new DateOnly(2025, 5, 9)).Measures.OfKind(MeasureKind.Additional));
        Assert.Equal("7.5%", late.Measure.Rate!.Text);
        Assert.Equal(TariffCode.Parse("61091000"), late.AttachedTo);
        Assert.Equal(new DateOnly(2020, 2, 14), late.Measure.ValidFrom);
        Assert.Contains("9903.88.15", late.Measure.Note!, StringComparison.Ordinal);
        Assert.Equal(Usd(75.00m), late.Measure.DutyOn(Usd(1000m)));

        var early = Assert.Single(us.Schedule.Lookup("6109.10.00.12", "CN", new DateOnly(2019, 10, 1)).Measures.OfKind(MeasureKind.Additional));
        Assert.Equal("15%", early.Measure.Rate!.Text);
        Assert.Empty(us.Schedule.Lookup("6109.10.00.12", "CN", new DateOnly(2019, 8, 31)).Measures.OfKind(MeasureKind.Additional));
        Assert.Empty(us.Schedule.Lookup("6109.10.00.12", "HK", new DateOnly(2025, 5, 9)).Measures.OfKind(MeasureKind.Additional));
        // The MFN still comes from the HTS.
        Assert.Equal("16.5%", Assert.Single(us.Schedule.Lookup("6109.10.00.12", "CN", new DateOnly(2025, 5, 9)).Measures.OfKind(MeasureKind.Mfn)).Measure.Rate!.Text);
    }

    [Fact]
    public void List_3_is_10_percent_then_25_percent()
    {
        if (LoaderTestData.Us(output) is not { } us)
        {
            return;
        }
        // 3304.99.50 exists in the HTS only as 3304.99.50.00: the measure sits on the 8-digit prefix.
        var measure = Assert.Single(us.Schedule.Lookup("3304.99.50.00", "CN", new DateOnly(2024, 6, 1)).Measures.OfKind(MeasureKind.Additional));
        Assert.Equal("25%", measure.Measure.Rate!.Text);
        Assert.Equal(TariffCode.Parse("33049950"), measure.AttachedTo);
        Assert.Equal("10%", Assert.Single(us.Schedule.Lookup("3304.99.50.00", "CN", new DateOnly(2019, 5, 9)).Measures.OfKind(MeasureKind.Additional)).Measure.Rate!.Text);
    }

    [Fact]
    public void A_code_only_on_list_4B_gets_nothing()
    {
        if (LoaderTestData.Us(output) is not { } us)
        {
            return;
        }
        Assert.Empty(us.Schedule.Lookup("0502.10.00.00", "CN", new DateOnly(2024, 6, 1)).Measures.OfKind(MeasureKind.Additional));
        Assert.Empty(us.Schedule.Lookup("0502.10.00.00", "CN", new DateOnly(2019, 12, 20)).Measures.OfKind(MeasureKind.Additional));
        Assert.Contains(us.Section301.Skipped, s => s.Value == "05021000 9903.88.16" && !s.IsError);
    }

    [Fact]
    public void A_code_on_two_lists_is_loaded_only_where_they_agree()
    {
        if (LoaderTestData.Us(output) is not { } us)
        {
            return;
        }
        // 8402.90.00 is on list 1 (25% from 2018-07-06) and list 3 (10%, then 25% from 2019-05-10).
        var agreed = Assert.Single(us.Schedule.Lookup("8402.90.00.10", "CN", new DateOnly(2024, 6, 1)).Measures.OfKind(MeasureKind.Additional));
        Assert.Equal("25%", agreed.Measure.Rate!.Text);
        Assert.Equal(new DateOnly(2019, 5, 10), agreed.Measure.ValidFrom);
        Assert.Contains("9903.88.01", agreed.Measure.Note!, StringComparison.Ordinal);
        Assert.Contains("9903.88.03", agreed.Measure.Note!, StringComparison.Ordinal);
        Assert.Empty(us.Schedule.Lookup("8402.90.00.10", "CN", new DateOnly(2018, 12, 1)).Measures.OfKind(MeasureKind.Additional));
        Assert.Contains(us.Section301.Skipped, s => s.Value == "84029000" && s.Reason.StartsWith("from 2018-09-24 to 2019-05-09", StringComparison.Ordinal));
    }

    [Fact]
    public void A_heading_without_actions_is_an_error_in_strict_mode()
    {
        const string csv = "hts8,list,ch99_code\n61091000,4A,9903.88.15\n26020000,biden_25,9903.91.01\n";
        var e = Assert.Throws<InputFormatException>(() => Section301Loader.Load(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "s301.csv",
            TariffSchedule.CreateBuilder("US"), Section301Options.Default with { Strict = true }));
        Assert.Equal(("s301.csv", 3L, 3), (e.Source, e.Line, e.Column));
        Assert.Contains("9903.91.01", e.Reason, StringComparison.Ordinal);

        // With the action supplied, it loads.
        var builder = TariffSchedule.CreateBuilder("US");
        var withAction = Section301Options.Default with
        {
            Strict = true,
            Actions = [.. Section301Action.Defaults, new Section301Action("9903.91.01", "25%", new DateOnly(2024, 9, 27), DateOnly.MaxValue, "test action")],
        };
        var result = Section301Loader.Load(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "s301.csv", builder, withAction);
        Assert.Equal(3, result.MeasureCount);
        Assert.Empty(result.Skipped);
    }
}
