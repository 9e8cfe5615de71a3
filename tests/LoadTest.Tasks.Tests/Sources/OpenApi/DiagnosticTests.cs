using LoadTest.Tasks.Model;
using LoadTest.Tasks.Sources.OpenApi;
using static LoadTest.Tasks.Tests.Sources.OpenApi.OpenApiTestFiles;

namespace LoadTest.Tasks.Tests.Sources.OpenApi;

/// <summary>Bad input gives an LT10xx diagnostic naming file and line, never an exception.</summary>
public sealed class DiagnosticTests
{
    [Theory]
    [InlineData("broken/ref-to-root.yaml", OpenApiDiagnosticCodes.InvalidReference, "# bad-ref")]
    [InlineData("broken/unknown-ref.yaml", OpenApiDiagnosticCodes.UnknownReference, "# bad-ref")]
    [InlineData("broken/ref-cycle.yaml", OpenApiDiagnosticCodes.ReferenceCycle, "# bad-ref")]
    [InlineData("broken/missing-file.yaml", OpenApiDiagnosticCodes.ReferencedFileMissing, "# bad-ref")]
    [InlineData("broken/wrong-type.yaml", OpenApiDiagnosticCodes.WrongKind, "# bad-value")]
    [InlineData("broken/bad-yaml.yaml", OpenApiDiagnosticCodes.SyntaxError, "# bad-syntax")]
    public void Bad_input_is_an_error_at_the_line_of_the_problem(string fixture, string code, string marker)
    {
        var path = Fixture(fixture);

        var result = Read(path);

        var error = Assert.Single(result.Diagnostics, d => d.Code == code);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal(path, error.Location.File);
        // A parser may report the position where it noticed the problem: the marked line or the one after it.
        Assert.InRange(error.Location.Line, LineOf(path, marker), LineOf(path, marker) + 1);
        Assert.False(string.IsNullOrWhiteSpace(error.Help));
    }

    [Fact]
    public void Broken_references_still_give_the_operations_around_them()
    {
        var result = Read(Fixture("broken/unknown-ref.yaml"));

        Assert.True(result.HasErrors);
        Assert.Equal("getA", Assert.Single(result.Model!.Operations).OperationId);
    }

    [Fact]
    public void Truncated_json_is_a_syntax_error_with_a_line()
    {
        var path = Fixture("broken/truncated.json");

        var error = Assert.Single(Read(path).Diagnostics);

        Assert.Equal(OpenApiDiagnosticCodes.SyntaxError, error.Code);
        Assert.Equal(File.ReadAllLines(path).Length + 1, error.Location.Line);
    }

    [Fact]
    public void A_missing_file_is_an_error()
    {
        var path = Fixture("broken/nothing-here.yaml");

        var result = Read(path);

        Assert.Null(result.Model);
        Assert.Equal(OpenApiDiagnosticCodes.FileNotFound, Assert.Single(result.Diagnostics).Code);
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void A_document_that_is_not_OpenAPI_is_an_error_and_is_not_claimed_by_CanRead()
    {
        var path = Fixture("broken/not-openapi.yaml");

        var result = Read(path);

        Assert.Equal(OpenApiDiagnosticCodes.NotOpenApi, Assert.Single(result.Diagnostics).Code);
        Assert.False(new OpenApiSourceReader().CanRead(path));
    }

    [Fact]
    public void Validation_findings_are_warnings_and_reading_goes_on()
    {
        var path = Fixture("broken/no-responses.yaml");

        var result = Read(path);

        Assert.False(result.HasErrors);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((OpenApiDiagnosticCodes.ValidationWarning, DiagnosticSeverity.Warning), (warning.Code, warning.Severity));
        Assert.Equal(LineOf(path, "# op:getA"), warning.Location.Line);
        Assert.Equal("getA", Assert.Single(result.Model!.Operations).OperationId);
    }

    [Theory]
    [InlineData("operations-30.yaml", true)]
    [InlineData("schemas-31.json", true)]
    [InlineData("swagger-20.json", true)]
    [InlineData("external/components/schemas.yaml", false)]
    [InlineData("broken/not-openapi.yaml", false)]
    [InlineData("broken/nothing-here.yaml", false)]
    public void CanRead_recognises_OpenAPI_documents_by_extension_and_version_key(string fixture, bool expected)
    {
        Assert.Equal(expected, new OpenApiSourceReader().CanRead(Fixture(fixture)));
    }

    [Fact]
    public void CanRead_rejects_other_extensions_even_with_an_openapi_key()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lt-openapi-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "openapi: 3.0.0\n");
        try
        {
            Assert.False(new OpenApiSourceReader().CanRead(path));
            Assert.Equal("openapi", new OpenApiSourceReader().Kind);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
