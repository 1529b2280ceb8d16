using System.Globalization;
using CrossBorder.Engine.Geography;
using CrossBorder.Engine.Tariffs;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrossBorder.Engine.Tests.Tariffs;

/// <summary>
/// <see cref="TariffSchedule.Lookup(TariffCode, CountryCode, DateOnly, Span{AppliedMeasure})"/> against a brute-force
/// scan of every prefix of the code, over random schedules: the matched code is the longest listed prefix, and for
/// each measure kind the measures are the applicable ones of the deepest prefix (or <c>*</c>) that has any.
/// </summary>
public class TariffScheduleLookupProperties
{
    private static readonly OriginGroups Groups = new();
    private static readonly string[] OriginTexts = ["*", "CN", "US MX", "* !CN", "DE CN"];
    private static readonly OriginSet[] OriginSets = [.. OriginTexts.Select(t => OriginSet.Parse(t, Groups))];
    private static readonly CountryCode[] QueryOrigins = [CountryCode.Parse("CN"), CountryCode.Parse("US"), CountryCode.Parse("MX"), CountryCode.Parse("DE"), default];
    private static readonly MeasureKind[] Kinds =
        [MeasureKind.Mfn, MeasureKind.Preferential, MeasureKind.Additional, MeasureKind.AntiDumping, MeasureKind.Vat, MeasureKind.Licence, MeasureKind.Prohibited];
    private static readonly DateOnly[] Starts = [DateOnly.MinValue, new(2020, 1, 1), new(2022, 6, 1), new(2024, 1, 1)];
    private static readonly DateOnly[] Ends = [new(2019, 12, 31), new(2021, 12, 31), new(2023, 12, 31), DateOnly.MaxValue];
    private static readonly DateOnly[] QueryDates = [new(2019, 12, 31), new(2020, 1, 1), new(2021, 12, 31), new(2022, 6, 1), new(2023, 12, 31), new(2024, 1, 1), new(2030, 1, 1)];
    private static readonly DutyExpression FivePercent = DutyExpressionParser.ParseTaric("5.00 %");

    /// <summary>One measure of a random schedule: its code prefix (empty for <c>*</c>) and what it is.</summary>
    private sealed record Entry(string Prefix, MeasureKind Kind, int Origins, int Start, int End);

    private sealed record Case(Entry[] Entries, string[] ListedOnly, (string Code, int Origin, int Date)[] Queries);

    // Few distinct digits, so that prefixes of random codes often meet.
    private static Gen<string> Digits(int min, int max) =>
        from length in Gen.Choose(min, max)
        from digits in Gen.ArrayOf(Gen.Elements('0', '1', '2', '9'), length)
        select new string(digits);

    private static Gen<Entry> EntryGen =>
        from root in Gen.Frequency<bool>([(1, Gen.Constant(true)), (9, Gen.Constant(false))])
        from prefix in Digits(2, 10)
        from kind in Gen.Elements(Kinds)
        from origins in Gen.Choose(0, OriginTexts.Length - 1)
        from start in Gen.Choose(0, Starts.Length - 1)
        from end in Gen.Choose(0, Ends.Length - 1)
        select new Entry(root ? "" : prefix, kind, origins, start, Math.Max(start, end));

    private static Gen<Case> CaseGen =>
        from count in Gen.Choose(1, 60)
        from entries in Gen.ArrayOf(EntryGen, count)
        from listedOnly in Gen.ArrayOf(Digits(2, 12), 5)
        from queries in Gen.ArrayOf(
            from useEntry in Gen.Elements(true, true, false)
            from index in Gen.Choose(0, count - 1)
            from tail in Digits(0, 12)
            from random in Digits(2, 12)
            from origin in Gen.Choose(0, QueryOrigins.Length - 1)
            from date in Gen.Choose(0, QueryDates.Length - 1)
            let code = useEntry ? (entries[index].Prefix + tail) : random
            select (code.Length < TariffCode.MinDigits ? code + "00" : code.Length > TariffCode.MaxDigits ? code[..TariffCode.MaxDigits] : code, origin, date),
            30)
        select new Case(entries, listedOnly, queries);

    [Property(MaxTest = 300)]
    public Property Lookup_equals_a_brute_force_longest_prefix_scan() =>
        Prop.ForAll(CaseGen.ToArbitrary(), c =>
        {
            var builder = TariffSchedule.CreateBuilder("XX");
            var measures = new List<(string Prefix, Measure Measure)>();
            foreach (var e in c.Entries)
            {
                var measure = new Measure(e.Kind, OriginSets[e.Origins], e.Kind.IsFlag() ? null : FivePercent, Starts[e.Start], Ends[e.End]);
                builder.AddMeasure(e.Prefix.Length == 0 ? default : TariffCode.Parse(e.Prefix), measure);
                measures.Add((e.Prefix, measure));
            }
            foreach (var code in c.ListedOnly)
            {
                builder.AddCode(TariffCode.Parse(code));
            }
            var schedule = builder.Build();
            var listed = new HashSet<string>(c.ListedOnly.Concat(c.Entries.Where(e => e.Prefix.Length > 0).Select(e => e.Prefix)), StringComparer.Ordinal);

            var found = new AppliedMeasure[256];
            foreach (var (codeText, originIndex, dateIndex) in c.Queries)
            {
                var code = TariffCode.Parse(codeText);
                var origin = QueryOrigins[originIndex];
                var date = QueryDates[dateIndex];
                var match = schedule.Lookup(code, origin, date, found);

                // Brute force: the longest listed prefix ...
                var matchedLength = Enumerable.Range(1, codeText.Length).Reverse().FirstOrDefault(d => listed.Contains(codeText[..d]), 0);
                // ... and, per kind, the deepest prefix with an applicable measure of that kind; its measures in the
                // order they were added, deepest prefix first.
                var expected = new List<(Measure Measure, string AttachedTo)>();
                var resolved = new HashSet<MeasureKind>();
                for (var d = codeText.Length; d >= 0; d--)
                {
                    var prefix = codeText[..d];
                    var here = measures.Where(m => m.Prefix == prefix && !resolved.Contains(m.Measure.Kind) && m.Measure.AppliesTo(origin, date)).ToList();
                    expected.AddRange(here.Select(m => (m.Measure, prefix)));
                    resolved.UnionWith(here.Select(m => m.Measure.Kind));
                }

                var label = string.Create(CultureInfo.InvariantCulture, $"{codeText} from {origin} on {date:yyyy-MM-dd}");
                Assert.False(match.Truncated, label);
                Assert.Equal(code, match.Requested);
                Assert.Equal(matchedLength == 0 ? default : TariffCode.Parse(codeText.AsSpan(0, matchedLength)), match.Matched);
                Assert.Equal(matchedLength == codeText.Length, match.IsExact);
                var actual = found.Take(match.MeasureCount).Select(a => (a.Measure, a.AttachedTo.IsEmpty ? "" : a.AttachedTo.ToString())).ToList();
                Assert.Equal(expected.Count, actual.Count);
                for (var i = 0; i < expected.Count; i++)
                {
                    Assert.Same(expected[i].Measure, actual[i].Measure);
                    Assert.Equal(expected[i].AttachedTo, actual[i].Item2);
                }
                // The precomputed prefix index (behind Lookup) and the trie walk agree exactly.
                var byWalk = new AppliedMeasure[256];
                var walk = schedule.LookupByWalk(code, origin, date, byWalk);
                Assert.Equal(match, walk);
                Assert.Equal(found.Take(match.MeasureCount), byWalk.Take(walk.MeasureCount));
                // Per kind, the same measures (the property the calculator relies on).
                foreach (var kind in Kinds)
                {
                    Assert.Equal(expected.Where(e => e.Measure.Kind == kind).Select(e => e.Measure), actual.Where(a => a.Measure.Kind == kind).Select(a => a.Measure));
                }
            }
        });

    [Property(MaxTest = 200)]
    public Property Text_lookups_with_dots_and_utf8_equal_the_code_lookup() =>
        Prop.ForAll(CaseGen.ToArbitrary(), c =>
        {
            var builder = TariffSchedule.CreateBuilder("XX");
            foreach (var e in c.Entries)
            {
                builder.AddMeasure(e.Prefix.Length == 0 ? default : TariffCode.Parse(e.Prefix),
                    new Measure(e.Kind, OriginSets[e.Origins], e.Kind.IsFlag() ? null : FivePercent, Starts[e.Start], Ends[e.End]));
            }
            var schedule = builder.Build();
            var byCode = new AppliedMeasure[256];
            var byText = new AppliedMeasure[256];
            var byUtf8 = new AppliedMeasure[256];
            foreach (var (codeText, originIndex, dateIndex) in c.Queries)
            {
                // 6403.99.93 style: a dot after the fourth and the sixth digit.
                var dotted = codeText.Length > 6 ? $"{codeText[..4]}.{codeText[4..6]}.{codeText[6..]}" : codeText.Length > 4 ? $"{codeText[..4]}.{codeText[4..]}" : codeText;
                var a = schedule.Lookup(TariffCode.Parse(codeText), QueryOrigins[originIndex], QueryDates[dateIndex], byCode);
                var b = schedule.Lookup(dotted.AsSpan(), QueryOrigins[originIndex], QueryDates[dateIndex], byText);
                var u = schedule.Lookup(System.Text.Encoding.UTF8.GetBytes(dotted), QueryOrigins[originIndex], QueryDates[dateIndex], byUtf8);
                Assert.Equal(a, b);
                Assert.Equal(a, u);
                Assert.Equal(byCode.Take(a.MeasureCount), byText.Take(b.MeasureCount));
                Assert.Equal(byCode.Take(a.MeasureCount), byUtf8.Take(u.MeasureCount));
            }
        });
}
