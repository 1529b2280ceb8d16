using System.Text;
using CrossBorder.Engine.Geography;
using CrossBorder.Engine.Tariffs.Loaders;
using CrossBorder.Engine.Text;
using Xunit.Abstractions;

namespace CrossBorder.Engine.Tests.Tariffs.Loaders;

public class UsSpecialProgramsTests(ITestOutputHelper output)
{
    [Fact]
    public void The_program_table_loads_and_cites_its_sources()
    {
        var programs = LoaderTestData.Programs;
        Assert.Equal(
            ["A", "A*", "A+", "AU", "B", "BH", "C", "CA", "CL", "CO", "D", "E", "E*", "IL", "J", "J*", "J+", "JO", "JP", "K", "KR", "L", "MA", "MX", "NP", "OM", "P", "P+", "PA", "PE", "R", "S", "S+", "SG"],
            programs.Programs.Order(StringComparer.Ordinal));
        Assert.True(programs.TryGet("P", out var cafta));
        Assert.Equal(5, cafta.Count);
        Assert.Equal(["CR", "DO", "GT", "HN", "NI", "SV"], cafta.SelectMany(p => p.Countries).Select(c => c.ToString()).Order(StringComparer.Ordinal));
        Assert.True(programs.TryGet("A", out var gsp));
        Assert.Equal(119, Assert.Single(gsp).Countries.Count);
        Assert.Equal(new DateOnly(2020, 12, 31), gsp[0].ValidTo);
        Assert.True(programs.TryGet("A+", out var ldc));
        Assert.Subset(gsp[0].Countries.ToHashSet(), Assert.Single(ldc).Countries.ToHashSet()); // least-developed beneficiaries are beneficiaries
        Assert.True(programs.TryGet("D", out var agoa));
        Assert.Equal(32, Assert.Single(agoa).Countries.Count);
        Assert.True(programs.TryGet("S", out var usmca));
        Assert.Equal([CountryCode.Parse("CA"), CountryCode.Parse("MX")], usmca[0].Countries);
        Assert.True(programs.TryGet("C", out var aircraft));
        Assert.False(Assert.Single(aircraft).IsOrigin);
        Assert.Contains("not an origin", aircraft[0].Note!, StringComparison.Ordinal);
        Assert.All(programs.Programs, p =>
        {
            programs.TryGet(p, out var rows);
            Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Source)));
        });
    }

    [Fact]
    public void Every_indicator_the_HTS_uses_is_in_the_table()
    {
        if (LoaderTestData.Us(output) is not { } us)
        {
            return;
        }
        Assert.DoesNotContain(us.Hts.SkippedPrograms, p => p.IsError);
    }

    [Theory]
    [InlineData("AU,Australia,src,,,", 2, 2, "Australia")]
    [InlineData("AU,AU,src,2005-13-01,,", 2, 4, "2005-13-01")]
    [InlineData("AU,AU AU,src,,,", 2, 2, "AU")]
    [InlineData("C,,src,,,", 2, 6, "")]
    [InlineData("AU,AU,,,,", 2, 3, "")]
    public void A_bad_row_names_its_position(string row, long line, int column, string value)
    {
        var csv = "program,countries,source,valid_from,valid_to,note\n" + row + "\n";
        var e = Assert.Throws<InputFormatException>(() => UsSpecialPrograms.Load(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "programs.csv"));
        Assert.Equal(("programs.csv", line, column, value), (e.Source, e.Line, e.Column, e.Value));
    }
}
