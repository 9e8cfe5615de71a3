using LoadTest.Runtime.Analysis;
using LoadTest.Tasks.Model;
using Microsoft.Build.Utilities;
using DiagnosticSeverity = LoadTest.Tasks.Model.DiagnosticSeverity;

namespace LoadTest.Tasks.Build;

/// <summary>Turns source and analysis diagnostics into MSBuild errors and warnings with code, file, line and column.</summary>
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
                case DiagnosticSeverity.Detail:
                    log.LogMessage(null, d.Code, null, file, line, column, 0, 0, Microsoft.Build.Framework.MessageImportance.Low, "{0}", message);
                    break;
                default:
                    log.LogMessage(null, d.Code, null, file, line, column, 0, 0, Microsoft.Build.Framework.MessageImportance.Normal, "{0}", message);
                    break;
            }
        }
    }

    /// <summary>Diagnostics of the runtime's analysis and merge (results files have a file, sometimes a line).</summary>
    public static void Log(TaskLoggingHelper log, IEnumerable<AnalysisDiagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            var message = $"{d.Message} {d.Fix}".TrimEnd();
            var (file, line) = (d.File ?? "", d.Line ?? 0);
            switch (d.Severity)
            {
                case LoadTest.Runtime.Analysis.DiagnosticSeverity.Error:
                    log.LogError(null, d.Code, null, file, line, 0, 0, 0, "{0}", message);
                    break;
                case LoadTest.Runtime.Analysis.DiagnosticSeverity.Warning:
                    log.LogWarning(null, d.Code, null, file, line, 0, 0, 0, "{0}", message);
                    break;
                default:
                    log.LogMessage(null, d.Code, null, file, line, 0, 0, 0, Microsoft.Build.Framework.MessageImportance.Normal, "{0}", message);
                    break;
            }
        }
    }
}
