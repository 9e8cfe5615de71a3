using LoadTest.Tasks.Model;
using LoadTest.Tasks.Pipeline;

namespace LoadTest.Tasks.Sources;

/// <summary>Picks the reader for a source: by its Kind metadata when given, else the first reader that recognises it.</summary>
public static class SourceReaders
{
    public static IReadOnlyList<IApiSourceReader> All { get; } =
    [
        new OpenApi.OpenApiSourceReader(),
        new Express.ExpressSourceReader(),
        new AspNetCore.AspNetCoreSourceReader(),
    ];

    /// <param name="references">Where an OpenAPI document's <c>$ref</c>s may read files (default: the document's folder).</param>
    public static SourceReadResult Read(SourceRequest source, CancellationToken cancellationToken, OpenApi.ReferenceRoots? references = null)
    {
        var location = new SourceLocation(source.Path);
        if (!File.Exists(source.Path) && !Directory.Exists(source.Path))
        {
            return Fail(SourceDiagnostic.Error("LT3001", $"LoadTestSource '{source.Path}' does not exist.", location,
                "Fix the Include path of the LoadTestSource item (relative paths are relative to the project file)."));
        }

        IApiSourceReader? reader;
        if (source.Kind is { } kind)
        {
            reader = All.FirstOrDefault(r => string.Equals(r.Kind, kind, StringComparison.OrdinalIgnoreCase));
            if (reader is null)
            {
                return Fail(SourceDiagnostic.Error("LT3002", $"LoadTestSource Kind '{kind}' is not known.", location,
                    $"Use one of: {string.Join(", ", All.Select(r => r.Kind))}, or leave Kind out to detect it."));
            }
        }
        else
        {
            reader = All.FirstOrDefault(r => r.CanRead(source.Path));
            if (reader is null)
            {
                return Fail(SourceDiagnostic.Error("LT3003", $"Could not tell what kind of API source '{source.Path}' is.", location,
                    "Point LoadTestSource at an OpenAPI/Swagger document (.yaml, .yml, .json), a folder of Express sources, or an ASP.NET Core .csproj or folder, or set its Kind metadata."));
            }
        }
        if (reader is OpenApi.OpenApiSourceReader)
        {
            reader = new OpenApi.OpenApiSourceReader(references);
        }

        return reader.Read(source.Path, cancellationToken);
    }

    private static SourceReadResult Fail(SourceDiagnostic diagnostic) => new(null, [diagnostic]);
}
