using System.Globalization;
using System.Xml.Linq;
using LoadTest.Runtime.Baselines;

namespace LoadTest.Runtime.CiOutputs;

/// <summary>
/// JUnit XML that every CI can show as tests: each threshold and each baseline check is a testcase; failures carry
/// "measured vs limit" as their message; checks with too few samples are skipped.
/// </summary>
public static class JUnitReport
{
    public const string FileName = "junit.xml";

    public static XDocument Build(CiPublication publication)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var cases = new List<XElement>();
        foreach (var threshold in publication.Thresholds)
        {
            var testcase = Case($"LoadTest.{publication.RunName}.thresholds", $"{threshold.Metric}: {threshold.Expression}");
            if (!threshold.Passed)
            {
                testcase.Add(new XElement("failure",
                    new XAttribute("type", "threshold"),
                    new XAttribute("message", CiPublication.MeasuredVersusLimit(threshold)),
                    threshold.Describe()));
            }
            cases.Add(testcase);
        }

        foreach (var check in publication.Baseline?.Checks ?? [])
        {
            var testcase = Case($"LoadTest.{publication.RunName}.baseline", check.Name);
            if (check.Status == RegressionStatus.Regressed)
            {
                testcase.Add(new XElement("failure", new XAttribute("type", "regression"), new XAttribute("message", check.Message), check.Message));
            }
            else if (check.Status == RegressionStatus.NotCompared)
            {
                testcase.Add(new XElement("skipped", new XAttribute("message", check.Message)));
            }
            cases.Add(testcase);
        }

        if (publication.BaselineProblem is { } problem)
        {
            var testcase = Case($"LoadTest.{publication.RunName}.baseline", "baseline readable");
            testcase.Add(new XElement("failure", new XAttribute("type", "baseline"), new XAttribute("message", problem), problem));
            cases.Add(testcase);
        }

        if (publication.Aborted)
        {
            var testcase = Case($"LoadTest.{publication.RunName}.run", "run completed");
            var reason = publication.AbortReason ?? "the run was aborted";
            testcase.Add(new XElement("failure", new XAttribute("type", "aborted"), new XAttribute("message", reason), reason));
            cases.Add(testcase);
        }

        var failures = cases.Count(c => c.Element("failure") is not null);
        var skipped = cases.Count(c => c.Element("skipped") is not null);
        var suite = new XElement("testsuite",
            new XAttribute("name", $"LoadTest.{publication.RunName}"),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", 0),
            new XAttribute("skipped", skipped),
            new XAttribute("time", "0"),
            cases);
        if (publication.Notes.Count > 0) suite.Add(new XElement("system-out", string.Join('\n', publication.Notes)));
        return new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement("testsuites",
                new XAttribute("name", "LoadTest"),
                new XAttribute("tests", cases.Count.ToString(CultureInfo.InvariantCulture)),
                new XAttribute("failures", failures),
                new XAttribute("errors", 0),
                new XAttribute("skipped", skipped),
                suite));
    }

    /// <summary>Writes <c>junit.xml</c> into the results folder; returns its path.</summary>
    public static string Write(CiPublication publication, string? path = null)
    {
        path ??= Path.Combine(publication.ResultsDirectory, FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        Build(publication).Save(path);
        return path;
    }

    private static XElement Case(string className, string name) =>
        new("testcase", new XAttribute("classname", className), new XAttribute("name", name), new XAttribute("time", "0"));
}
