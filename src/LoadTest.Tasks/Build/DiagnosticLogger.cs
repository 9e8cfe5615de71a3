using LoadTest.Tasks.Model;
using Microsoft.Build.Utilities;

namespace LoadTest.Tasks.Build;

/// <summary>Turns source diagnostics into MSBuild errors and warnings with code, file, line and column.</summary>
internal static class DiagnosticLogger
{
    public static void Log(TaskLoggingHelper log, IEnumerable<SourceDiagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            var message = d.Help is null ? d.Message : $"{d.Message} {d.Help}";
            if (d.Location.Pointer is { Length: > 0 } pointer)
            {
                message += $" (at {pointer})";
            }
            var (file, line, column) = (d.Location.File, d.Location.Line, d.Location.Column);
            switch (d.Severity)
            {
                case DiagnosticSeverity.Error:
                    log.LogError(null, d.Code, null, file, line, column, 0, 0, "{0}", message);
                    break;
                case DiagnosticSeverity.Warning:
                    log.LogWarning(null, d.Code, null, file, line, column, 0, 0, "{0}", message);
                    break;
                default:
                    log.LogMessage(null, d.Code, null, file, line, column, 0, 0, Microsoft.Build.Framework.MessageImportance.Normal, "{0}", message);
                    break;
            }
        }
    }
}
