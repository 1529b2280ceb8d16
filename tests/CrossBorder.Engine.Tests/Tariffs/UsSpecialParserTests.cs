using CrossBorder.Engine.Tariffs;
using static CrossBorder.Engine.Tests.Tariffs.TariffTestData;

namespace CrossBorder.Engine.Tests.Tariffs;

public class UsSpecialParserTests
{
    [Fact]
    public void Free_for_a_list_of_programs()
    {
        var rates = DutyExpressionParser.ParseUsSpecial("Free (A+,AU,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG)");
        var group = Assert.Single(rates);
        Assert.True(group.Rate.IsFree);
        Assert.Equal(["A+", "AU", "BH", "CL", "CO", "D", "E", "IL", "JO", "KR", "MA", "OM", "P", "PA", "PE", "S", "SG"], group.Programs);
    }

    [Fact]
    public void Several_rate_groups()
    {
        var rates = DutyExpressionParser.ParseUsSpecial("Free (A,AU,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG) 3.5% (JP)");
        Assert.Equal(2, rates.Count);
        Assert.True(rates[0].Rate.IsFree);
        Assert.Equal(["JP"], rates[1].Programs);
        // 3.5% of $1,000 for Japan.
        Assert.Equal(Usd(35m), rates[1].Rate.Duty(Usd(1_000m)));
    }

    [Fact]
    public void Groups_with_specific_rates_and_cross_references()
    {
        var rates = DutyExpressionParser.ParseUsSpecial(
            "Free (BH,CL,CO,JO,KR,MA,OM,PE,SG) 16.4¢/kg (P) 21.9¢/kg (PA) See 9822.04.10 (AU) See 9823.03.01-9823.03.12 (S+) "
            + "See 9908.04.01 (IL) See 9915.04.05, 9915.04.06, 9915.04.12 (P+)");
        Assert.Equal(7, rates.Count);
        Assert.Equal(Usd(164m), rates[1].Rate.Duty(Usd(1m), Quantities((QuantityKind.NetMass, 1_000m))));
        Assert.Equal("See 9822.04.10", rates[3].Rate.Nodes[0].Name);
        Assert.Equal(DutyNodeKind.ReferencedDuty, rates[3].Rate.Nodes[0].Kind);
        Assert.Equal("See 9823.03.01-9823.03.12", rates[4].Rate.Nodes[0].Name);
        Assert.Equal(["S+"], rates[4].Programs);
        Assert.Equal("See 9915.04.05, 9915.04.06, 9915.04.12", rates[6].Rate.Nodes[0].Name);
    }

    [Fact]
    public void Spacing_line_breaks_and_empty_entries_in_program_lists()
    {
        var rates = DutyExpressionParser.ParseUsSpecial("Free \n(A+, AU, BH,CL, CO, D, E, IL,JO, KR, MA, OM,P, PA, PE, S, SG)");
        Assert.Equal(17, Assert.Single(rates).Programs.Count);
        Assert.Equal(18, Assert.Single(DutyExpressionParser.ParseUsSpecial("Free(A+,AU,BH,,CL,CO,D,E,IL,JO,KR,L,MA,,OM,P,PA,PE, S, SG)")).Programs.Count);
        // "E IL": a missing comma.
        Assert.Contains("IL", Assert.Single(DutyExpressionParser.ParseUsSpecial("Free (A*,AU,BH,CL,CO,D,E IL,JO)")).Programs);
    }

    [Fact]
    public void Chapter_99_special_rates()
    {
        var rates = DutyExpressionParser.ParseUsSpecial("The duty provided in the applicable subheading + 10% (AU,BH,CA,CL,CO,E,IL,JO,KR,MA,MX,OM,P,PA,PE,SG)");
        Assert.Equal("applicable subheading", Assert.Single(rates).Rate.Nodes[0].Name);
        // A rate without a program list.
        var noPrograms = Assert.Single(DutyExpressionParser.ParseUsSpecial("Free, under the terms of U.S. note 1(b) to this subchapter"));
        Assert.Empty(noPrograms.Programs);
        Assert.Equal("under the terms of U.S. note 1(b) to this subchapter", noPrograms.Rate.Remarks);
    }

    [Fact]
    public void No_change_and_notes()
    {
        var rates = DutyExpressionParser.ParseUsSpecial("No change (A) Free (CA,IL, MX) See U.S. note 3 to this sub- chapter (E) See U.S. note 3(e) (CO,PE)");
        Assert.Equal(4, rates.Count);
        Assert.Equal("no change", rates[0].Rate.Nodes[0].Name);
        Assert.Equal(["CA", "IL", "MX"], rates[1].Programs);
        Assert.Equal("See U.S. note 3 to this subchapter", rates[2].Rate.Nodes[0].Name);
        Assert.Equal("See U.S. note 3(e)", rates[3].Rate.Nodes[0].Name);
    }

    [Fact]
    public void A_parenthesised_note_is_not_a_program_list()
    {
        var rates = DutyExpressionParser.ParseUsSpecial(
            "Free (AU,BH,CL, CO,IL,JO,KR,MA,OM,P,PA, PE,S,SG) A duty upon the value of the repairs or alterations (see U.S. note 3 of this subchapter) (B,C,)");
        Assert.Equal(2, rates.Count);
        Assert.Equal(["B", "C"], rates[1].Programs);
        Assert.Equal("see U.S. note 3 of this subchapter", rates[1].Rate.Remarks);
    }

    [Theory]
    [InlineData("Free (AU,BH,CL,CO,IL,JO,KR,MA,.OM,P,PA,PE,S,SG)", 5, "'.OM'")]
    [InlineData("Free (BH) See 9919.04.50, 9919.04.67 (PA (PA)", 37, "without a matching ')'")]
    [InlineData("(AU) Free", 0, "without a rate before it")]
    public void Malformed_program_lists_are_errors(string text, int position, string reason)
    {
        Assert.False(DutyExpressionParser.TryParseUsSpecial(text, out var rates, out var error));
        Assert.Null(rates);
        Assert.Equal(position, error.Position);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }
}
