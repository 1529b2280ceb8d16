using System.Text;
using CrossBorder.Engine.Geography;
using CrossBorder.Engine.Tariffs;
using CrossBorder.Engine.Text;

namespace CrossBorder.Engine.Tests.Tariffs;

/// <summary>Schedules loaded from the canonical tariff CSV: per-kind longest prefix, fallbacks, dates, origins.</summary>
public class TariffScheduleTests
{
    private const string Header = "destination,code,origin,measure,rate,valid_from,valid_to,note\n";

    private static TariffSchedules Load(string rows)
    {
        var schedules = new TariffSchedules();
        CanonicalTariffLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(Header + rows)), "inline.csv", new OriginGroups(), schedules);
        return schedules;
    }

    private static readonly CountryCode Cn = CountryCode.Parse("CN");
    private static readonly CountryCode Us = CountryCode.Parse("US");

    private static (TariffMatch Match, AppliedMeasure[] Measures) Lookup(TariffSchedule schedule, string code, CountryCode origin, DateOnly date, int capacity = 16)
    {
        var measures = new AppliedMeasure[capacity];
        var match = schedule.Lookup(code.AsSpan(), origin, date, measures);
        return (match, measures[..match.MeasureCount]);
    }

    private const string Gb = """
        GB,*,*,vat,20%,2011-01-04,,VATA 1994 s. 2
        GB,07,*,vat,0%,,,zero-rated food (chapter 07)
        GB,0702000007,*,mfn,8.00 %,,,UKGT tomatoes
        GB,0702000007,MA,preferential,0.00 %,,,UK-Morocco
        GB,0702,*,mfn,14.00 %,,,a heading rate the line overrides
        GB,070200,*,licence,,,,
        """;

    [Fact]
    public void Each_kind_comes_from_the_deepest_prefix_that_has_it()
    {
        var schedule = Load(Gb).Get("GB");
        var (match, measures) = Lookup(schedule, "0702.00.00.07", Cn, new DateOnly(2024, 6, 3));
        Assert.True(match.IsExact);
        Assert.Equal(TariffCode.Parse("0702000007"), match.Matched);
        // MFN from the 10-digit line (not the heading's 14%), the licence from the 6-digit subheading, VAT 0% from
        // chapter 07 (not the destination-wide 20%); no preference for CN.
        Assert.Equal(
            [(MeasureKind.Mfn, "8.00 %", "0702000007"), (MeasureKind.Licence, "", "070200"), (MeasureKind.Vat, "0%", "07")],
            measures.Select(m => (m.Measure.Kind, m.Measure.Rate?.Text ?? "", m.AttachedTo.ToString())));
        var (_, fromMorocco) = Lookup(schedule, "0702000007", CountryCode.Parse("MA"), new DateOnly(2024, 6, 3));
        Assert.Contains(fromMorocco, m => m.Measure.Kind == MeasureKind.Preferential);
    }

    [Fact]
    public void An_unlisted_code_falls_back_to_its_nearest_listed_ancestor()
    {
        var schedule = Load(Gb).Get("GB");
        var (match, measures) = Lookup(schedule, "0702000099", Cn, new DateOnly(2024, 6, 3));
        Assert.True(match.Found);
        Assert.False(match.IsExact);
        Assert.Equal(TariffCode.Parse("070200"), match.Matched);
        Assert.Equal("14.00 %", measures.Single(m => m.Measure.Kind == MeasureKind.Mfn).Measure.Rate!.Text);
    }

    [Fact]
    public void A_code_outside_every_listed_prefix_still_gets_the_destination_wide_measures()
    {
        var schedule = Load(Gb).Get("GB");
        var (match, measures) = Lookup(schedule, "6403999300", Cn, new DateOnly(2024, 6, 3));
        Assert.False(match.Found);
        Assert.True(match.Matched.IsEmpty);
        var vat = Assert.Single(measures);
        Assert.Equal("20%", vat.Measure.Rate!.Text);
        Assert.True(vat.AttachedTo.IsEmpty);
        // Before the 20% rate was in force, nothing applies.
        Assert.Empty(Lookup(schedule, "6403999300", Cn, new DateOnly(2010, 12, 31)).Measures);
    }

    [Fact]
    public void Dated_measures_apply_only_in_their_window()
    {
        var schedule = Load("""
            DE,*,*,vat,19%,2021-01-01,,UStG s. 12(1)
            DE,*,*,vat,16%,2020-07-01,2020-12-31,UStG s. 28(1) temporary reduction
            DE,*,*,vat,19%,,2020-06-30,UStG s. 12(1)
            """).Get("DE");
        string Vat(DateOnly date) => Lookup(schedule, "6109100010", Us, date).Measures.Single().Measure.Rate!.Text;
        Assert.Equal("19%", Vat(new DateOnly(2020, 6, 30)));
        Assert.Equal("16%", Vat(new DateOnly(2020, 7, 1)));
        Assert.Equal("16%", Vat(new DateOnly(2020, 12, 31)));
        Assert.Equal("19%", Vat(new DateOnly(2021, 1, 1)));
    }

    [Fact]
    public void Origins_with_exclusions_select_the_measures()
    {
        var schedule = Load("""
            US,6109,*,mfn,16.5%,,,
            US,6109,CN,additional,7.5%,2020-02-14,,Section 301
            US,6109,* !CA !MX,safeguard,10%,,,hypothetical
            """).Get("US");
        var date = new DateOnly(2024, 6, 3);
        Assert.Equal([MeasureKind.Mfn, MeasureKind.Additional, MeasureKind.Safeguard], Lookup(schedule, "6109100012", Cn, date).Measures.Select(m => m.Measure.Kind));
        Assert.Equal([MeasureKind.Mfn], Lookup(schedule, "6109100012", CountryCode.Parse("MX"), date).Measures.Select(m => m.Measure.Kind));
        // An unknown origin is covered only by an erga omnes set without exclusions.
        Assert.Equal([MeasureKind.Mfn], Lookup(schedule, "6109100012", default, date).Measures.Select(m => m.Measure.Kind));
    }

    [Fact]
    public void A_span_too_small_reports_truncation()
    {
        var schedule = Load(Gb).Get("GB");
        var (match, measures) = Lookup(schedule, "0702000007", Cn, new DateOnly(2024, 6, 3), capacity: 2);
        Assert.True(match.Truncated);
        Assert.Equal(2, measures.Length);
        Assert.Equal(2, match.MeasureCount);
    }

    [Fact]
    public void Counts_and_listing()
    {
        var schedule = Load(Gb).Get("GB");
        Assert.Equal(6, schedule.MeasureCount);
        Assert.Equal(4, schedule.CodeCount); // 07, 0702, 070200, 0702000007
        Assert.True(schedule.IsListed(TariffCode.Parse("070200")));
        Assert.False(schedule.IsListed(TariffCode.Parse("0702000099")));
        Assert.Equal(2, schedule.MeasuresAt(TariffCode.Parse("0702000007")).Length);
        Assert.Equal(1, schedule.MeasuresAt(default).Length);
    }

    [Fact]
    public void A_bad_code_in_a_lookup_names_the_code_and_the_schedule()
    {
        var schedule = Load(Gb).Get("GB");
        var error = Assert.Throws<FormatException>(() => schedule.Lookup("07x2".AsSpan(), Cn, new DateOnly(2024, 6, 3), new AppliedMeasure[4]));
        Assert.Contains("'07x2'", error.Message, StringComparison.Ordinal);
        Assert.Contains("GB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_rate_in_the_csv_names_the_line_and_the_column()
    {
        var error = Assert.Throws<InputFormatException>(() => Load("GB,6403,*,mfn,8.00 %,,,\nGB,6404,*,mfn,eight percent,,,\n"));
        Assert.Equal(3, error.Line);
        Assert.Equal(5, error.Column);
    }

    [Fact]
    public void The_default_tariff_of_the_repository_loads_and_keeps_reduced_vat_rates()
    {
        var path = RepositoryFile("data/tariffs/default-tariff.csv");
        var schedules = new TariffSchedules();
        CanonicalTariffLoader.Load(path, new OriginGroups(), schedules);
        var date = new DateOnly(2024, 6, 3);
        string Rate(string destination, string code, MeasureKind kind) =>
            Lookup(schedules.Get(destination), code, Cn, date).Measures.Single(m => m.Measure.Kind == kind).Measure.Rate!.Text;
        Assert.Equal("7%", Rate("DE", "4901990000", MeasureKind.Vat));
        Assert.Equal("19%", Rate("DE", "6109100010", MeasureKind.Vat));
        Assert.Equal("12.00 %", Rate("EU", "6109100010", MeasureKind.Mfn));
        Assert.Equal("0%", Rate("GB", "4901990000", MeasureKind.Vat));
        Assert.Equal("7.5%", Rate("US", "6109100012", MeasureKind.Additional));
    }

    private static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrossBorder.Engine.sln")))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }
        throw new InvalidOperationException("The repository root (CrossBorder.Engine.sln) was not found above " + AppContext.BaseDirectory);
    }
}
