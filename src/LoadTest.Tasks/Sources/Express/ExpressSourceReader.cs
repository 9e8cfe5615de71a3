using System.Text.Json;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Sources.Express.Routes;
using LoadTest.Tasks.Sources.Express.Schemas;
using LoadTest.Tasks.Sources.Express.Semantics;

namespace LoadTest.Tasks.Sources.Express;

/// <summary>
/// Reads an Express app (TypeScript or JavaScript, ESM or CommonJS) from its source folder: routes and mounts across
/// files, request bodies from TypeScript types and validation middleware. No Node.js or TypeScript compiler is needed.
/// </summary>
public sealed class ExpressSourceReader : IApiSourceReader
{
    private const int CanReadFileLimit = 400;

    public string Kind => "express";

    public bool CanRead(string path)
    {
        try
        {
            if (!Directory.Exists(path))
            {
                return false;
            }

            foreach (var file in ExpressProject.EnumerateSourceFiles(path).Take(CanReadFileLimit))
            {
                var text = File.ReadAllText(file);
                if (ImportsExpress(text))
                {
                    return true;
                }
            }

            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    private static bool ImportsExpress(string text) =>
        text.Contains("from 'express'", StringComparison.Ordinal) || text.Contains("from \"express\"", StringComparison.Ordinal)
        || text.Contains("require('express')", StringComparison.Ordinal) || text.Contains("require(\"express\")", StringComparison.Ordinal);

    public SourceReadResult Read(string path, CancellationToken cancellationToken = default)
    {
        var diagnostics = new DiagnosticBag();
        var root = path;
        if (File.Exists(path))
        {
            // A single entry file was given: read the folder that holds it.
            root = Path.GetDirectoryName(Path.GetFullPath(path)) ?? path;
        }

        if (!Directory.Exists(root))
        {
            diagnostics.Error(ExpressCodes.NoSources, $"The Express source folder '{path}' does not exist.", path, 0,
                "Set the LoadTestSource item to the folder holding the app's .ts/.js files (for example src/).");
            return new SourceReadResult(null, diagnostics.Items);
        }

        try
        {
            return ReadFolder(root, diagnostics, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Defensive: a reader bug must still surface as a located diagnostic, not a stack trace in the build.
            diagnostics.Error("LT1199", $"Reading the Express app failed unexpectedly: {e.GetType().Name}: {e.Message}", root, 0,
                "Please report this with the file that triggers it; meanwhile describe the API with an OpenAPI document.");
            return new SourceReadResult(null, diagnostics.Items);
        }
    }

    private static SourceReadResult ReadFolder(string root, DiagnosticBag diagnostics, CancellationToken cancellationToken)
    {
        var project = ExpressProject.Load(root, diagnostics, cancellationToken);
        if (project.Modules.Count == 0)
        {
            diagnostics.Error(ExpressCodes.NoSources, $"No .ts or .js files were found in '{root}'.", root, 0,
                "Point the source at the folder holding the Express app's source files.");
            return new SourceReadResult(null, diagnostics.Items);
        }

        var interpreter = new ExpressInterpreter(project);
        interpreter.Run(cancellationToken);
        var registry = new SchemaRegistry();
        var schemas = new TsSchemaBuilder(project, interpreter, registry);
        var inspector = new HandlerInspector(project, interpreter, schemas);
        var builder = new ExpressOperationBuilder(project, inspector, registry);
        var operations = builder.Build(interpreter.Routers);
        if (operations.Count == 0)
        {
            diagnostics.Warn(ExpressCodes.NoRoutes, $"No Express routes were found in '{root}'.", root, 0,
                "Routes are read from app.METHOD/router.METHOD calls; check the folder is the app's source folder.");
        }

        var model = new ApiModel(Title(root), operations)
        {
            Schemas = registry.Components,
            SecuritySchemes = builder.UsesAuth
                ? new Dictionary<string, SecurityScheme> { [ExpressOperationBuilder.BearerSchemeKey] = new(ExpressOperationBuilder.BearerSchemeKey, SecuritySchemeKind.HttpBearer) { BearerFormat = "JWT" } }
                : new Dictionary<string, SecurityScheme>(),
        };
        return new SourceReadResult(model, diagnostics.Items);
    }

    /// <summary>The app's package.json name (in the folder or its parent), else the folder name.</summary>
    private static string Title(string root)
    {
        var full = Path.GetFullPath(root);
        foreach (var folder in new[] { full, Path.GetDirectoryName(full) })
        {
            if (folder is null)
            {
                continue;
            }

            var packageJson = Path.Combine(folder, "package.json");
            try
            {
                if (File.Exists(packageJson))
                {
                    using var document = JsonDocument.Parse(File.ReadAllText(packageJson));
                    if (document.RootElement.ValueKind == JsonValueKind.Object
                        && document.RootElement.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                    {
                        return name.GetString()!;
                    }
                }
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
                // fall back to the folder name
            }
        }

        var leaf = Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar));
        return leaf == "src" ? Path.GetFileName(Path.GetDirectoryName(full)) ?? leaf : leaf;
    }
}
