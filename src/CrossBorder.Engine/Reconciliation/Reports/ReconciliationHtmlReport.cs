using System.Globalization;
using System.Text;

namespace CrossBorder.Engine.Reconciliation.Reports;

/// <summary>
/// A self-contained HTML5 report of a <see cref="ReconciliationResult"/>: the inputs read, totals per currency, the
/// breaks by status, market and category as inline SVG bar charts, the largest differences per currency, the
/// settlement-level checks and the rejected lines.
/// </summary>
/// <remarks>
/// The page has no external assets (no scripts, links, fonts or URLs; one inline style sheet) and renders offline.
/// Every value from the input is HTML-escaped, and the page is also well-formed XML. Amounts are written with their
/// currency's minor digits, invariant. The output depends only on the result, the timestamp passed in and these
/// settings (byte-identical for the same ones), and is written as it goes: only the top rows of the breaks are listed,
/// so its size does not grow with the number of breaks.
/// </remarks>
public sealed class ReconciliationHtmlReport
{
    private static readonly (BreakStatus Status, string Colour, string Meaning)[] s_statuses =
    [
        (BreakStatus.MissingSettlement, "#c0392b", "expected but never settled"),
        (BreakStatus.UnexpectedSettlement, "#d68910", "settled but never expected"),
        (BreakStatus.AmountMismatch, "#7d3c98", "on both sides, amounts differ beyond the tolerance"),
        (BreakStatus.FxMatched, "#138d75", "expected in one currency, settled in another, within the FX tolerance"),
    ];

    /// <summary>The page title (default "Reconciliation report").</summary>
    public string Title { get; init; } = "Reconciliation report";

    /// <summary>Rows listed per currency in the table of largest differences (default 20; at least 1).</summary>
    public int TopDifferences { get; init; } = 20;

    /// <summary>Rejected lines listed with their reasons (default 10; 0 lists none, the count is always given).</summary>
    public int RejectSamples { get; init; } = 10;

    /// <summary>Settlement checks listed, those that fail first (default 100; the counts always cover all of them).</summary>
    public int MaxSettlementChecks { get; init; } = 100;

    /// <summary>Bars per chart of markets or categories (default 25); beyond it the smallest groups share one "others" bar.</summary>
    public int MaxChartBars { get; init; } = 25;

    /// <summary>Writes the report to <paramref name="stream"/> as UTF-8 (no BOM, LF line ends); the stream is left open.</summary>
    /// <param name="result">The reconciliation.</param>
    /// <param name="stream">Where to write.</param>
    /// <param name="generatedAt">The time shown as the report's generation time (passed in so the output is reproducible).</param>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting out of range.</exception>
    public void Write(ReconciliationResult result, Stream stream, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(Title);
        ArgumentOutOfRangeException.ThrowIfLessThan(TopDifferences, 1, nameof(TopDifferences));
        ArgumentOutOfRangeException.ThrowIfNegative(RejectSamples, nameof(RejectSamples));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxSettlementChecks, nameof(MaxSettlementChecks));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxChartBars, 2, nameof(MaxChartBars));

        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var html = new HtmlText(writer);
        WriteHead(html, generatedAt);
        WriteOverview(html, result);
        WriteInputs(html, result.Summary);
        WriteTotals(html, result.Summary);
        WriteCharts(html, result.Summary);
        WriteLargestDifferences(html, result);
        WriteSettlementChecks(html, result.SettlementChecks);
        WriteRejects(html, result);
        html.Raw("<footer><p>Written by CrossBorder.Engine. Every break is in breaks.csv and every rejected line in rejects.csv; this page lists only the largest.</p></footer>\n");
        html.Raw("</body>\n</html>\n");
    }

    private void WriteHead(HtmlText html, DateTimeOffset generatedAt)
    {
        var utc = generatedAt.ToUniversalTime();
        html.Raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        html.Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
        html.Raw("<title>").Text(Title).Raw("</title>\n<style>\n").Raw(Style).Raw("</style>\n</head>\n<body>\n");
        html.Raw("<header>\n<h1>").Text(Title).Raw("</h1>\n<p class=\"meta\">Generated <time datetime=\"")
            .Raw(utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Raw("\">")
            .Raw(utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)).Raw("</time></p>\n</header>\n");
    }

    private static void WriteOverview(HtmlText html, ReconciliationResult result)
    {
        var s = result.Summary;
        var keys = s.KeysByStatus.Values.Sum();
        var matched = s.KeysByStatus.GetValueOrDefault(BreakStatus.Matched);
        html.Raw("<section id=\"overview\">\n<h2>Overview</h2>\n<ul class=\"tiles\">\n");
        Tile(html, "keys", HtmlText.FormatCount(keys), "");
        Tile(html, "matched", HtmlText.FormatCount(matched), "ok");
        Tile(html, "breaks", HtmlText.FormatCount(result.Breaks.Count), result.Breaks.Count == 0 ? "ok" : "bad");
        Tile(html, "rejected lines", HtmlText.FormatCount(result.Rejects.Count), result.Rejects.Count == 0 ? "ok" : "bad");
        var failed = result.SettlementChecks.Count(c => c.Status == SettlementCheckStatus.SettlementTotalMismatch);
        Tile(html, "settlement checks failed", HtmlText.FormatCount(failed) + " of " + HtmlText.FormatCount(result.SettlementChecks.Count), failed == 0 ? "ok" : "bad");
        html.Raw("</ul>\n<p>Duplicate settlement lines: ").Count(s.DuplicateLines).Raw(". Keys with a currency-mismatch hint: ").Count(s.CurrencyMismatchKeys).Raw(".</p>\n");
        html.Raw(s.Balanced
            ? "<p class=\"ok\">Money balances: in every currency the accepted lines sum to the matched and broken keys.</p>\n"
            : "<p class=\"bad\">Money does not balance: the accepted lines do not sum to the keys (an internal error, please report it).</p>\n");
        html.Raw("</section>\n");
    }

    private static void Tile(HtmlText html, string label, string value, string kind) =>
        html.Raw("<li").Raw(kind.Length > 0 ? " class=\"" + kind + "\"" : "").Raw("><span class=\"figure\">").Text(value).Raw("</span><span class=\"caption\">").Text(label).Raw("</span></li>\n");

    private static void WriteInputs(HtmlText html, ReconciliationSummary s)
    {
        html.Raw("<section id=\"inputs\">\n<h2>Inputs</h2>\n");
        if (s.Files.Count == 0)
        {
            html.Raw("<p class=\"empty\">No input files.</p>\n</section>\n");
            return;
        }
        html.Raw("<table>\n<thead><tr><th>side</th><th>file</th><th class=\"n\">lines read</th><th class=\"n\">accepted</th><th class=\"n\">rejected</th><th class=\"n\">total/informational rows</th></tr></thead>\n<tbody>\n");
        foreach (var f in s.Files)
        {
            html.Raw("<tr><td>").Raw(f.Side == ReconciliationSide.Expected ? "expected" : "settlement").Raw("</td><td class=\"id\">").Text(f.File)
                .Raw("</td><td class=\"n\">").Count(f.LinesRead).Raw("</td><td class=\"n\">").Count(f.Accepted)
                .Raw("</td><td class=\"n").Raw(f.Rejected > 0 ? " bad" : "").Raw("\">").Count(f.Rejected)
                .Raw("</td><td class=\"n\">").Count(f.InformationalRows).Raw("</td></tr>\n");
        }
        html.Raw("</tbody>\n</table>\n</section>\n");
    }

    private static void WriteTotals(HtmlText html, ReconciliationSummary s)
    {
        html.Raw("<section id=\"totals\">\n<h2>Totals per currency</h2>\n");
        if (s.ByCurrency.Count == 0)
        {
            html.Raw("<p class=\"empty\">No amounts were accepted.</p>\n</section>\n");
            return;
        }
        html.Raw("<table>\n<thead><tr><th>currency</th><th class=\"n\">expected</th><th class=\"n\">settled</th><th class=\"n\">difference (settled − expected)</th><th class=\"n\">keys</th><th class=\"n\">broken keys</th></tr></thead>\n<tbody>\n");
        foreach (var t in s.ByCurrency)
        {
            html.Raw("<tr><td>").Text(t.Currency.Code).Raw("</td><td class=\"n\">").Amount(t.Expected).Raw("</td><td class=\"n\">").Amount(t.Settled)
                .Raw("</td><td class=\"n").Raw(t.Difference.MinorUnits != 0 ? " bad" : "").Raw("\">").Amount(t.Difference)
                .Raw("</td><td class=\"n\">").Count(t.Keys).Raw("</td><td class=\"n\">").Count(t.BrokenKeys).Raw("</td></tr>\n");
        }
        html.Raw("</tbody>\n</table>\n</section>\n");
    }

    private void WriteCharts(HtmlText html, ReconciliationSummary s)
    {
        html.Raw("<section id=\"breaks\">\n<h2>Breaks</h2>\n");
        var statusBars = new List<Bar>();
        foreach (var (status, colour, _) in s_statuses)
        {
            var count = s.KeysByStatus.GetValueOrDefault(status);
            if (count > 0)
            {
                statusBars.Add(new Bar(status.Name(), count, colour));
            }
        }
        if (statusBars.Count == 0)
        {
            html.Raw("<p class=\"empty ok\" id=\"no-breaks\">No breaks: every key matched").Raw(s.KeysByStatus.Values.Sum() == 0 ? " (no keys were read)" : "").Raw(".</p>\n</section>\n");
            return;
        }
        html.Raw("<div class=\"chart-box\">\n<h3>By status</h3>\n");
        SvgBarChart.Write(html, "chart-status", "Breaks by status", "Number of broken keys (order, component, currency) per status.", "keys", statusBars);
        html.Raw("<dl class=\"legend\">\n");
        foreach (var (status, colour, meaning) in s_statuses)
        {
            if (s.KeysByStatus.GetValueOrDefault(status) > 0)
            {
                html.Raw("<dt><span class=\"swatch\" style=\"background:").Raw(colour).Raw("\"></span>").Raw(status.Name()).Raw("</dt><dd>").Raw(meaning).Raw("</dd>\n");
            }
        }
        html.Raw("</dl>\n</div>\n");
        WriteGroupChart(html, "chart-market", "By market", "Breaks by market", "market", s.ByMarket, "#2874a6");
        WriteGroupChart(html, "chart-category", "By category", "Breaks by category", "category", s.ByCategory, "#1e8449");
        html.Raw("</section>\n");
    }

    private void WriteGroupChart(HtmlText html, string id, string heading, string title, string groupName, IReadOnlyList<CurrencyTotals> totals, string colour)
    {
        var byGroup = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var t in totals)
        {
            byGroup[t.Group] = byGroup.GetValueOrDefault(t.Group) + t.BrokenKeys;
        }
        var clean = byGroup.Count(g => g.Value == 0);
        var groups = byGroup.Where(g => g.Value > 0)
            .OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Bar(g.Key.Length == 0 ? "(no " + groupName + ")" : g.Key, g.Value, colour))
            .ToList();
        if (groups.Count > MaxChartBars)
        {
            var rest = groups.Skip(MaxChartBars - 1).ToList();
            groups = [.. groups.Take(MaxChartBars - 1), new Bar("(" + HtmlText.FormatCount(rest.Count) + " other " + groupName + " values)", rest.Sum(b => b.Value), "#909497")];
        }
        html.Raw("<div class=\"chart-box\">\n<h3>").Text(heading).Raw("</h3>\n");
        SvgBarChart.Write(html, id, title, "Number of broken keys per " + groupName + ", largest first.", "keys", groups);
        if (clean > 0)
        {
            html.Raw("<p class=\"note\">").Count(clean).Raw(" ").Text(groupName).Raw(clean == 1 ? " value has" : " values have").Raw(" no breaks.</p>\n");
        }
        html.Raw("</div>\n");
    }

    private void WriteLargestDifferences(HtmlText html, ReconciliationResult result)
    {
        html.Raw("<section id=\"largest\">\n<h2>Largest differences</h2>\n");
        var top = new SortedDictionary<string, PriorityQueue<int, (ulong Size, int Index)>>(StringComparer.Ordinal);
        var fxMatched = 0L;
        for (var i = 0; i < result.Breaks.Count; i++)
        {
            var b = result.Breaks[i];
            if (b.Status == BreakStatus.FxMatched)
            {
                fxMatched++;
                continue;
            }
            if (!top.TryGetValue(b.Currency.Code, out var queue))
            {
                queue = new PriorityQueue<int, (ulong, int)>(SmallestFirst.Instance);
                top.Add(b.Currency.Code, queue);
            }
            var entry = (Size(b.Difference.MinorUnits), i);
            if (queue.Count < TopDifferences)
            {
                queue.Enqueue(i, entry);
            }
            else if (queue.TryPeek(out _, out var smallest) && SmallestFirst.Instance.Compare(entry, smallest) > 0)
            {
                queue.DequeueEnqueue(i, entry);
            }
        }
        if (top.Count == 0)
        {
            html.Raw("<p class=\"empty ok\">No breaks with a difference to list").Raw(fxMatched > 0 ? " (only fx_matched keys, which are in breaks.csv with their FX difference)" : "").Raw(".</p>\n</section>\n");
            return;
        }
        html.Raw("<p>Per currency, the ").Count(TopDifferences).Raw(" broken keys with the largest |settled − expected| (fx_matched keys excluded: see their FX difference in breaks.csv).</p>\n");
        foreach (var (code, queue) in top)
        {
            var rows = new List<(int Index, (ulong Size, int Index) Key)>(queue.Count);
            while (queue.TryDequeue(out var index, out var key))
            {
                rows.Add((index, key));
            }
            rows.Reverse(); // largest first; equal sizes in breaks order
            var listed = HtmlText.FormatCount(rows.Count);
            html.Raw("<h3>").Text(code).Raw("</h3>\n<table class=\"largest\" data-currency=\"").Text(code).Raw("\">\n");
            html.Raw("<caption>").Text(code).Raw(": the ").Raw(listed).Raw(rows.Count == 1 ? " largest difference" : " largest differences").Raw("</caption>\n");
            html.Raw("<thead><tr><th class=\"n\">#</th><th>order id</th><th>component</th><th>status</th><th>market</th><th>category</th><th class=\"n\">expected</th><th class=\"n\">settled</th><th class=\"n\">difference</th></tr></thead>\n<tbody>\n");
            var rank = 0;
            foreach (var (index, _) in rows)
            {
                var b = result.Breaks[index];
                rank++;
                html.Raw("<tr><td class=\"n\">").Count(rank).Raw("</td><td class=\"id\">").Text(b.OrderId).Raw("</td><td>").Text(b.Component)
                    .Raw("</td><td><span class=\"status s-").Raw(b.Status.Name()).Raw("\">").Raw(b.Status.Name()).Raw("</span>");
                if (b.CurrencyMismatch.Length > 0)
                {
                    html.Raw("<br/><small>").Text(b.CurrencyMismatch).Raw("</small>");
                }
                html.Raw("</td><td>").Text(b.Market).Raw("</td><td>").Text(b.Category)
                    .Raw("</td><td class=\"n\">").Raw(b.Expected is { } e ? HtmlText.FormatAmount(e) : "—")
                    .Raw("</td><td class=\"n\">").Raw(b.Settled is { } st ? HtmlText.FormatAmount(st) : "—")
                    .Raw("</td><td class=\"n bad\">").Amount(b.Difference).Raw("</td></tr>\n");
            }
            html.Raw("</tbody>\n</table>\n");
        }
        html.Raw("</section>\n");
    }

    /// <summary>|minor units| without overflow at <see cref="long.MinValue"/>.</summary>
    private static ulong Size(long minor) => minor >= 0 ? (ulong)minor : unchecked(0UL - (ulong)minor);

    /// <summary>Orders the heap so that its top is the row to drop first: the smallest size, and of equal sizes the latest in breaks order.</summary>
    private sealed class SmallestFirst : IComparer<(ulong Size, int Index)>
    {
        public static readonly SmallestFirst Instance = new();

        public int Compare((ulong Size, int Index) x, (ulong Size, int Index) y) =>
            x.Size != y.Size ? x.Size.CompareTo(y.Size) : y.Index.CompareTo(x.Index);
    }

    private void WriteSettlementChecks(HtmlText html, IReadOnlyList<SettlementCheck> checks)
    {
        html.Raw("<section id=\"settlements\">\n<h2>Settlement checks</h2>\n");
        if (checks.Count == 0)
        {
            html.Raw("<p class=\"empty\">No provider report stated settlement totals to check (canonical CSV inputs have none).</p>\n</section>\n");
            return;
        }
        int balanced = 0, failed = 0, unstated = 0;
        foreach (var c in checks)
        {
            switch (c.Status)
            {
                case SettlementCheckStatus.Balanced: balanced++; break;
                case SettlementCheckStatus.SettlementTotalMismatch: failed++; break;
                default: unstated++; break;
            }
        }
        html.Raw("<p>Each settlement, payout or batch: the sum of its lines against the total its report states. ")
            .Count(balanced).Raw(" pass, ").Count(failed).Raw(" fail, ").Count(unstated).Raw(" state no total.</p>\n");
        html.Raw("<table>\n<thead><tr><th>result</th><th>file</th><th>settlement</th><th>currency</th><th class=\"n\">lines</th><th class=\"n\">computed total</th><th class=\"n\">stated total</th><th class=\"n\">computed − stated</th><th>note</th></tr></thead>\n<tbody>\n");
        var listed = checks.Where(c => c.Status == SettlementCheckStatus.SettlementTotalMismatch)
            .Concat(checks.Where(c => c.Status != SettlementCheckStatus.SettlementTotalMismatch))
            .Take(MaxSettlementChecks);
        foreach (var c in listed)
        {
            var (label, kind) = c.Status switch
            {
                SettlementCheckStatus.Balanced => ("pass", "ok"),
                SettlementCheckStatus.SettlementTotalMismatch => ("fail", "bad"),
                _ => ("no stated total", "neutral"),
            };
            html.Raw("<tr><td><span class=\"result ").Raw(kind).Raw("\">").Raw(label).Raw("</span></td><td class=\"id\">").Text(c.File)
                .Raw("</td><td class=\"id\">").Text(c.SettlementId).Raw("</td><td>").Text(c.Currency.Code)
                .Raw("</td><td class=\"n\">").Count(c.Lines).Raw("</td><td class=\"n\">").Amount(c.LinesTotal)
                .Raw("</td><td class=\"n\">").Raw(c.StatedTotal is { } stated ? HtmlText.FormatAmount(stated) : "—")
                .Raw("</td><td class=\"n").Raw(kind == "bad" ? " bad" : "").Raw("\">")
                .Raw(c.StatedTotal is { } s && s.Currency == c.LinesTotal.Currency ? HtmlText.FormatAmount(new Money(checked(c.LinesTotal.MinorUnits - s.MinorUnits), s.Currency)) : "—")
                .Raw("</td><td>").Text(c.Note).Raw("</td></tr>\n");
        }
        html.Raw("</tbody>\n</table>\n");
        if (checks.Count > MaxSettlementChecks)
        {
            html.Raw("<p class=\"note\">").Count(checks.Count - MaxSettlementChecks).Raw(" more checks are in the summary JSON.</p>\n");
        }
        html.Raw("</section>\n");
    }

    private void WriteRejects(HtmlText html, ReconciliationResult result)
    {
        var rejects = result.Rejects;
        html.Raw("<section id=\"rejects\">\n<h2>Rejected lines</h2>\n");
        if (rejects.Count == 0)
        {
            html.Raw("<p class=\"empty ok\">No line was rejected.</p>\n</section>\n");
            return;
        }
        html.Raw("<p class=\"bad\">").Count(rejects.Count).Raw(rejects.Count == 1 ? " line was" : " lines were").Raw(" rejected (every one is in rejects.csv).");
        var shown = Math.Min(RejectSamples, rejects.Count);
        if (shown > 0)
        {
            html.Raw(shown == rejects.Count ? "" : " The first " + HtmlText.FormatCount(shown) + ":");
        }
        html.Raw("</p>\n");
        if (shown > 0)
        {
            html.Raw("<table>\n<thead><tr><th>file</th><th class=\"n\">line</th><th class=\"n\">column</th><th>value</th><th>reason</th></tr></thead>\n<tbody>\n");
            for (var i = 0; i < shown; i++)
            {
                var r = rejects[i];
                html.Raw("<tr><td class=\"id\">").Text(r.File).Raw("</td><td class=\"n\">").Count(r.Line).Raw("</td><td class=\"n\">")
                    .Raw(r.Column > 0 ? HtmlText.FormatCount(r.Column) : "row").Raw("</td><td class=\"id\">").Text(r.Value).Raw("</td><td>").Text(r.Reason).Raw("</td></tr>\n");
            }
            html.Raw("</tbody>\n</table>\n");
        }
        html.Raw("</section>\n");
    }

    private const string Style = """
        :root { color-scheme: light; --ink: #1c2833; --muted: #5d6d7e; --rule: #d5d8dc; --ok: #1e8449; --bad: #b03a2e; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 1120px; padding: 24px 28px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--rule); }
        h3 { font-size: 15px; margin: 18px 0 6px; }
        .meta, .note, footer { color: var(--muted); }
        footer { margin-top: 40px; font-size: 12px; }
        .ok { color: var(--ok); }
        .bad { color: var(--bad); }
        .empty { font-size: 15px; padding: 12px 16px; background: #f4f6f6; border-left: 4px solid var(--rule); }
        .empty.ok { border-left-color: var(--ok); }
        ul.tiles { list-style: none; display: flex; flex-wrap: wrap; gap: 12px; padding: 0; margin: 0 0 12px; }
        ul.tiles li { flex: 1 1 150px; border: 1px solid var(--rule); border-radius: 6px; padding: 10px 14px; color: var(--ink); }
        ul.tiles li.ok { border-top: 4px solid var(--ok); }
        ul.tiles li.bad { border-top: 4px solid var(--bad); }
        .figure { display: block; font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
        .caption { display: block; color: var(--muted); font-size: 12px; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; font-size: 13px; }
        caption { text-align: left; color: var(--muted); font-size: 12px; padding-bottom: 4px; }
        th, td { border-bottom: 1px solid var(--rule); padding: 5px 8px; text-align: left; vertical-align: top; }
        thead th { background: #f4f6f6; font-weight: 600; border-bottom: 2px solid var(--rule); }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        table.largest { table-layout: fixed; }
        table.largest th:nth-child(1) { width: 40px; }
        table.largest th:nth-child(2) { width: 16%; }
        table.largest th:nth-child(3) { width: 14%; }
        table.largest th:nth-child(4) { width: 17%; }
        table.largest th:nth-child(5) { width: 8%; }
        table.largest th:nth-child(6) { width: 11%; }
        td.id { word-break: break-all; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12px; }
        .chart-box { margin: 8px 0 22px; }
        svg.chart { display: block; max-width: 100%; height: auto; font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
        svg.chart .grid { stroke: #e5e8e8; stroke-width: 1; }
        svg.chart .baseline { stroke: #7f8c8d; stroke-width: 1; }
        svg.chart text { fill: var(--ink); }
        svg.chart .tick, svg.chart .unit { fill: var(--muted); font-size: 11px; }
        svg.chart .value { font-weight: 600; font-variant-numeric: tabular-nums; }
        dl.legend { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0 0; font-size: 12px; }
        dl.legend dt { font-weight: 600; }
        dl.legend dd { margin: 0; color: var(--muted); }
        .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; border-radius: 2px; }
        .status { white-space: nowrap; font-size: 12px; }
        .s-missing_settlement { color: #c0392b; }
        .s-unexpected_settlement { color: #b9770e; }
        .s-amount_mismatch { color: #7d3c98; }
        .s-fx_matched { color: #138d75; }
        .result { display: inline-block; white-space: nowrap; min-width: 44px; text-align: center; padding: 1px 6px; border-radius: 3px; font-size: 12px; font-weight: 600; color: #fff; }
        .result.ok { background: var(--ok); }
        .result.bad { background: var(--bad); }
        .result.neutral { background: #7f8c8d; }
        @media print { body { max-width: none; padding: 0; } h2 { break-after: avoid; } table, svg { break-inside: avoid; } }

        """;
}
