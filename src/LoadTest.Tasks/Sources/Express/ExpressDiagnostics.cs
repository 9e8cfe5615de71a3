using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Sources.Express;

/// <summary>The stable LT11xx codes of the Express reader (documented in docs/diagnostics/express.md).</summary>
internal static class ExpressCodes
{
    public const string NoSources = "LT1100";
    public const string UnresolvedRoutePath = "LT1101";
    public const string UnresolvedMount = "LT1102";
    public const string UnresolvedImport = "LT1103";
    public const string UnresolvedType = "LT1104";
    public const string RouterNotMounted = "LT1105";
    public const string UnreadableFile = "LT1106";
    public const string NoRoutes = "LT1107";
    public const string MountCycle = "LT1108";
    public const string UnsupportedValidator = "LT1109";
    public const string SyntaxError = "LT1110";
    public const string UntypedBodyValue = "LT1111";
    public const string BodyKnownByNames = "LT1112";
}

/// <summary>Collects diagnostics once each (the same finding reached twice is reported once).</summary>
internal sealed class DiagnosticBag
{
    private readonly List<SourceDiagnostic> _items = [];
    private readonly HashSet<(string, string, string, int)> _seen = [];

    public IReadOnlyList<SourceDiagnostic> Items => _items;

    public void Warn(string code, string message, string file, int line, string? help = null) =>
        Add(SourceDiagnostic.Warning(code, message, new SourceLocation(file, Math.Max(line, 1)), help));

    public void Error(string code, string message, string file, int line, string? help = null) =>
        Add(SourceDiagnostic.Error(code, message, new SourceLocation(file, Math.Max(line, 1)), help));

    public void Add(SourceDiagnostic diagnostic)
    {
        if (_seen.Add((diagnostic.Code, diagnostic.Message, diagnostic.Location.File, diagnostic.Location.Line)))
        {
            _items.Add(diagnostic);
        }
    }
}
