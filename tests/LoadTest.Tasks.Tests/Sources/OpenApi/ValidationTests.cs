using LoadTest.Tasks.Model;
using LoadTest.Tasks.Sources.OpenApi;

namespace LoadTest.Tasks.Tests.Sources.OpenApi;

/// <summary>Shapes the OpenAPI library used to accept without a word are findings with file, line and what is wrong.</summary>
public sealed class ValidationTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lt-validate-");

    public void Dispose() => _folder.Delete(recursive: true);

    private (string Path, IReadOnlyList<SourceDiagnostic> Diagnostics, Model.ApiModel? Model) Read(string yaml)
    {
        var path = Path.Combine(_folder.FullName, "openapi.yaml");
        File.WriteAllText(path, yaml);
        var result = new OpenApiSourceReader().Read(path);
        return (path, result.Diagnostics, result.Model);
    }

    private static int LineOf(string path, string marker) => OpenApiTestFiles.LineOf(path, marker);

    [Theory]
    [InlineData("type: null", "is null")]
    [InlineData("type: []", "is an empty list")]
    [InlineData("type: 42", "the number 42")]
    [InlineData("type: strng", "'strng'")]
    [InlineData("type: [string, integer]", "is a list, which OpenAPI 3.0 does not allow")]
    public void A_schema_type_that_is_no_type_is_LT1051_at_its_line(string type, string says)
    {
        var (path, diagnostics, _) = Read($$"""
            openapi: 3.0.3
            info: { title: T, version: '1' }
            paths:
              /pets:
                post:
                  requestBody:
                    content:
                      application/json:
                        schema:
                          type: object
                          properties:
                            name:
                              {{type}} # here
                  responses:
                    '201': { description: created }
            """);

        var finding = Assert.Single(diagnostics, d => d.Code == OpenApiDiagnosticCodes.InvalidSchemaType);
        Assert.Equal(DiagnosticSeverity.Error, finding.Severity);
        Assert.Equal((path, LineOf(path, "# here")), (finding.Location.File, finding.Location.Line));
        Assert.Contains(says, finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(diagnostics, d => d.Code == OpenApiDiagnosticCodes.DocumentError);
    }

    [Fact]
    public void Parameters_without_schema_and_path_parameters_that_do_not_match_the_path_are_reported()
    {
        var (path, diagnostics, model) = Read("""
            openapi: 3.0.3
            info: { title: T, version: '1' }
            paths:
              /pets/{petId}: # path
                get: # get
                  parameters:
                    - name: limit # limit
                      in: query
                    - name: other # other
                      in: path
                      required: true
                      schema: { type: string }
                  responses:
                    '200': { description: ok }
            """);

        var noSchema = Assert.Single(diagnostics, d => d.Code == OpenApiDiagnosticCodes.InvalidParameter);
        Assert.Equal(LineOf(path, "# limit"), noSchema.Location.Line);
        Assert.Contains("'limit' has neither 'schema' nor 'content'", noSchema.Message, StringComparison.Ordinal);
        var undeclared = Assert.Single(diagnostics, d => d.Code == OpenApiDiagnosticCodes.UndeclaredPathParameter);
        Assert.Equal(LineOf(path, "# get"), undeclared.Location.Line);
        Assert.Contains("{petId}", undeclared.Message, StringComparison.Ordinal);
        var notInPath = Assert.Single(diagnostics, d => d.Code == OpenApiDiagnosticCodes.PathParameterNotInPath);
        Assert.Equal(LineOf(path, "# other"), notInPath.Location.Line);
        // The library's own, confusing, message about the same parameter is left out.
        Assert.DoesNotContain(diagnostics, d => d.Code == OpenApiDiagnosticCodes.ValidationWarning);
        Assert.NotNull(model);
    }

    [Fact]
    public void Wrong_kinds_of_values_and_unknown_security_schemes_are_reported_at_their_lines()
    {
        var (path, diagnostics, _) = Read("""
            openapi: 3.0.3
            info: { title: T, version: '1' }
            security:
              - nowhere: [] # scheme
            paths:
              /pets:
                get:
                  summary: [1, 2] # summary
                  parameters:
                    - name: q
                      in: query
                      required: sometimes # required
                      schema: { type: string }
                  responses:
                    '200': { description: ok }
            """);

        Assert.Contains(diagnostics, d => d.Code == OpenApiDiagnosticCodes.WrongKind && d.Location.Line == LineOf(path, "# summary") && d.Severity == DiagnosticSeverity.Warning);
        Assert.Contains(diagnostics, d => d.Code == OpenApiDiagnosticCodes.WrongKind && d.Location.Line == LineOf(path, "# required") && d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(diagnostics, d => d.Code == OpenApiDiagnosticCodes.UnknownSecurityScheme && d.Location.Line == LineOf(path, "# scheme"));
        Assert.DoesNotContain(diagnostics, d => d.Code == OpenApiDiagnosticCodes.LibraryFailure);
    }

    [Fact]
    public void Deep_pointer_references_resolve_without_warnings()
    {
        var (_, diagnostics, model) = Read("""
            openapi: 3.0.3
            info: { title: T, version: '1' }
            paths:
              /tags:
                post:
                  parameters:
                    - $ref: '#/paths/~1other/get/parameters/0'
                  requestBody:
                    content:
                      application/json:
                        schema:
                          $ref: '#/components/schemas/Tag/allOf/0'
                  responses:
                    '200': { description: ok }
              /other:
                get:
                  parameters:
                    - name: q
                      in: query
                      schema: { type: string }
                  responses:
                    '200': { description: ok }
            components:
              schemas:
                Tag:
                  allOf:
                    - type: object
                      properties:
                        name: { type: string }
                    - type: object
                      properties:
                        color: { type: string }
            """);

        Assert.Empty(diagnostics);
        var post = Assert.Single(model!.Operations, o => o.Method == "POST");
        Assert.Equal("q", Assert.Single(post.Parameters).Name);
        var body = post.RequestBody!.Content.Single().Schema;
        Assert.Contains("name", model.Schemas[body.RefName!].Properties.Keys);
    }
}
