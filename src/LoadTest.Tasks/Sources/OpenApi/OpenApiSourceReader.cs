using System.Text;
using System.Text.Json.Nodes;
using LoadTest.Tasks.Model;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace LoadTest.Tasks.Sources.OpenApi;

/// <summary>
/// Reads an OpenAPI 2.0 / 3.0 / 3.1 / 3.2 document (JSON or YAML, with references into other files) into an
/// <see cref="ApiModel"/>. Everything that can go wrong becomes an LT10xx diagnostic with file and line; nothing
/// the library throws escapes.
/// </summary>
/// <param name="references">Where <c>$ref</c>s may read files; by default only the spec's own folder.</param>
public sealed partial class OpenApiSourceReader(ReferenceRoots? references = null) : IApiSourceReader
{
    private static readonly string[] Extensions = [".json", ".yaml", ".yml"];

    /// <summary>How far into a file CanRead looks for the openapi/swagger key; real documents put it at the top.</summary>
    private const int SniffBytes = 64 * 1024;

    public string Kind => "openapi";

    public bool CanRead(string path)
    {
        try
        {
            if (!File.Exists(path) || !Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
            {
                return false;
            }

            using var stream = File.OpenRead(path);
            var buffer = new byte[Math.Min(SniffBytes, stream.Length)];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return VersionKeySniffer.HasVersionKey(Encoding.UTF8.GetString(buffer, 0, read));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    public SourceReadResult Read(string path, CancellationToken cancellationToken = default)
    {
        var diagnostics = new List<SourceDiagnostic>();
        try
        {
            var model = ReadModel(path, references ?? ReferenceRoots.SourceFolderOnly, diagnostics, cancellationToken);
            return new SourceReadResult(model, diagnostics);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Last line of defence: whatever slipped through is still reported, not thrown (unless errors already
            // said what is wrong: what tripped the reader is one of them).
            if (!diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                diagnostics.Add(LibraryFailure(path, ex, new SourceLocation(path, 1, 1)));
            }
            return new SourceReadResult(null, diagnostics);
        }
    }

    private static ApiModel? ReadModel(string path, ReferenceRoots references, List<SourceDiagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var source = LoadDocument(path, diagnostics, cancellationToken);
        if (source is null)
        {
            return null;
        }

        if (source.Root is not JsonObject root || !(root.ContainsKey("openapi") || root.ContainsKey("swagger")))
        {
            diagnostics.Add(SourceDiagnostic.Error(
                OpenApiDiagnosticCodes.NotOpenApi,
                "The file is not an OpenAPI document: it has no top-level 'openapi' or 'swagger' key.",
                new SourceLocation(path, 1, 1),
                "Point the LoadTestSource item at the main OpenAPI file, or set its Kind to the right source type."));
            return null;
        }

        var validator = DocumentValidator.Validate(source, diagnostics);
        var bundler = new ReferenceBundler(source, diagnostics, (file, token) => LoadDocument(file, diagnostics, token), cancellationToken, references);
        bundler.Bundle();
        validator.ValidatePathParameters();

        var settings = new OpenApiReaderSettings
        {
            // Validation runs separately so that its findings can be warnings while parse errors stay errors.
            RuleSet = ValidationRuleSet.GetEmptyRuleSet(),
            LoadExternalRefs = false,
        };
        settings.AddYamlReader();

        ReadResult result;
        try
        {
            result = new OpenApiJsonReader().Read(root, new Uri(Path.GetFullPath(path)), settings);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The validator's errors already say what the library tripped over; otherwise say it as best we can.
            if (!validator.ReportedErrors)
            {
                var pointer = (ex as OpenApiException)?.Pointer;
                diagnostics.Add(LibraryFailure(path, ex, pointer is null ? source.LocateQuotedValue(ex.Message) : source.Locate(pointer)));
            }

            return null;
        }

        // Pointers the validator or the bundler already explained: the library's findings there would repeat them in its terms.
        var explained = bundler.ReplacedPointers.Concat(validator.ReportedPointers).ToList();
        foreach (var error in result.Diagnostic?.Errors ?? [])
        {
            if (!IsUnderReplacedReference(error.Pointer, explained))
            {
                diagnostics.Add(SourceDiagnostic.Error(
                    OpenApiDiagnosticCodes.DocumentError,
                    error.Message,
                    source.Locate(error.Pointer ?? ""),
                    "Correct the document at that line so it follows the OpenAPI specification."));
            }
        }

        foreach (var warning in result.Diagnostic?.Warnings ?? [])
        {
            diagnostics.Add(SourceDiagnostic.Warning(OpenApiDiagnosticCodes.LibraryWarning, warning.Message, source.Locate(warning.Pointer ?? "")));
        }

        if (result.Document is null)
        {
            return null;
        }

        AddValidationWarnings(result.Document, source, explained, diagnostics);
        var model = OpenApiModelMapper.Map(result.Document, source);
        if (model.Operations.Count == 0)
        {
            diagnostics.Add(SourceDiagnostic.Warning(
                OpenApiDiagnosticCodes.NoOperations,
                "The document describes no operations under 'paths' (webhooks and callbacks are not requests a load test sends).",
                source.Locate("/paths"),
                "Add operations under 'paths', or remove this source from the load test."));
        }

        return model;
    }

    private static SourceDocument? LoadDocument(string path, List<SourceDiagnostic> diagnostics, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string text;
        try
        {
            if (!File.Exists(path))
            {
                diagnostics.Add(SourceDiagnostic.Error(
                    OpenApiDiagnosticCodes.FileNotFound,
                    $"The OpenAPI file '{path}' does not exist.",
                    new SourceLocation(path),
                    "Check the path of the LoadTestSource item (relative paths are relative to the project)."));
                return null;
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            diagnostics.Add(SourceDiagnostic.Error(
                OpenApiDiagnosticCodes.FileUnreadable,
                $"The file '{path}' cannot be read: {ex.Message}",
                new SourceLocation(path),
                "Check that the file exists, is not locked by another program and is readable by the build."));
            return null;
        }

        return SourceDocumentParser.Parse(path, text, diagnostics);
    }

    private static void AddValidationWarnings(OpenApiDocument document, SourceDocument source, IReadOnlyList<string> replacedPointers, List<SourceDiagnostic> diagnostics)
    {
        IEnumerable<OpenApiError> findings;
        try
        {
            findings = document.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Validation is advice; a validator that trips over the document must not stop the read.
            diagnostics.Add(SourceDiagnostic.Warning(
                OpenApiDiagnosticCodes.ValidationWarning,
                $"The document could not be fully validated ({ex.GetType().Name}: {ex.Message}).",
                new SourceLocation(source.Path, 1, 1)));
            return;
        }

        foreach (var finding in findings.Where(f => !IsUnderReplacedReference(f.Pointer, replacedPointers)))
        {
            diagnostics.Add(SourceDiagnostic.Warning(
                OpenApiDiagnosticCodes.ValidationWarning,
                finding.Message,
                source.Locate(finding.Pointer ?? ""),
                "The document was read anyway; fix this so other OpenAPI tools accept it too."));
        }
    }

    private static bool IsUnderReplacedReference(string? pointer, IReadOnlyList<string> replaced)
    {
        var normalized = SourceDocument.Normalize(pointer);
        return replaced.Any(r => normalized == r || normalized.StartsWith(r + "/", StringComparison.Ordinal));
    }

    /// <summary>
    /// The library stopped on something the validator did not foresee: the finding says what kind of problem it is
    /// (a value that is not true/false or a number, or a value of the wrong shape) and where, not which exception.
    /// </summary>
    private static SourceDiagnostic LibraryFailure(string path, Exception ex, SourceLocation location)
    {
        var quoted = QuotedValue().Match(ex.Message);
        var problem = ex switch
        {
            FormatException when quoted.Success => $"the value '{quoted.Groups[1].Value}' is not what the field expects (true/false or a number)",
            FormatException => "a value that should be true/false or a number is something else",
            _ => "a value does not have the shape OpenAPI expects there (for example text or a list where an object belongs, or an object missing a required field)",
        };
        var where = location.Line > 1 ? $" near line {location.Line}" : "";
        return SourceDiagnostic.Error(
            OpenApiDiagnosticCodes.LibraryFailure,
            $"The OpenAPI document '{Path.GetFileName(path)}' cannot be read: {problem}{where}. (Reader detail: {ex.Message.Split('\n')[0]})",
            location,
            "Check the document with an OpenAPI validator and fix the value it points at.");
    }

    [System.Text.RegularExpressions.GeneratedRegex("'([^']{1,200})'")]
    private static partial System.Text.RegularExpressions.Regex QuotedValue();
}
