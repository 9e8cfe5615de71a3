using System.Globalization;
using System.Net;
using System.Text;

namespace LoadTest.Runtime.Reporting;

/// <summary>A line series to draw: points in data units and a colour.</summary>
internal sealed record ChartSeries(string Name, string Color, IReadOnlyList<(double X, double Y)> Points, bool Markers = false, bool Dashed = false);

/// <summary>A shaded x-range with a label (stage bands).</summary>
internal sealed record ChartBand(double From, double To, string Label);

/// <summary>A vertical (x) or horizontal (y) reference line with a label (knee, SLO limit).</summary>
internal sealed record ChartRule(bool Vertical, double At, string Label, string Color);

/// <summary>A text label's box in pixels, to keep labels from overlapping.</summary>
internal readonly record struct LabelBox(double X, double Y, double Width, double Height)
{
    public bool Overlaps(LabelBox o) => X < o.X + o.Width && o.X < X + Width && Y < o.Y + o.Height && o.Y < Y + Height;
}

/// <summary>
/// Draws a line chart as inline SVG: axes with round ticks (1, 2, 5 × 10ⁿ), a legend on its own rows under the title,
/// stage bands, rules and series. Labels never overlap: each is placed where no earlier one is (bands whose label does
/// not fit are left unlabelled, with the label as a tooltip). Self-contained: the report must open offline.
/// </summary>
internal static class SvgChart
{
    public const int Width = 1100, Height = 340;
    private const int Left = 70, Right = 24, Bottom = 45;
    private const double FontSize = 11;

    /// <summary>A conservative width of a label in pixels (system-ui at 11 px averages under 0.6 em per character).</summary>
    public static double TextWidth(string text, double fontSize = FontSize) => text.Length * fontSize * 0.62;

    public static string Render(string id, string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series,
        IReadOnlyList<ChartBand>? bands = null, IReadOnlyList<ChartRule>? rules = null, Func<double, string>? yFormat = null, double? yCap = null)
    {
        var all = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var svg = new StringBuilder();
        var placed = new List<LabelBox>();
        svg.Append(Inv($"<svg id=\"{id}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Esc(title)}\">"));
        svg.Append(Inv($"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{Height}\" fill=\"#ffffff\"/>"));
        Text(svg, placed, Left, 18, title, 14, "#222", bold: true);
        // Legend rows under the title, wrapped to the plot's width.
        var legendY = 38.0;
        var lx = (double)Left;
        foreach (var s in series)
        {
            var w = 14 + TextWidth(s.Name) + 16;
            if (lx + w > Width - Right && lx > Left)
            {
                lx = Left;
                legendY += 16;
            }
            svg.Append(Inv($"<rect x=\"{lx:0.#}\" y=\"{legendY - 9:0.#}\" width=\"10\" height=\"10\" fill=\"{s.Color}\"/>"));
            Text(svg, placed, lx + 14, legendY, s.Name, FontSize, "#333");
            lx += w;
        }
        var top = legendY + 14;
        if (all.Count == 0)
        {
            svg.Append(Inv($"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\" fill=\"#888\">no data</text></svg>"));
            return svg.ToString();
        }
        double xMin = all.Min(p => p.X), xMax = all.Max(p => p.X), yMax = all.Max(p => p.Y);
        foreach (var r in rules ?? [])
        {
            if (r.Vertical) xMax = Math.Max(xMax, r.At);
            else yMax = Math.Max(yMax, r.At);
        }
        if (xMax <= xMin) xMax = xMin + 1;
        var xAxis = Axis.For(xMin, xMax, 8, fromZero: xMin >= 0 && xMin < (xMax - xMin) * 0.25);
        var yAxis = Axis.For(0, yMax <= 0 ? 1 : yMax * 1.05, 5, fromZero: true);
        // Shares never exceed 100 %: do not let the rounding push the axis past it.
        if (yCap is { } cap && yMax <= cap && yAxis.Max > cap) yAxis = Axis.Fixed(0, cap, 5);
        double plotW = Width - Left - Right, plotH = Height - top - Bottom;
        double Sx(double x) => Left + (x - xAxis.Min) / (xAxis.Max - xAxis.Min) * plotW;
        double Sy(double y) => top + plotH - Math.Clamp(y / yAxis.Max, 0, 1.02) * plotH;
        var fmt = yFormat ?? yAxis.Label;

        var shade = 0;
        foreach (var band in bands ?? [])
        {
            double x0 = Sx(Math.Max(band.From, xAxis.Min)), x1 = Sx(Math.Min(band.To, xAxis.Max));
            if (x1 <= x0) continue;
            svg.Append(Inv($"<rect x=\"{x0:0.#}\" y=\"{top:0.#}\" width=\"{x1 - x0:0.#}\" height=\"{plotH:0.#}\" fill=\"{(shade++ % 2 == 0 ? "#f1f4f8" : "#e6ebf2")}\"><title>{Esc(band.Label)}</title></rect>"));
            // A band label is drawn only where it fits inside its band and clear of the others.
            var box = new LabelBox(x0 + 4, top + 2, TextWidth(band.Label, 10), 12);
            if (box.Width + 8 <= x1 - x0 && !placed.Any(b => b.Overlaps(box)))
            {
                Text(svg, placed, x0 + 4, top + 12, band.Label, 10, "#556");
            }
        }
        // Grid and ticks at round values.
        foreach (var v in yAxis.Ticks)
        {
            var y = Sy(v);
            svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" stroke=\"#dde\" stroke-width=\"1\"/>"));
            Text(svg, placed, Left - 6, y + 4, fmt(v), FontSize, "#444", anchor: "end");
        }
        foreach (var v in xAxis.Ticks)
        {
            Text(svg, placed, Sx(v), Height - Bottom + 16, xAxis.Label(v), FontSize, "#444", anchor: "middle");
        }
        svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{top + plotH:0.#}\" x2=\"{Width - Right}\" y2=\"{top + plotH:0.#}\" stroke=\"#333\"/>"));
        svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{top:0.#}\" x2=\"{Left}\" y2=\"{top + plotH:0.#}\" stroke=\"#333\"/>"));
        Text(svg, placed, Left + plotW / 2, Height - 8, xLabel, 12, "#333", anchor: "middle");
        svg.Append(Inv($"<text x=\"14\" y=\"{top + plotH / 2:0.#}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#333\" transform=\"rotate(-90 14 {top + plotH / 2:0.#})\">{Esc(yLabel)}</text>"));

        foreach (var s in series)
        {
            var pts = s.Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).OrderBy(p => p.X).ToList();
            if (pts.Count == 0) continue;
            var path = string.Join(" ", pts.Select(p => Inv($"{Sx(p.X):0.#},{Sy(p.Y):0.#}")));
            svg.Append(Inv($"<polyline class=\"series\" fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"2.5\"{(s.Dashed ? " stroke-dasharray=\"6 4\"" : "")} points=\"{path}\"/>"));
            if (s.Markers)
            {
                foreach (var p in pts) svg.Append(Inv($"<circle cx=\"{Sx(p.X):0.#}\" cy=\"{Sy(p.Y):0.#}\" r=\"3\" fill=\"{s.Color}\"/>"));
            }
        }
        foreach (var r in (rules ?? []).Where(r => !r.Vertical))
        {
            var y = Sy(r.At);
            svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" stroke=\"{r.Color}\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>"));
            // Above the line at the right end; below it if that spot is taken.
            var w = TextWidth(r.Label);
            var above = new LabelBox(Width - Right - 4 - w, y - 15, w, 13);
            var spot = placed.Any(b => b.Overlaps(above)) ? above with { Y = y + 3 } : above;
            if (!placed.Any(b => b.Overlaps(spot))) Text(svg, placed, spot.X, spot.Y + 11, r.Label, FontSize, r.Color);
        }
        foreach (var r in (rules ?? []).Where(r => r.Vertical))
        {
            var x = Sx(r.At);
            svg.Append(Inv($"<line x1=\"{x:0.#}\" y1=\"{top:0.#}\" x2=\"{x:0.#}\" y2=\"{top + plotH:0.#}\" stroke=\"{r.Color}\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>"));
            // Right of the line (left when it would leave the plot), in the first row from the top where it overlaps nothing.
            var w = TextWidth(r.Label);
            var lx0 = x + 4 + w > Width - Right ? x - 4 - w : x + 4;
            for (var row = 0; row < 12; row++)
            {
                var box = new LabelBox(lx0, top + 16 + 14 * row, w, 13);
                if (placed.Any(b => b.Overlaps(box))) continue;
                Text(svg, placed, box.X, box.Y + 11, r.Label, FontSize, r.Color);
                break;
            }
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Text(StringBuilder svg, List<LabelBox> placed, double x, double baseline, string text, double size, string color, bool bold = false, string anchor = "start")
    {
        var w = TextWidth(text, size);
        var left = anchor switch { "middle" => x - w / 2, "end" => x - w, _ => x };
        placed.Add(new LabelBox(left, baseline - size, w, size + 2));
        svg.Append(Inv($"<text x=\"{x:0.#}\" y=\"{baseline:0.#}\" font-size=\"{size:0.#}\"{(bold ? " font-weight=\"bold\"" : "")}{(anchor == "start" ? "" : $" text-anchor=\"{anchor}\"")} fill=\"{color}\">{Esc(text)}</text>"));
    }

    private static string Esc(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>An axis from Min to Max with ticks every Step, all multiples of a 1, 2 or 5 × 10ⁿ step.</summary>
internal sealed record Axis(double Min, double Max, double Step)
{
    public IEnumerable<double> Ticks
    {
        get
        {
            var count = (int)Math.Round((Max - Min) / Step);
            for (var i = 0; i <= count; i++) yield return Min + i * Step;
        }
    }

    /// <summary>A tick label with just the decimals the step needs (0.5 → one decimal, 20 → none).</summary>
    public string Label(double value)
    {
        var decimals = Step >= 1 ? 0 : (int)Math.Ceiling(-Math.Log10(Step) - 1e-9);
        var rounded = Math.Round(value, decimals);
        return rounded.ToString(rounded >= 10_000 ? "#,0" : "0." + new string('#', decimals), CultureInfo.InvariantCulture) is { Length: > 0 } s && s != "-0" ? s : "0";
    }

    /// <summary>The axis covering [min, max] with about <paramref name="ticks"/> intervals, ends on multiples of the step.</summary>
    public static Axis For(double min, double max, int ticks, bool fromZero)
    {
        if (fromZero) min = Math.Min(0, min);
        if (max <= min) max = min + 1;
        var step = NiceStep((max - min) / ticks);
        return new Axis(Math.Floor(min / step + 1e-9) * step, Math.Ceiling(max / step - 1e-9) * step, step);
    }

    /// <summary>An axis with fixed ends (a share capped at 100 %), ticks at a round step inside them.</summary>
    public static Axis Fixed(double min, double max, int ticks) => new(min, max, NiceStep((max - min) / ticks));

    // 1, 2, 5 × 10ⁿ: steps people can read.
    public static double NiceStep(double raw)
    {
        if (raw <= 0 || !double.IsFinite(raw)) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var f in new[] { 1.0, 2, 5, 10 })
        {
            if (f * magnitude >= raw - 1e-12 * magnitude) return f * magnitude;
        }
        return 10 * magnitude;
    }
}
