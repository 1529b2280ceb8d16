using System.Text;
using CrossBorder.Engine.Geography;
using CrossBorder.Engine.LandedCost;
using CrossBorder.Engine.Text;

namespace CrossBorder.Engine.Tests.LandedCost;

public class DestinationRulesCsvTests
{
    private static DestinationRuleBook Apply(string csv)
    {
        var book = DestinationRuleBook.CreateDefault();
        DestinationRulesCsv.Apply(book, new MemoryStream(Encoding.UTF8.GetBytes(csv)), "rules.csv", new OriginGroups());
        return book;
    }

    [Fact]
    public void A_de_minimis_row_replaces_the_built_in_threshold_of_its_kind_in_its_window()
    {
        var book = Apply("destination,setting,value,origins,valid_from,valid_to,source\nGB,duty_de_minimis,0.00 GBP,*,2029-03-01,,Autumn Budget 2025\n");
        var gb = book.Get("GB");
        var duty = gb.DeMinimis.Where(r => (r.Relieves & ReliefKind.Duty) != 0).ToList();
        // The new rule comes first; the built-in £135 rule (open-ended) overlaps its window and is dropped for duty.
        Assert.Equal(new Money(0, Currency.GBP), duty[0].Threshold);
        Assert.Equal(new DateOnly(2029, 3, 1), duty[0].ValidFrom);
        Assert.Equal("Autumn Budget 2025", duty[0].Source);
        Assert.DoesNotContain(gb.DeMinimis, r => r.Threshold == new Money(13500, Currency.GBP) && (r.Relieves & ReliefKind.Duty) != 0);
    }

    [Fact]
    public void A_calculator_refuses_a_destination_whose_currency_cannot_carry_an_amount()
    {
        // The pricing loops build amounts of the destination currency without checking it each time: it is checked once.
        var book = DestinationRuleBook.CreateDefault();
        book.Set(book.Get("GB") with { Currency = Currency.FromCode("XAU") });
        var error = Assert.Throws<ArgumentException>(() => LandedCostKit.Calculator("GB,*,*,vat,20%,,,VATA 1994 s. 2", rules: book));
        Assert.Contains("Destination GB", error.Message, StringComparison.Ordinal);
        Assert.Contains("XAU", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Based_on_starts_a_new_destination_and_later_rows_change_it()
    {
        var book = Apply("destination,setting,value\nNZ,based_on,AU\nNZ,currency,NZD\nNZ,de_minimis,1000.00 NZD\nNZ,valuation,FOB\n");
        var nz = book.Get("NZ");
        Assert.Equal("NZ", nz.TariffDestination);
        Assert.Equal(Currency.FromCode("NZD"), nz.Currency);
        Assert.Equal(new Money(100000, Currency.FromCode("NZD")), nz.DeMinimis[0].Threshold);
        Assert.Equal(ValuationBasis.Fob, nz.Valuation);
        // AU itself is unchanged.
        Assert.Equal(Currency.AUD, book.Get("AU").Currency);
    }

    [Theory]
    [InlineData("destination,setting,value\nGB,valuation,DDP\n", 2, 3, "DDP")]
    [InlineData("destination,setting,value\nGB,colour,blue\n", 2, 2, "colour")]
    [InlineData("destination,setting,value\nXX,valuation,CIF\n", 2, 1, "XX")]
    [InlineData("destination,setting,value\n\nGB,de_minimis,135 pounds\n", 3, 3, "135 pounds")]
    public void A_bad_row_names_line_column_and_value(string csv, long line, int column, string value)
    {
        var error = Assert.Throws<InputFormatException>(() => Apply(csv));
        Assert.Equal((line, column, value), (error.Line, error.Column, error.Value));
    }
}
