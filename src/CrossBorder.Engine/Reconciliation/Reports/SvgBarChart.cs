namespace CrossBorder.Engine.Reconciliation.Reports;

/// <summary>One bar: its label, its value and its fill colour (a CSS colour, markup).</summary>
internal readonly record struct Bar(string Label, long Value, string Colour);

/// <summary>
/// A horizontal bar chart as inline SVG, geometry computed here: one bar per item, bar length proportional to the
/// value on a 0-based axis with round ticks, the value as text at the end of each bar and a &lt;title&gt; on the chart
/// and on each bar. Well-formed XML; no namespace declaration (HTML5 puts &lt;svg&gt; in the SVG namespace).
/// </summary>
internal static class SvgBarChart
{
    public const double Width = 720;
    public const double BarHeight = 22;
    public const double BarGap = 8;
    private const double Top = 8;
    private const double AxisHeight = 40;
    private const double CharWidth = 7.2; // 12px sans-serif, generous
    private const int MaxLabelChars = 28;

    /// <summary>The length of the plotting area's axis for a chart of these values (the left edge is at <paramref name="left"/>).</summary>
    public static double PlotWidth(double left, long max) => Width - left - ValueRoom(max);

    /// <summary>Writes the chart. <paramref name="id"/> must be unique in the page (a-z, digits, '-').</summary>
    public static void Write(HtmlText html, string id, string title, string description, string unit, IReadOnlyList<Bar> bars)
    {
        var max = 0L;
        var longest = 1;
        foreach (var bar in bars)
        {
            max = Math.Max(max, bar.Value);
            longest = Math.Max(longest, Math.Min(MaxLabelChars, bar.Label.Length));
        }
        var (step, axisMax) = Ticks(max);
        var left = Math.Ceiling(longest * CharWidth) + 12;
        var plot = PlotWidth(left, max);
        var height = Top + bars.Count * (BarHeight + BarGap) + AxisHeight;
        var axisY = Top + bars.Count * (BarHeight + BarGap);

        html.Raw("<svg class=\"chart\" id=\"").Raw(id).Raw("\" role=\"img\" aria-labelledby=\"").Raw(id).Raw("-title ").Raw(id).Raw("-desc\" width=\"")
            .Number(Width).Raw("\" height=\"").Number(height).Raw("\" viewBox=\"0 0 ").Number(Width).Raw(" ").Number(height).Raw("\">\n");
        html.Raw("<title id=\"").Raw(id).Raw("-title\">").Text(title).Raw("</title>\n");
        html.Raw("<desc id=\"").Raw(id).Raw("-desc\">").Text(description).Raw("</desc>\n");

        // Grid lines and tick labels.
        html.Raw("<g class=\"axis\">\n");
        for (var tick = 0L; tick <= axisMax; tick += step)
        {
            var x = left + plot * tick / axisMax;
            html.Raw("<line class=\"grid\" x1=\"").Number(x).Raw("\" y1=\"").Number(Top - 4).Raw("\" x2=\"").Number(x).Raw("\" y2=\"").Number(axisY)
                .Raw("\"/>\n<text class=\"tick\" x=\"").Number(x).Raw("\" y=\"").Number(axisY + 14).Raw("\" text-anchor=\"middle\">").Count(tick).Raw("</text>\n");
        }
        html.Raw("<line class=\"baseline\" x1=\"").Number(left).Raw("\" y1=\"").Number(Top - 4).Raw("\" x2=\"").Number(left).Raw("\" y2=\"").Number(axisY).Raw("\"/>\n");
        html.Raw("<text class=\"unit\" x=\"").Number(left + plot / 2).Raw("\" y=\"").Number(axisY + 32).Raw("\" text-anchor=\"middle\">").Text(unit).Raw("</text>\n");
        html.Raw("</g>\n");

        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = Top + i * (BarHeight + BarGap);
            var length = plot * bar.Value / axisMax;
            var label = bar.Label.Length > MaxLabelChars ? bar.Label[..(MaxLabelChars - 1)] + "\u2026" : bar.Label;
            html.Raw("<g class=\"bar\">\n<title>").Text(bar.Label).Raw(": ").Count(bar.Value).Raw(" ").Text(unit).Raw("</title>\n");
            html.Raw("<text class=\"label\" x=\"").Number(left - 8).Raw("\" y=\"").Number(y + BarHeight / 2 + 4).Raw("\" text-anchor=\"end\">").Text(label).Raw("</text>\n");
            html.Raw("<rect x=\"").Number(left).Raw("\" y=\"").Number(y).Raw("\" width=\"").Number(length).Raw("\" height=\"").Number(BarHeight)
                .Raw("\" fill=\"").Raw(bar.Colour).Raw("\"/>\n");
            html.Raw("<text class=\"value\" x=\"").Number(left + length + 6).Raw("\" y=\"").Number(y + BarHeight / 2 + 4).Raw("\">").Count(bar.Value).Raw("</text>\n</g>\n");
        }
        html.Raw("</svg>\n");
    }

    /// <summary>A round tick step (1, 2 or 5 × 10^k, at least 1) giving at most about six ticks, and the axis end: the first tick at or above the maximum.</summary>
    internal static (long Step, long AxisMax) Ticks(long max)
    {
        if (max <= 0)
        {
            return (1, 1);
        }
        var step = 1L;
        while (true)
        {
            foreach (var m in new[] { 1L, 2L, 5L })
            {
                var candidate = step * m;
                if (max / candidate <= 5)
                {
                    var axisMax = (max + candidate - 1) / candidate * candidate;
                    return (candidate, axisMax);
                }
            }
            step *= 10;
        }
    }

    private static double ValueRoom(long max) => HtmlText.FormatCount(max).Length * CharWidth + 16;
}
