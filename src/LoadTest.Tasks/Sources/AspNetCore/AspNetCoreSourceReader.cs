using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Sources.AspNetCore;

/// <summary>
/// Reads an ASP.NET Core project (a .csproj or a folder of .cs files) from its syntax alone: minimal API endpoints,
/// attribute-routed controllers and the DTOs they bind. No build or compilation of the project is needed.
/// </summary>
public sealed class AspNetCoreSourceReader : IApiSourceReader
{
    public const string BearerSchemeKey = "bearerAuth";

    public string Kind => "aspnetcore";

    public bool CanRead(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                return path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
                       && File.ReadAllText(path).Contains("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase);
            }

            if (!Directory.Exists(path))
            {
                return false;
            }

            var project = Directory.GetFiles(path, "*.csproj").FirstOrDefault();
            if (project is not null)
            {
                return CanRead(project);
            }

            return Directory.EnumerateFiles(path, "*.cs", SearchOption.AllDirectories).Take(300).Any(f =>
            {
                var text = File.ReadAllText(f);
                return text.Contains("WebApplication.CreateBuilder", StringComparison.Ordinal) || text.Contains("[ApiController]", StringComparison.Ordinal)
                       || text.Contains(".MapGet(", StringComparison.Ordinal) || text.Contains(".MapPost(", StringComparison.Ordinal);
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    public SourceReadResult Read(string path, CancellationToken cancellationToken = default)
    {
        var diagnostics = new List<SourceDiagnostic>();
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            diagnostics.Add(SourceDiagnostic.Error(AspNetCodes.NoSources, $"The ASP.NET Core project '{path}' does not exist.", new SourceLocation(path),
                "Set the LoadTestSource item to the API's .csproj file or to the folder holding its .cs files."));
            return new SourceReadResult(null, diagnostics);
        }

        try
        {
            var project = CSharpProject.Load(path, cancellationToken);
            diagnostics.AddRange(project.Diagnostics);
            if (project.Trees.Count == 0)
            {
                diagnostics.Add(SourceDiagnostic.Error(AspNetCodes.NoSources, $"No .cs files were found for '{path}'.", new SourceLocation(path),
                    "Point the source at the API project (.csproj) or its folder."));
                return new SourceReadResult(null, diagnostics);
            }

            var schemas = new DtoSchemaBuilder(project, diagnostics);
            var binder = new ParameterBinder(project, schemas, diagnostics);
            var versioning = ApiVersioning.Read(project);
            var operations = new List<ApiOperation>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (operation, versions) in new MinimalApiReader(project, binder, schemas, versioning, diagnostics).Read()
                         .Concat(new ControllerReader(project, binder, schemas, versioning, diagnostics).Read()))
            {
                cancellationToken.ThrowIfCancellationRequested();
                // v1 and v2 of a route are different endpoints (often with different parameters): both are kept.
                if (seen.Add(operation.DisplayName + " " + string.Join(",", versions)))
                {
                    operations.Add(operation);
                }
            }

            if (operations.Count == 0)
            {
                diagnostics.Add(SourceDiagnostic.Warning(AspNetCodes.NoEndpoints, $"No endpoints were found in '{path}'.", new SourceLocation(path),
                    "Endpoints are read from MapGet/MapPost/… calls and from attribute-routed controllers."));
            }

            var secured = operations.Any(o => o.Security is { Count: > 0 });
            var model = new ApiModel(Title(path, project.Root), operations)
            {
                Schemas = schemas.Components,
                SecuritySchemes = secured
                    ? new Dictionary<string, SecurityScheme> { [BearerSchemeKey] = new(BearerSchemeKey, SecuritySchemeKind.HttpBearer) { BearerFormat = "JWT" } }
                    : new Dictionary<string, SecurityScheme>(),
            };
            return new SourceReadResult(model, Deduplicate(diagnostics));
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Defensive: a reader bug must still surface as a located diagnostic, not a stack trace in the build.
            diagnostics.Add(SourceDiagnostic.Error(AspNetCodes.InternalError, $"Reading the ASP.NET Core project failed unexpectedly: {e.GetType().Name}: {e.Message}",
                new SourceLocation(path), "Please report this with the file that triggers it; meanwhile describe the API with an OpenAPI document."));
            return new SourceReadResult(null, diagnostics);
        }
    }

    private static List<SourceDiagnostic> Deduplicate(List<SourceDiagnostic> diagnostics) =>
        diagnostics.DistinctBy(d => (d.Code, d.Message, d.Location.File, d.Location.Line)).ToList();

    private static string Title(string path, string root) =>
        path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) ? Path.GetFileNameWithoutExtension(path) : Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar));
}
