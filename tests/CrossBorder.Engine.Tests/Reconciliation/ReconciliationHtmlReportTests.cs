using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using CrossBorder.Engine.Fx;
using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Reconciliation.Reports;
using CrossBorder.Engine.Settlements;

namespace CrossBorder.Engine.Tests.Reconciliation;

/// <summary>The HTML report: figures, charts, escaping, self-containment and determinism, read back as XML.</summary>
public class ReconciliationHtmlReportTests
{
    private const string Hostile = "<script>alert('x')</script>&co";
    private static readonly DateTimeOffset s_at = new(2026, 1, 2, 5, 4, 5, TimeSpan.FromHours(2));

    // Every status, EUR/USD/JPY/KWD, several markets and categories, one rejected line and two settlement checks.
    private const string ExpectedCsv = """
        order_id,component,currency,amount,date,market,category,ref
        <script>alert('x')</script>&co,principal,EUR,100.00,2024-06-10,DE<b>,toys & games,
        M-JPY,principal,JPY,129870,2024-06-10,JP,toys & games,
        M-KWD,principal,KWD,12.345,2024-06-10,KW,cosmetics,
        K-BIG,principal,KWD,1234.567,2024-06-10,KW,cosmetics,
        F-1,principal,EUR,100.00,2024-06-10,FR,books,
        OK-1,principal,USD,50.00,2024-06-10,US,books,
        P-1,principal,USD,20.00,2024-06-10,US,books,
        R-1,principal,<b>&amp,1.00,2024-06-10,US,books,
        J-2,shipping,JPY,450,2024-06-10,JP,toys & games,

        """;

    private const string SettlementCsv = """
        order_id,component,currency,amount,date,market,category,ref
        M-JPY,principal,JPY,129000,2024-06-10,JP,toys & games,
        M-KWD,principal,KWD,12.000,2024-06-10,KW,cosmetics,
        F-1,principal,USD,108.30,2024-06-10,FR,books,
        OK-1,principal,USD,50.00,2024-06-10,US,books,
        U-1,principal,JPY,5000,2024-06-10,JP,,

        """;

    /// <summary>A provider report replayed from a script: "L settlement order component currency minor" or "T settlement currency minor".</summary>
    private sealed class ScriptReader(params string[] script) : ISettlementReader
    {
        public SettlementFormat Format => SettlementFormat.Stripe;

        public bool Recognizes(ReadOnlySpan<byte> head) => false;

        public void Read(Stream stream, string sourceName, ComponentMapping mapping, ISettlementSink sink)
        {
            long line = 1;
            foreach (var step in script)
            {
                line++;
                var f = step.Split(' ');
                var minor = long.Parse(f[^1], CultureInfo.InvariantCulture);
                if (f[0] == "L")
                {
                    sink.Accept(new SettlementLine
                    {
                        SettlementId = Encoding.UTF8.GetBytes(f[1]),
                        OrderId = Encoding.UTF8.GetBytes(f[2]),
                        Component = Encoding.UTF8.GetBytes(f[3]),
                        Currency = Currency.FromCode(f[4]),
                        MinorUnits = minor,
                        DayNumber = -1,
                        LineNumber = line,
                    });
                }
                else
                {
                    sink.StatedTotal(Encoding.UTF8.GetBytes(f[1]), Money.FromMinorUnits(minor, Currency.FromCode(f[2])), line, "total");
                }
            }
        }
    }

    private static ReconciliationResult Rich()
    {
        var rates = new ExchangeRateTable();
        rates.Add(ExchangeRate.FromDecimal(Currency.EUR, Currency.USD, 1.0830m), new DateOnly(2024, 6, 1), new DateOnly(2024, 6, 30));
        var engine = new ReconciliationEngine(new ReconciliationOptions { Threads = 1, Rates = rates });
        engine.Add(ReconciliationSide.Expected, new MemoryStream(Encoding.UTF8.GetBytes(ExpectedCsv)), "expected & co.csv");
        engine.Add(ReconciliationSide.Settlement, new MemoryStream(Encoding.UTF8.GetBytes(SettlementCsv)), "settlement.csv");
        // P-1 settles as 2000 minor, but its payout states 1500: a failed check; S<2> balances.
        engine.AddSettlements(Stream.Null, "stripe.csv", new ScriptReader("L po_1 P-1 principal USD 2000", "T po_1 USD 1500", "L S<2>& X-1 principal USD 700", "T S<2>& USD 700"));
        return engine.Complete();
    }

    private static byte[] Render(ReconciliationResult result, ReconciliationHtmlReport? report = null, DateTimeOffset? at = null)
    {
        using var stream = new MemoryStream();
        (report ?? new ReconciliationHtmlReport()).Write(result, stream, at ?? s_at);
        return stream.ToArray();
    }

    /// <summary>The page parsed as XML (it is well-formed by design; the doctype is skipped).</summary>
    private static XDocument Parse(byte[] html)
    {
        using var reader = XmlReader.Create(new MemoryStream(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    private static XElement ById(XDocument page, string id) =>
        Assert.Single(page.Descendants(), e => (string?)e.Attribute("id") == id);

    /// <summary>The chart's bars: the label and value of each (from its title "label: n keys") and the bar's width.</summary>
    private static List<(string Label, long Value, double Width)> Bars(XElement svg) =>
        [.. svg.Descendants("g").Where(g => (string?)g.Attribute("class") == "bar").Select(g =>
        {
            var title = g.Element("title")!.Value;
            var colon = title.LastIndexOf(": ", StringComparison.Ordinal);
            var value = long.Parse(title[(colon + 2)..^" keys".Length].Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            var width = double.Parse((string)g.Element("rect")!.Attribute("width")!, CultureInfo.InvariantCulture);
            Assert.Equal(value.ToString("#,0", CultureInfo.InvariantCulture), g.Elements("text").Single(t => (string?)t.Attribute("class") == "value").Value);
            return (title[..colon], value, width);
        })];

    /// <summary>Rows of a table as cell texts.</summary>
    private static List<string[]> Rows(XElement table) =>
        [.. table.Element("tbody")!.Elements("tr").Select(tr => tr.Elements("td").Select(td => td.Value).ToArray())];

    private static void AssertProportional(List<(string Label, long Value, double Width)> bars)
    {
        var widest = bars.MaxBy(b => b.Width);
        Assert.Equal(bars.Max(b => b.Value), widest.Value);
        foreach (var bar in bars)
        {
            Assert.True(bar.Width > 0);
            // Widths are written to 0.01 px.
            Assert.InRange(bar.Width, widest.Width * bar.Value / widest.Value - 0.02, widest.Width * bar.Value / widest.Value + 0.02);
        }
    }

    [Fact]
    public void The_fixture_has_every_status_and_the_checks_it_is_meant_to_have()
    {
        var result = Rich();
        Assert.Equal([BreakStatus.MissingSettlement, BreakStatus.UnexpectedSettlement, BreakStatus.AmountMismatch, BreakStatus.FxMatched],
            result.Breaks.Select(b => b.Status).Distinct().Order());
        Assert.Equal([SettlementCheckStatus.SettlementTotalMismatch, SettlementCheckStatus.Balanced], result.SettlementChecks.Select(c => c.Status));
        Assert.Single(result.Rejects);
    }

    [Fact]
    public void Totals_per_currency_use_each_currencys_minor_digits()
    {
        var page = Parse(Render(Rich()));
        var rows = Rows(ById(page, "totals").Descendants("table").Single()).ToDictionary(r => r[0]);

        Assert.Equal(["EUR", "JPY", "KWD", "USD"], rows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["JPY", "130,320", "134,000", "3,680", "3", "3"], rows["JPY"]);
        Assert.Equal(["KWD", "1,246.912", "12.000", "-1,234.912", "2", "2"], rows["KWD"]);
        Assert.Equal(["EUR", "200.00", "0.00", "-200.00", "2", "2"], rows["EUR"]);
        Assert.Equal(["USD", "70.00", "185.30", "115.30", "4", "2"], rows["USD"]);
    }

    [Fact]
    public void Charts_have_one_bar_per_status_market_and_category_with_breaks_and_proportional_lengths()
    {
        var result = Rich();
        var page = Parse(Render(result));

        var status = Bars(ById(page, "chart-status"));
        Assert.Equal(result.Breaks.GroupBy(b => b.Status.Name()).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, (long)g.Count())),
            status.Select(b => (b.Label, b.Value)).OrderBy(b => b.Label, StringComparer.Ordinal));
        Assert.Equal(4, status.Count);
        AssertProportional(status);

        foreach (var (id, group, none) in new[] { ("chart-market", (Func<ReconciliationBreak, string>)(b => b.Market), "(no market)"), ("chart-category", (Func<ReconciliationBreak, string>)(b => b.Category), "(no category)") })
        {
            var bars = Bars(ById(page, id));
            var expected = result.Breaks.GroupBy(b => group(b) is { Length: > 0 } g ? g : none)
                .Select(g => (g.Key, (long)g.Count())).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            Assert.Equal(expected, bars.Select(b => (b.Label, b.Value)).OrderBy(b => b.Label, StringComparer.Ordinal));
            Assert.True(bars.Count >= 3);
            Assert.Contains(bars, b => b.Value != bars[0].Value); // so that proportionality is tested on unequal bars
            AssertProportional(bars);
            // Largest first.
            Assert.Equal(bars.Select(b => b.Value).OrderDescending(), bars.Select(b => b.Value));
        }
    }

    [Fact]
    public void Every_chart_and_bar_has_an_accessible_title()
    {
        var page = Parse(Render(Rich()));
        var charts = page.Descendants("svg").ToList();
        Assert.Equal(3, charts.Count);
        foreach (var svg in charts)
        {
            Assert.Equal("img", (string?)svg.Attribute("role"));
            var title = svg.Element("title")!;
            Assert.Contains((string)title.Attribute("id")!, ((string)svg.Attribute("aria-labelledby")!).Split(' '));
            Assert.NotEmpty(title.Value);
            Assert.All(svg.Descendants("g").Where(g => (string?)g.Attribute("class") == "bar"), g => Assert.NotEmpty(g.Element("title")!.Value));
        }
    }

    [Fact]
    public void Values_from_the_input_are_escaped_and_come_back_intact()
    {
        var html = Render(Rich());
        var text = Encoding.UTF8.GetString(html);

        Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", text, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;co", text, StringComparison.Ordinal);
        Assert.Contains("toys &amp; games", text, StringComparison.Ordinal);

        var page = Parse(html);
        var eur = Assert.Single(page.Descendants("table"), t => (string?)t.Attribute("data-currency") == "EUR");
        var row = Assert.Single(Rows(eur), r => r[1] == Hostile);
        Assert.Equal(["1", Hostile, "principal", "missing_settlement", "DE<b>", "toys & games", "100.00", "—", "-100.00"], row);
        Assert.Contains(page.Descendants("td"), td => td.Value == "S<2>&");
        Assert.Contains(page.Descendants("td"), td => td.Value == "expected & co.csv");
        Assert.Contains(page.Descendants("td"), td => td.Value == "<b>&amp"); // the rejected currency
        Assert.Contains(Bars(ById(page, "chart-market")), b => b.Label == "DE<b>");
    }

    [Fact]
    public void The_page_is_self_contained()
    {
        var text = Encoding.UTF8.GetString(Render(Rich()));

        foreach (var forbidden in new[] { "http", "src=", "<link", "<script", "url(", "@import", "@font-face", "xlink", "href=" })
        {
            Assert.DoesNotContain(forbidden, text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Single(Parse(Encoding.UTF8.GetBytes(text)).Descendants("style"));
    }

    [Fact]
    public void The_output_is_byte_identical_for_the_same_result_and_timestamp_and_shows_the_timestamp_in_utc()
    {
        var result = Rich();
        var first = Render(result);
        var second = Render(Rich());
        Assert.Equal(first, second);
        Assert.Equal(first, Render(result));
        Assert.NotEqual(first, Render(result, at: s_at.AddSeconds(1)));

        var text = Encoding.UTF8.GetString(first);
        Assert.StartsWith("<!DOCTYPE html>\n", text, StringComparison.Ordinal); // no BOM
        Assert.Contains("<time datetime=\"2026-01-02T03:04:05Z\">2026-01-02 03:04:05 UTC</time>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Largest_differences_are_listed_per_currency_largest_first_and_limited_to_the_top_n()
    {
        var page = Parse(Render(Rich(), new ReconciliationHtmlReport { TopDifferences = 1 }));
        var tables = page.Descendants("table").Where(t => t.Attribute("data-currency") is not null).ToDictionary(t => (string)t.Attribute("data-currency")!);

        // fx_matched keys are left out (F-1 in EUR and USD); one row per currency.
        Assert.Equal(["EUR", "JPY", "KWD", "USD"], tables.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["1", "K-BIG", "principal", "missing_settlement", "KW", "cosmetics", "1,234.567", "—", "-1,234.567"], Assert.Single(Rows(tables["KWD"])));
        Assert.Equal(["1", "U-1", "principal", "unexpected_settlement", "JP", "", "—", "5,000", "5,000"], Assert.Single(Rows(tables["JPY"])));

        var all = Parse(Render(Rich()));
        var kwd = all.Descendants("table").Single(t => (string?)t.Attribute("data-currency") == "KWD");
        Assert.Equal([("K-BIG", "-1,234.567"), ("M-KWD", "-0.345")], Rows(kwd).Select(r => (r[1], r[8])));
        var jpy = all.Descendants("table").Single(t => (string?)t.Attribute("data-currency") == "JPY");
        Assert.Equal([("U-1", "5,000"), ("M-JPY", "-870"), ("J-2", "-450")], Rows(jpy).Select(r => (r[1], r[8])));
    }

    [Fact]
    public void Settlement_checks_show_pass_and_fail_with_stated_and_computed_totals()
    {
        var page = Parse(Render(Rich()));
        var rows = Rows(ById(page, "settlements").Descendants("table").Single());

        Assert.Equal(2, rows.Count);
        Assert.Equal(["fail", "stripe.csv", "po_1", "USD", "1", "20.00", "15.00", "5.00"], rows[0][..8]);
        Assert.Equal(["pass", "stripe.csv", "S<2>&", "USD", "1", "7.00", "7.00", "0.00"], rows[1][..8]);
    }

    [Fact]
    public void Rejects_are_counted_and_the_first_few_listed_with_their_reasons()
    {
        var result = Rich();
        var section = ById(Parse(Render(result)), "rejects");
        Assert.Contains("1 line was rejected", section.Value, StringComparison.Ordinal);
        var row = Assert.Single(Rows(section.Descendants("table").Single()));
        Assert.Equal(["expected & co.csv", "9", "3", "<b>&amp", result.Rejects[0].Reason], row);

        var none = ById(Parse(Render(result, new ReconciliationHtmlReport { RejectSamples = 0 })), "rejects");
        Assert.Contains("1 line was rejected", none.Value, StringComparison.Ordinal);
        Assert.Empty(none.Descendants("table"));
    }

    [Fact]
    public void A_reconciliation_without_breaks_says_so_instead_of_drawing_empty_charts()
    {
        var matched = ReconciliationKit.Run("order_id,component,currency,amount\nA,principal,JPY,100\n", "order_id,component,currency,amount\nA,principal,JPY,100\n");
        var empty = new ReconciliationEngine(ReconciliationKit.SingleThread).Complete();

        foreach (var result in new[] { matched, empty })
        {
            Assert.Empty(result.Breaks);
            var html = Render(result);
            var page = Parse(html);
            Assert.Empty(page.Descendants("svg"));
            Assert.StartsWith("No breaks", ById(page, "no-breaks").Value, StringComparison.Ordinal);
            Assert.DoesNotContain(page.Descendants("table"), t => t.Attribute("data-currency") is not null);
        }
        Assert.Contains("(no keys were read)", ById(Parse(Render(empty)), "no-breaks").Value, StringComparison.Ordinal);
        Assert.DoesNotContain("(no keys were read)", ById(Parse(Render(matched)), "no-breaks").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_breaks_list_only_the_top_n_in_the_same_order_as_a_full_sort_and_many_groups_share_an_others_bar()
    {
        // 3,000 breaks in three currencies with many equal differences (ties keep breaks order), on 40 markets.
        var random = new Random(6);
        var currencies = new[] { Currency.EUR, Currency.JPY, Currency.KWD };
        var lines = Enumerable.Range(0, 3000)
            .Select(i => new ReconciliationLine("O" + i.ToString("D5", CultureInfo.InvariantCulture), "principal",
                Money.FromMinorUnits(random.Next(-50, 50) * 1000L, currencies[i % 3]), Market: "M" + (i % 40).ToString(CultureInfo.InvariantCulture)))
            .ToArray();
        var engine = new ReconciliationEngine(ReconciliationKit.SingleThread);
        engine.Add(ReconciliationSide.Expected, lines, "expected");
        var result = engine.Complete();
        Assert.Equal(3000, result.Breaks.Count);

        var html = Render(result, new ReconciliationHtmlReport { TopDifferences = 7, MaxChartBars = 5 });
        var page = Parse(html);
        foreach (var currency in currencies)
        {
            var expected = result.Breaks.Select((b, i) => (b, i)).Where(x => x.b.Currency == currency)
                .OrderByDescending(x => Math.Abs(x.b.Difference.MinorUnits)).ThenBy(x => x.i).Take(7).Select(x => x.b.OrderId);
            var table = page.Descendants("table").Single(t => (string?)t.Attribute("data-currency") == currency.Code);
            Assert.Equal(expected, Rows(table).Select(r => r[1]));
        }
        Assert.InRange(html.Length, 1, 80_000);

        var markets = Bars(ById(page, "chart-market"));
        Assert.Equal(5, markets.Count);
        Assert.Equal("(36 other market values)", markets[^1].Label);
        Assert.Equal(3000, markets.Sum(b => b.Value));
        AssertProportional(markets);
    }

    [Fact]
    public void Settings_out_of_range_are_refused()
    {
        var result = Rich();
        Assert.Throws<ArgumentOutOfRangeException>(() => Render(result, new ReconciliationHtmlReport { TopDifferences = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Render(result, new ReconciliationHtmlReport { RejectSamples = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Render(result, new ReconciliationHtmlReport { MaxChartBars = 1 }));
    }
}
