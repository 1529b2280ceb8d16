using System.Globalization;
using CrossBorder.Engine.Reconciliation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static CrossBorder.Engine.Tests.Reconciliation.ReconciliationKit;

namespace CrossBorder.Engine.Tests.Reconciliation;

/// <summary>
/// Properties of the reconciliation on random canonical files: random order ids (UTF-8 order differing from UTF-16
/// order, quoting), components, JPY/EUR/USD/KWD amounts written with extra or missing trailing zeros, dates, markets,
/// categories and refs, random column order, header case, CRLF, BOM, blank lines, rejects and tolerances.
/// </summary>
public class ReconciliationProperties
{
    private static string N(Money? money) => money is { } m ? m.ToString("N", CultureInfo.InvariantCulture) : "";

    /// <summary>(d) The engine's result equals the naive LINQ oracle's: breaks, breaks.csv, summary and rejects.</summary>
    [Property(MaxTest = 300)]
    public Property Result_equals_a_naive_LINQ_oracle() =>
        Prop.ForAll(Scenario.Generator(defectWeight: 1).ToArbitrary(), s =>
        {
            var result = s.Run();
            var oracle = ReconciliationOracle.Compute(s);
            var breaks = oracle.Breaks.ToList();

            Assert.Equal(
                breaks.Select(k => (k.OrderId, k.Component, k.Currency, k.Expected, k.Settled, k.Difference, k.Status, k.Market, k.Category, k.ExpectedLines, k.SettledLines, k.DuplicateLines)),
                result.Breaks.Select(b => (b.OrderId, b.Component, b.Currency.Code, N(b.Expected), N(b.Settled), N(b.Difference), b.Status, b.Market, b.Category, b.ExpectedLines, b.SettledLines, b.DuplicateLines)));
            for (var i = 0; i < breaks.Count; i++)
            {
                var hint = result.Breaks[i].CurrencyMismatch;
                Assert.Equal(breaks[i].MismatchCurrencies.Length > 0, hint.Length > 0);
                Assert.All(breaks[i].MismatchCurrencies, c => Assert.Contains(c, hint, StringComparison.Ordinal));
            }
            Assert.Equal(
                breaks.Select(k => new[] { k.OrderId, k.Component, k.Currency, k.Expected, k.Settled, k.Difference, k.Status.Name() }),
                BreakRows(result));

            var summary = result.Summary;
            Assert.True(summary.Balanced);
            foreach (var status in Enum.GetValues<BreakStatus>())
            {
                Assert.Equal(oracle.Keys.Count(k => k.Status == status), summary.KeysByStatus[status]);
            }
            Assert.Equal(oracle.Keys.Sum(k => k.DuplicateLines), summary.DuplicateLines);
            Assert.Equal(oracle.Keys.Count(k => k.MismatchCurrencies.Length > 0), summary.CurrencyMismatchKeys);
            static IEnumerable<OracleTotals> Totals(IEnumerable<CurrencyTotals> totals) =>
                totals.Select(t => new OracleTotals(t.Group, t.Currency.Code, N(t.Expected), N(t.Settled), N(t.Difference), t.Keys, t.BrokenKeys));
            Assert.Equal(oracle.ByCurrency, Totals(summary.ByCurrency));
            Assert.Equal(oracle.ByMarket, Totals(summary.ByMarket));
            Assert.Equal(oracle.ByCategory, Totals(summary.ByCategory));
            Assert.Equal(oracle.Files, summary.Files);

            Assert.Equal(oracle.Rejects.Select(r => (r.File, r.Line, r.Column)), result.Rejects.Select(r => (r.File, r.Line, r.Column)));
            for (var i = 0; i < oracle.Rejects.Count; i++)
            {
                if (oracle.Rejects[i].Value is { } value)
                {
                    Assert.Equal(value, result.Rejects[i].Value);
                }
                Assert.Contains(oracle.Rejects[i].Reason, result.Rejects[i].Reason, StringComparison.Ordinal);
            }
        });

    /// <summary>
    /// (a) Conservation: every line read is accepted or rejected, and every accepted line is in exactly one key. The
    /// lines of matched keys (absent from breaks) are counted by reconciling each side alone, where no key matches.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property Every_accepted_line_is_in_exactly_one_key() =>
        Prop.ForAll(Scenario.Generator(defectWeight: 2).ToArbitrary(), s =>
        {
            var both = s.Run();
            var expectedOnly = Run(s.ExpectedFile.Bytes, [], s.Options);
            var settledOnly = Run([], s.SettledFile.Bytes, s.Options);

            var expectedFile = both.Summary.Files[0];
            var settledFile = both.Summary.Files[1];
            foreach (var (file, specs) in new[] { (expectedFile, s.Expected), (settledFile, s.Settled) })
            {
                Assert.Equal(specs.Length, file.LinesRead);
                Assert.Equal(specs.Count(l => l.Defect == Defect.None), file.Accepted);
                Assert.Equal(file.LinesRead, file.Accepted + file.Rejected);
                Assert.Equal(file.Rejected, both.Rejects.Count(r => r.File == file.File));
            }

            // One side alone: every key is missing (or unexpected), and the keys hold exactly the accepted lines.
            Assert.All(expectedOnly.Breaks, b => Assert.Equal((BreakStatus.MissingSettlement, 0L), (b.Status, b.SettledLines)));
            Assert.All(settledOnly.Breaks, b => Assert.Equal((BreakStatus.UnexpectedSettlement, 0L), (b.Status, b.ExpectedLines)));
            Assert.Equal(expectedFile.Accepted, expectedOnly.Breaks.Sum(b => b.ExpectedLines));
            Assert.Equal(settledFile.Accepted, settledOnly.Breaks.Sum(b => b.SettledLines));

            // Both sides: each key has the lines it had alone, whether broken or matched.
            var lines = new Dictionary<(string, string, string), (long Expected, long Settled)>();
            foreach (var b in expectedOnly.Breaks)
            {
                lines[(b.OrderId, b.Component, b.Currency.Code)] = (b.ExpectedLines, 0);
            }
            foreach (var b in settledOnly.Breaks)
            {
                var key = (b.OrderId, b.Component, b.Currency.Code);
                lines[key] = (lines.GetValueOrDefault(key).Expected, b.SettledLines);
            }
            var broken = both.Breaks.ToDictionary(b => (b.OrderId, b.Component, b.Currency.Code));
            foreach (var (key, count) in broken)
            {
                Assert.Equal(lines[key], (count.ExpectedLines, count.SettledLines));
            }
            var matched = lines.Where(l => !broken.ContainsKey(l.Key)).ToList();
            Assert.All(matched, m => Assert.True(m.Value.Expected > 0 && m.Value.Settled > 0));
            Assert.Equal(matched.Count, both.Summary.KeysByStatus[BreakStatus.Matched]);
            Assert.Equal(lines.Count, both.Summary.KeysByStatus.Values.Sum());
            Assert.Equal(lines.Count, both.Summary.ByCurrency.Sum(t => t.Keys));
            Assert.Equal(
                expectedFile.Accepted + settledFile.Accepted,
                both.Breaks.Sum(b => b.ExpectedLines + b.SettledLines) + matched.Sum(m => m.Value.Expected + m.Value.Settled));
            Assert.True(both.Summary.Balanced);
        });

    /// <summary>(b) Shuffling the rows of either file changes neither breaks.csv nor the summary, and rejects only by line.</summary>
    [Property(MaxTest = 200)]
    public Property Row_order_does_not_matter() =>
        Prop.ForAll((
            from s in Scenario.Generator(defectWeight: 1)
            from expected in Gen.Shuffle(s.Expected)
            from settled in Gen.Shuffle(s.Settled)
            select (s, s with { Expected = expected, Settled = settled })).ToArbitrary(), pair =>
        {
            var (original, shuffled) = pair;
            var a = original.Run();
            var b = shuffled.Run();

            Assert.Equal(BreaksCsv(a), BreaksCsv(b));
            Assert.Equal(SummaryJson(a), SummaryJson(b));
            static IEnumerable<string> Rejects(ReconciliationResult r) =>
                r.Rejects.Select(x => string.Join('|', x.File, x.Column.ToString(CultureInfo.InvariantCulture), x.Value, x.Reason)).Order(StringComparer.Ordinal);
            Assert.Equal(Rejects(a), Rejects(b));
        });

    private static Gen<LineSpec[]> Split(LineSpec line) => Gen.Frequency<LineSpec[]>(
    [
        (3, Gen.Constant(new[] { line })),
        (2, from part in ReconciliationData.Minor
            select new[] { line with { Minor = part }, line with { Minor = line.Minor - part, BlankLineBefore = false } }),
        (1, from first in ReconciliationData.Minor
            from second in ReconciliationData.Minor
            select new[] { line with { Minor = first }, line with { Minor = second }, line with { Minor = line.Minor - first - second } }),
    ]);

    /// <summary>(c) Splitting lines into parts with the same sum changes the breaks' line counts only.</summary>
    [Property(MaxTest = 200)]
    public Property Splitting_a_line_into_parts_with_the_same_sum_changes_only_line_counts() =>
        Prop.ForAll((
            from s in Scenario.Generator(defectWeight: 0)
            from expected in Gen.CollectToList(s.Expected, Split)
            from settled in Gen.CollectToList(s.Settled, Split)
            select (s, s with { Expected = [.. expected.SelectMany(x => x)], Settled = [.. settled.SelectMany(x => x)] })).ToArbitrary(), pair =>
        {
            var (original, split) = pair;
            var a = original.Run();
            var b = split.Run();

            static IEnumerable<(string, string, Currency, Money?, Money?, Money, BreakStatus, string, string, string)> Outcomes(ReconciliationResult r) =>
                r.Breaks.Select(x => (x.OrderId, x.Component, x.Currency, x.Expected, x.Settled, x.Difference, x.Status, x.Market, x.Category, x.CurrencyMismatch));
            Assert.Equal(Outcomes(a), Outcomes(b));
            Assert.Equal(a.Summary.KeysByStatus.OrderBy(k => k.Key), b.Summary.KeysByStatus.OrderBy(k => k.Key));
            Assert.Equal(a.Summary.ByCurrency, b.Summary.ByCurrency);
            Assert.Equal(a.Summary.ByMarket, b.Summary.ByMarket);
            Assert.Equal(a.Summary.ByCategory, b.Summary.ByCategory);
            Assert.Equal(split.Expected.Length + split.Settled.Length, b.Summary.Files.Sum(f => f.Accepted));
            Assert.All(a.Breaks.Zip(b.Breaks), x => Assert.True(x.Second.ExpectedLines >= x.First.ExpectedLines && x.Second.SettledLines >= x.First.SettledLines));
        });

    /// <summary>
    /// (e) Any thread count and block size give byte-identical breaks.csv, rejects.csv and summary JSON. The engine
    /// raises a block size of 64 to its smallest block (1 KiB); the files here run to several KiB, with quoted line
    /// breaks, so many blocks are cut, some of them next to a quoted line break.
    /// </summary>
    [Property(MaxTest = 100)]
    public Property Output_is_byte_identical_whatever_the_thread_count_and_block_size() =>
        Prop.ForAll(Scenario.Generator(defectWeight: 1).ScaleSize(size => size * 3).ToArbitrary(), s =>
        {
            var reference = s.Run(s.Options with { Threads = 1, BlockSize = 1 << 22 });
            var breaks = BreaksCsv(reference);
            var rejects = RejectsCsv(reference);
            var summary = SummaryJson(reference);
            foreach (var threads in new[] { 1, 2, 3 })
            {
                var result = s.Run(s.Options with { Threads = threads, BlockSize = 64 });
                Assert.Equal(breaks, BreaksCsv(result));
                Assert.Equal(rejects, RejectsCsv(result));
                Assert.Equal(summary, SummaryJson(result));
            }
        });

    /// <summary>
    /// (f) Key tables with tiny chunks (two to four entries, 16 to 64 key bytes: keys cross chunk boundaries, some are
    /// longer than a chunk) give the same bytes as the default ones, with one to three threads.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property Output_is_byte_identical_with_tiny_key_table_chunks() =>
        Prop.ForAll(Scenario.Generator(defectWeight: 1).ScaleSize(size => size * 3).ToArbitrary(), s =>
        {
            var reference = s.Run(s.Options with { Threads = 1 });
            var breaks = BreaksCsv(reference);
            var rejects = RejectsCsv(reference);
            var summary = SummaryJson(reference);
            foreach (var (threads, entryShift, arenaShift) in new[] { (1, 1, 4), (2, 2, 5), (3, 1, 6) })
            {
                var engine = new ReconciliationEngine(s.Options with { Threads = threads, BlockSize = 64 }, entryShift, arenaShift);
                engine.Add(ReconciliationSide.Expected, new MemoryStream(s.ExpectedFile.Bytes, writable: false), ExpectedName);
                engine.Add(ReconciliationSide.Settlement, new MemoryStream(s.SettledFile.Bytes, writable: false), SettlementName);
                var result = engine.Complete();
                Assert.Equal(breaks, BreaksCsv(result));
                Assert.Equal(rejects, RejectsCsv(result));
                Assert.Equal(summary, SummaryJson(result));
            }
        });
}
