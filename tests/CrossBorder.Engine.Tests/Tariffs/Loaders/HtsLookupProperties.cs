using System.Globalization;
using CrossBorder.Engine.Tariffs;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace CrossBorder.Engine.Tests.Tariffs.Loaders;

public class HtsLookupProperties(ITestOutputHelper output)
{
    [Fact]
    public void The_matched_code_is_the_longest_listed_prefix()
    {
        if (LoaderTestData.Us(output) is not { } us)
        {
            return;
        }
        var codes = us.Hts.Lines.Select(l => l.Code.ToString()).ToArray();
        var listed = us.Hts.Lines.Select(l => l.Code).ToHashSet();
        // A listed code as is, cut short, or with its tail replaced by random digits up to 10 or 12 digits.
        var requests =
            from code in Gen.Elements(codes)
            from how in Gen.Choose(0, 3)
            from keep in Gen.Choose(2, code.Length)
            from length in Gen.Elements(10, 10, 10, 12)
            from tail in Gen.Choose(0, int.MaxValue)
            select how switch
            {
                0 => code,
                1 => code[..keep],
                _ => (code[..keep] + tail.ToString("D10", CultureInfo.InvariantCulture))[..Math.Max(length, keep)],
            };

        var property = Prop.ForAll(requests.ToArbitrary(), text =>
        {
            var code = TariffCode.Parse(text);
            var expected = default(TariffCode);
            for (var length = code.Length; length >= TariffCode.MinDigits; length--)
            {
                if (listed.Contains(code.Truncate(length)))
                {
                    expected = code.Truncate(length);
                    break;
                }
            }
            var match = us.HtsOnly.Lookup(code, default, new DateOnly(2024, 6, 1), new AppliedMeasure[64]);
            Assert.Equal(expected, match.Matched);
            Assert.Equal(listed.Contains(code), us.HtsOnly.IsListed(code));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(5000), property);
    }
}
