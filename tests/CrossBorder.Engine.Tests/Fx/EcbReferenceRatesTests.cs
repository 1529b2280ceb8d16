using System.Text;
using CrossBorder.Engine.Fx;
using CrossBorder.Engine.Text;
using Xunit.Abstractions;

namespace CrossBorder.Engine.Tests.Fx;

public class EcbReferenceRatesTests(ITestOutputHelper output)
{
    // The ECB layout: newest first, a trailing comma, N/A for a currency not quoted (CYP after 2007).
    private const string Sample =
        "Date,USD,JPY,CYP,GBP,\n" +
        "2024-05-27,1.0843,170.07,N/A,0.8507,\n" +
        "2024-05-24,1.0840,170.28,N/A,0.85241,\n" +
        "2024-05-23,1.0854,169.9,N/A,0.85175,\n" +
        "2024-05-22,1.0830,169.54,N/A,0.85165,\n" +
        "2024-05-21,1.0864,169.86,0.5823,0.8544,\n";

    private static ExchangeRateTable Load(string csv, string name = "sample.csv") =>
        EcbReferenceRates.Load(new MemoryStream(Encoding.UTF8.GetBytes(csv)), name);

    private static ExchangeRate Eur(Currency quote, decimal rate) => ExchangeRate.FromDecimal(Currency.EUR, quote, rate);

    [Fact]
    public void Inline_sample_loads_every_quoted_rate()
    {
        var table = Load(Sample);

        Assert.Equal(Currency.EUR, table.Pivot);
        Assert.Equal(16, table.Count); // 5 days × USD, JPY, GBP + CYP on one day
        Assert.Equal(Eur(Currency.USD, 1.0830m), table.GetRate(Currency.EUR, Currency.USD, new DateOnly(2024, 5, 22)));
        Assert.Equal(Eur(Currency.JPY, 169.54m), table.GetRate(Currency.EUR, Currency.JPY, new DateOnly(2024, 5, 22)));
        Assert.Equal(Eur(Currency.GBP, 0.85165m), table.GetRate(Currency.EUR, Currency.GBP, new DateOnly(2024, 5, 22)));
        Assert.Equal(Eur(Currency.FromCode("CYP"), 0.5823m), table.GetRate(Currency.EUR, Currency.FromCode("CYP"), new DateOnly(2024, 5, 21)));
    }

    [Fact]
    public void A_rate_stays_in_force_until_the_next_publication()
    {
        var table = Load(Sample);

        // Friday 24 May is in force on Saturday 25 and Sunday 26; Monday 27 replaces it.
        Assert.Equal(Eur(Currency.USD, 1.0840m), table.GetRate(Currency.EUR, Currency.USD, new DateOnly(2024, 5, 25)));
        Assert.Equal(Eur(Currency.USD, 1.0840m), table.GetRate(Currency.EUR, Currency.USD, new DateOnly(2024, 5, 26)));
        Assert.Equal(Eur(Currency.USD, 1.0843m), table.GetRate(Currency.EUR, Currency.USD, new DateOnly(2024, 5, 27)));
        Assert.True(table.TryGetWindowStart(Currency.EUR, Currency.USD, new DateOnly(2024, 5, 26), out var start));
        Assert.Equal(new DateOnly(2024, 5, 24), start);
    }

    [Fact]
    public void The_newest_rate_is_in_force_on_its_own_day_only_and_nothing_before_the_oldest()
    {
        var table = Load(Sample);

        Assert.Throws<MissingExchangeRateException>(() => table.GetRate(Currency.EUR, Currency.USD, new DateOnly(2024, 5, 28)));
        Assert.Throws<MissingExchangeRateException>(() => table.GetRate(Currency.EUR, Currency.USD, new DateOnly(2024, 5, 20)));
    }

    [Fact]
    public void NA_cells_are_missing_rates()
    {
        var table = Load(Sample);

        Assert.False(table.TryGetRate(Currency.EUR, Currency.FromCode("CYP"), new DateOnly(2024, 5, 22), out _));
    }

    [Fact]
    public void Cross_and_inverse_rates_come_from_the_EUR_rates()
    {
        var table = Load(Sample);

        // USD→GBP on 22 May 2024: 1000/1083 × 17033/20000 = 17033/21660
        var rate = table.GetRate(Currency.USD, Currency.GBP, new DateOnly(2024, 5, 22));
        Assert.Equal(17033, rate.Numerator);
        Assert.Equal(21660, rate.Denominator);
        Assert.Equal(Eur(Currency.USD, 1.0830m).Inverse(), table.GetRate(Currency.USD, Currency.EUR, new DateOnly(2024, 5, 22)));
    }

    [Fact]
    public void Rows_in_any_order_and_blank_lines_are_accepted()
    {
        var table = Load("Date,USD\n\n2024-05-21,1.0864\n2024-05-23,1.0854\n2024-05-22,1.0830\n");

        Assert.Equal(Eur(Currency.USD, 1.0830m), table.GetRate(Currency.EUR, Currency.USD, new DateOnly(2024, 5, 22)));
        Assert.Equal(Eur(Currency.USD, 1.0864m), table.GetRate(Currency.EUR, Currency.USD, new DateOnly(2024, 5, 21)));
    }

    [Fact]
    public void LoadInto_adds_to_an_existing_table()
    {
        var table = new ExchangeRateTable();
        table.Add(ExchangeRate.FromDecimal(Currency.EUR, Currency.CHF, 0.98m), new DateOnly(2024, 5, 22));

        EcbReferenceRates.LoadInto(table, new MemoryStream(Encoding.UTF8.GetBytes("Date,USD,\n2024-05-22,1.0830,\n")), "x.csv");

        Assert.Equal(2, table.Count);
        Assert.Equal(Eur(Currency.USD, 1.0830m), table.GetRate(Currency.EUR, Currency.USD, new DateOnly(2024, 5, 22)));
    }

    [Theory]
    // a bad rate: line 3 (the second data row), column 3 (JPY)
    [InlineData("Date,USD,JPY,\n2024-05-23,1.0854,169.9,\n2024-05-22,1.0830,169x54,\n", 3, 3, "169x54")]
    [InlineData("Date,USD,JPY,\n2024-05-22,1.08.30,169.54,\n", 2, 2, "1.08.30")]
    [InlineData("Date,USD,JPY,\n2024-05-22,abc,169.54,\n", 2, 2, "abc")]
    [InlineData("Date,USD,\n2024-05-22,1.123456789,\n", 2, 2, "1.123456789")]
    [InlineData("Date,USD,\n2024-05-22,0,\n", 2, 2, "0")]
    [InlineData("Date,USD,\n2024-05-22,-1.08,\n", 2, 2, "-1.08")]
    // a bad date
    [InlineData("Date,USD,\n2024-05-22,1.0830,\n2024-13-01,1.0830,\n", 3, 1, "2024-13-01")]
    [InlineData("Date,USD,\n22.05.2024,1.0830,\n", 2, 1, "22.05.2024")]
    // a bad header
    [InlineData("Date,USD,ABC,\n2024-05-22,1.0830,1,\n", 1, 3, "ABC")]
    [InlineData("Day,USD,\n2024-05-22,1.0830,\n", 1, 1, "Day")]
    // the same date twice: the second occurrence is named
    [InlineData("Date,USD,\n2024-05-22,1.0830,\n2024-05-22,1.0831,\n", 3, 1, "2024-05-22")]
    public void Bad_input_names_the_line_column_and_value(string csv, long line, int column, string value)
    {
        var ex = Assert.Throws<InputFormatException>(() => Load(csv, "rates.csv"));

        Assert.Equal("rates.csv", ex.Source);
        Assert.Equal(line, ex.Line);
        Assert.Equal(column, ex.Column);
        Assert.Equal(value, ex.Value);
        Assert.StartsWith($"rates.csv({line},{column})", ex.Message, StringComparison.Ordinal);
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_an_error()
    {
        var ex = Assert.Throws<InputFormatException>(() => Load("", "empty.csv"));

        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void Real_history_loads_and_matches_published_rates()
    {
        if (!SharedData.TryGetPath(RealEcbHistory.RelativePath, output, out var path))
        {
            return;
        }
        var table = RealEcbHistory.Load(path);

        // First and last rows of the file, and a day when CYP was still quoted.
        Assert.Equal(Eur(Currency.USD, 1.1789m), table.GetRate(Currency.EUR, Currency.USD, new DateOnly(1999, 1, 4)));
        Assert.Equal(Eur(Currency.USD, 1.1252m), table.GetRate(Currency.EUR, Currency.USD, new DateOnly(2025, 5, 9)));
        Assert.Equal(Eur(Currency.FromCode("CYP"), 0.5751m), table.GetRate(Currency.EUR, Currency.FromCode("CYP"), new DateOnly(2005, 6, 1)));
        Assert.False(table.TryGetRate(Currency.EUR, Currency.FromCode("CYP"), new DateOnly(2024, 5, 22), out _));
        Assert.False(table.TryGetRate(Currency.EUR, Currency.USD, new DateOnly(1998, 12, 31), out _));
        Assert.False(table.TryGetRate(Currency.EUR, Currency.USD, new DateOnly(2025, 5, 12), out _));
        Assert.True(table.Count > 100_000, $"expected more than 100,000 rates, loaded {table.Count}");
    }
}

/// <summary>The real ECB history from ../shared, loaded once for all the tests that read it.</summary>
internal static class RealEcbHistory
{
    public const string RelativePath = "data/fx/ecb-eurofxref-hist.csv";

    private static readonly Lock s_lock = new();
    private static ExchangeRateTable? s_table;

    public static ExchangeRateTable Load(string path)
    {
        lock (s_lock)
        {
            return s_table ??= EcbReferenceRates.Load(path);
        }
    }
}
