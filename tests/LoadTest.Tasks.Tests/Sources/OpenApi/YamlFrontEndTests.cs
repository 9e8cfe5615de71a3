using LoadTest.Tasks.Sources.OpenApi;
using static LoadTest.Tasks.Tests.Sources.OpenApi.OpenApiTestFiles;

namespace LoadTest.Tasks.Tests.Sources.OpenApi;

/// <summary>The YAML front end: anchors and aliases, scalar typing, and limits that keep hostile input bounded.</summary>
public sealed class YamlFrontEndTests
{
    [Fact]
    public void Aliases_repeat_their_anchor_and_keep_each_operation_on_its_own_line()
    {
        var path = Fixture("anchors.yaml");
        var model = ReadClean(path);

        var getA = Operation(model, "getA");
        var getB = Operation(model, "getB");
        Assert.Equal(LineOf(path, "# op:getA"), getA.Location.Line);
        Assert.Equal(LineOf(path, "# op:getB"), getB.Location.Line);
        Assert.Equal(["page", "code"], getB.Parameters.Select(p => p.Name));
        Assert.Equal(1000m, getB.Parameters[0].Schema.Maximum);
        Assert.Equal("200", Assert.Single(getB.Responses).StatusCode);
        Assert.Equal("1", getA.Parameters[0].Schema.Default?.ToJsonString());
    }

    [Fact]
    public void Quoted_scalars_stay_strings_and_plain_ones_are_typed_as_the_library_types_them()
    {
        var code = Operation(ReadClean(Fixture("anchors.yaml")), "getB").Parameters[1];

        Assert.Equal(["\"200\"", "\"yes\"", "\"true\""], code.Schema.Enum.Select(e => e?.ToJsonString()));
    }

    [Fact]
    public void An_alias_bomb_is_an_error_not_an_out_of_memory()
    {
        var lines = new List<string> { "openapi: 3.0.3", "info: { title: Bomb, version: '1' }", "paths: {}", "x-bomb:", "  l0: &l0 [a, a, a, a, a, a, a, a, a, a]" };
        for (var i = 1; i <= 8; i++)
        {
            lines.Add($"  l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]");
        }

        var path = WriteTemp(string.Join('\n', lines));
        try
        {
            var error = Assert.Single(Read(path).Diagnostics);

            Assert.Equal(OpenApiDiagnosticCodes.TooDeep, error.Code);
            Assert.True(error.Location.Line > 4);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Absurd_nesting_is_an_error_with_a_line()
    {
        var text = "openapi: 3.0.3\ninfo: { title: Deep, version: '1' }\npaths: {}\nx-deep: " + new string('[', 500) + new string(']', 500) + "\n";
        var path = WriteTemp(text);
        try
        {
            var error = Assert.Single(Read(path).Diagnostics);

            Assert.Contains(error.Code, new[] { OpenApiDiagnosticCodes.TooDeep, OpenApiDiagnosticCodes.SyntaxError });
            Assert.Equal(4, error.Location.Line);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(".yaml")]
    [InlineData(".json")]
    public void A_key_given_twice_is_an_error_at_its_second_line_not_a_silent_overwrite(string extension)
    {
        var lines = extension == ".yaml"
            ? new[]
            {
                "openapi: 3.0.3",
                "info: { title: Twice, version: '1' }",
                "paths:",
                "  /pets:",
                "    get: { operationId: listPets, responses: { '200': { description: ok } } }",
                "  /pets:",
                "    post: { operationId: createPet, responses: { '201': { description: ok } } }",
            }
            : new[]
            {
                "{ \"openapi\": \"3.0.3\", \"info\": { \"title\": \"Twice\", \"version\": \"1\" },",
                "  \"paths\": {",
                "    \"/pets\": { \"get\": { \"operationId\": \"listPets\", \"responses\": { \"200\": { \"description\": \"ok\" } } } },",
                "    \"/other\": { \"get\": { \"operationId\": \"other\", \"responses\": { \"200\": { \"description\": \"ok\" } } } },",
                "",
                "    \"/pets\": { \"post\": { \"operationId\": \"createPet\", \"responses\": { \"201\": { \"description\": \"ok\" } } } } } }",
            };
        var path = WriteTemp(string.Join('\n', lines), extension);
        try
        {
            var error = Assert.Single(Read(path).Diagnostics);

            Assert.Equal(OpenApiDiagnosticCodes.SyntaxError, error.Code);
            Assert.Equal(6, error.Location.Line);
            Assert.Contains("'/pets' appears twice", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_empty_file_is_not_an_OpenAPI_document()
    {
        var path = WriteTemp("");
        try
        {
            Assert.Equal(OpenApiDiagnosticCodes.NotOpenApi, Assert.Single(Read(path).Diagnostics).Code);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string WriteTemp(string text, string extension = ".yaml")
    {
        var path = Path.Combine(Path.GetTempPath(), $"lt-openapi-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, text);
        return path;
    }
}
