using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Sources;

/// <summary>What reading a source produced: a model (null when nothing usable was read) and what was found wrong.</summary>
public sealed record SourceReadResult(ApiModel? Model, IReadOnlyList<SourceDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}

/// <summary>Reads one kind of API source (an OpenAPI document, an Express app, an ASP.NET Core project) into an <see cref="ApiModel"/>.</summary>
public interface IApiSourceReader
{
    /// <summary>Short kind name used by the LoadTestSource item's <c>Kind</c> metadata: openapi, express, aspnetcore.</summary>
    string Kind { get; }

    /// <summary>Whether this reader recognises <paramref name="path"/> (a file or folder) without being told its kind.</summary>
    bool CanRead(string path);

    /// <summary>Reads the source. Never throws for bad input: problems become diagnostics with file and line.</summary>
    SourceReadResult Read(string path, CancellationToken cancellationToken = default);
}
