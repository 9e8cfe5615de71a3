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

/// <summary>
/// Draws a simple line chart as inline SVG: axes with round-number ticks, bands, rules, series and a legend.
/// Self-contained on purpose: the report must open offline and in CI artefact viewers.
/// </summary>
internal static class SvgChart
{
    public const int Width = 1100, Height = 320;
    private const int Left = 70, Right = 20, Top = 30, Bottom = 45;

    public static string Render(string id, string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series,
        IReadOnlyList<ChartBand>? bands = null, IReadOnlyList<ChartRule>? rules = null, Func<double, string>? yFormat = null, double? yCap = null)
    {
        var all = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var svg = new StringBuilder();
        svg.Append(Inv($"<svg id=\"{id}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Esc(title)}\">"));
        svg.Append(Inv($"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{Height}\" fill=\"#ffffff\"/>"));
        svg.Append(Inv($"<text x=\"{Left}\" y=\"18\" font-size=\"14\" font-weight=\"bold\" fill=\"#222\">{Esc(title)}</text>"));
        if (all.Count == 0)
        {
            svg.Append(Inv($"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\" fill=\"#888\">no data</text></svg>"));
            return svg.ToString();
        }
        double xMin = all.Min(p => p.X), xMax = all.Max(p => p.X);
        double yMax = all.Max(p => p.Y);
        foreach (var r in rules ?? [])
        {
            if (r.Vertical) xMax = Math.Max(xMax, r.At);
            else yMax = Math.Max(yMax, r.At);
        }
        if (xMax <= xMin) xMax = xMin + 1;
        var yTop = NiceCeiling(yMax <= 0 ? 1 : yMax * 1.05);
        // Shares never exceed 100 %: do not let the rounding push the axis to 200 %.
        if (yCap is { } cap && yMax <= cap) yTop = Math.Min(yTop, cap);
        double plotW = Width - Left - Right, plotH = Height - Top - Bottom;
        double Sx(double x) => Left + (x - xMin) / (xMax - xMin) * plotW;
        double Sy(double y) => Top + plotH - Math.Clamp(y / yTop, 0, 1.02) * plotH;
        var fmt = yFormat ?? (v => v.ToString("0.##", CultureInfo.InvariantCulture));

        var shade = 0;
        foreach (var band in bands ?? [])
        {
            double x0 = Sx(Math.Max(band.From, xMin)), x1 = Sx(Math.Min(band.To, xMax));
            if (x1 <= x0) continue;
            svg.Append(Inv($"<rect x=\"{x0:0.#}\" y=\"{Top}\" width=\"{x1 - x0:0.#}\" height=\"{plotH:0.#}\" fill=\"{(shade++ % 2 == 0 ? "#f1f4f8" : "#e6ebf2")}\"/>"));
            svg.Append(Inv($"<text x=\"{x0 + 4:0.#}\" y=\"{Top + 12}\" font-size=\"10\" fill=\"#556\">{Esc(band.Label)}</text>"));
        }
        // Grid and ticks.
        for (var i = 0; i <= 4; i++)
        {
            var v = yTop * i / 4;
            var y = Sy(v);
            svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" stroke=\"#dde\" stroke-width=\"1\"/>"));
            svg.Append(Inv($"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" font-size=\"11\" text-anchor=\"end\" fill=\"#444\">{Esc(fmt(v))}</text>"));
        }
        for (var i = 0; i <= 5; i++)
        {
            var v = xMin + (xMax - xMin) * i / 5;
            var x = Sx(v);
            svg.Append(Inv($"<text x=\"{x:0.#}\" y=\"{Height - Bottom + 16}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#444\">{v:0.#}</text>"));
        }
        svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{Top + plotH}\" x2=\"{Width - Right}\" y2=\"{Top + plotH}\" stroke=\"#333\"/>"));
        svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotH}\" stroke=\"#333\"/>"));
        svg.Append(Inv($"<text x=\"{Left + plotW / 2:0.#}\" y=\"{Height - 8}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#333\">{Esc(xLabel)}</text>"));
        svg.Append(Inv($"<text x=\"14\" y=\"{Top + plotH / 2:0.#}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#333\" transform=\"rotate(-90 14 {Top + plotH / 2:0.#})\">{Esc(yLabel)}</text>"));

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
        var verticalLabels = 0;
        foreach (var r in rules ?? [])
        {
            if (r.Vertical)
            {
                var x = Sx(r.At);
                // Stack the labels of vertical rules so close ones (knee and break) stay readable.
                var labelY = Top + 26 + 14 * verticalLabels++;
                svg.Append(Inv($"<line x1=\"{x:0.#}\" y1=\"{Top}\" x2=\"{x:0.#}\" y2=\"{Top + plotH}\" stroke=\"{r.Color}\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>"));
                svg.Append(Inv($"<text x=\"{x + 4:0.#}\" y=\"{labelY}\" font-size=\"11\" fill=\"{r.Color}\">{Esc(r.Label)}</text>"));
            }
            else
            {
                var y = Sy(r.At);
                svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" stroke=\"{r.Color}\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>"));
                svg.Append(Inv($"<text x=\"{Width - Right - 4}\" y=\"{y - 4:0.#}\" font-size=\"11\" text-anchor=\"end\" fill=\"{r.Color}\">{Esc(r.Label)}</text>"));
            }
        }
        // Legend, top right.
        var lx = Width - Right - 10.0;
        foreach (var s in series.Reverse())
        {
            var w = 14 + 7 * s.Name.Length;
            lx -= w + 12;
            svg.Append(Inv($"<rect x=\"{lx:0.#}\" y=\"8\" width=\"10\" height=\"10\" fill=\"{s.Color}\"/>"));
            svg.Append(Inv($"<text x=\"{lx + 14:0.#}\" y=\"17\" font-size=\"11\" fill=\"#333\">{Esc(s.Name)}</text>"));
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    // 1, 2, 2.5, 5 × 10^k: axis tops people can read.
    private static double NiceCeiling(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= value) return step * magnitude;
        }
        return 10 * magnitude;
    }

    private static string Esc(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
