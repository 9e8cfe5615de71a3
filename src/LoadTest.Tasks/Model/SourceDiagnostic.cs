namespace LoadTest.Tasks.Model;

public enum DiagnosticSeverity
{
    /// <summary>A line of detail for the build log at detailed verbosity (-v:d), e.g. each operation a flow step may name.</summary>
    Detail,
    Info,
    Warning,
    Error,
}

/// <summary>
/// A finding about the user's input with a stable code (see docs/diagnostics.md): what is wrong, where,
/// and what to do. Becomes an MSBuild error or warning; never a stack trace.
/// </summary>
public sealed record SourceDiagnostic(string Code, DiagnosticSeverity Severity, string Message, SourceLocation Location)
{
    /// <summary>What the user can do about it, in one sentence.</summary>
    public string? Help { get; init; }

    public static SourceDiagnostic Error(string code, string message, SourceLocation location, string? help = null) =>
        new(code, DiagnosticSeverity.Error, message, location) { Help = help };

    public static SourceDiagnostic Warning(string code, string message, SourceLocation location, string? help = null) =>
        new(code, DiagnosticSeverity.Warning, message, location) { Help = help };
}
