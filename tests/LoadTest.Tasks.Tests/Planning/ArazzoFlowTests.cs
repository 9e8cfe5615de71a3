using LoadTest.Tasks.Generation;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Planning;
using LoadTest.Tasks.Tests.Generation;

namespace LoadTest.Tasks.Tests.Planning;

/// <summary>Arazzo 1.0 workflows (the museum example in the shared specs) as flows.</summary>
public sealed class ArazzoFlowTests
{
    private static readonly string Museum = Path.Combine(GenerationFixtures.SharedSpecs(), "museum");

    private static (LoadPlan Plan, List<SourceDiagnostic> Diagnostics) PlanMuseum(string arazzo)
    {
        var model = GenerationFixtures.Read(Path.Combine(Museum, "openapi.yaml"));
        var diagnostics = new List<SourceDiagnostic>();
        var plan = LoadPlanner.Build(model, new GenerationOptions("Museum", "Museum") { ArazzoFile = Path.Combine(Museum, "arazzo", arazzo) }, diagnostics);
        return (plan, diagnostics);
    }

    [Fact]
    public void Events_crud_workflow_passes_the_created_id_between_steps()
    {
        var (plan, _) = PlanMuseum("museum-api.arazzo.yaml");

        var crud = plan.Flows.Single(f => f.Name == "events_crud");
        Assert.Equal("arazzo", crud.Origin);
        Assert.Equal(
            ["GET /special-events", "POST /special-events", "GET /special-events/{eventId}", "PATCH /special-events/{eventId}", "DELETE /special-events/{eventId}"],
            crud.Steps.Select(s => s.OperationName));

        var create = crud.Steps[1];
        var capture = Assert.Single(create.Captures, c => c.JsonPath == "eventId");
        Assert.Equal([201], create.Check.Statuses);
        var payload = Assert.IsType<ObjectRule>(create.Body!.Value);
        Assert.Equal("Mermaid Treasure Identification and Analysis", Assert.IsType<ConstRule>(payload.Members.Single(m => m.Name == "name").Value).Value!.GetValue<string>());

        var get = crud.Steps[2];
        Assert.Equal(capture.Variable, Assert.IsType<CaptureRule>(get.Path.Single(p => p.Parameter == "eventId").Value).Variable);
        Assert.Equal([200], get.Check.Statuses);
        var delete = crud.Steps[4];
        Assert.Equal([204], delete.Check.Statuses);
        Assert.Contains(crud.Steps[3].Captures, c => c.Variable == Assert.IsType<CaptureRule>(delete.Path.Single(p => p.Parameter == "eventId").Value).Variable);
    }

    [Fact]
    public void Nested_workflow_steps_are_reported_and_credentials_are_not_copied()
    {
        var (plan, diagnostics) = PlanMuseum("museum-api.arazzo.yaml");

        var skipped = Assert.Single(diagnostics, d => d.Code == "LT2016");
        Assert.Contains("buy-ticket", skipped.Message, StringComparison.Ordinal);
        Assert.True(skipped.Location.Line > 1);
        Assert.DoesNotContain(plan.Flows.SelectMany(f => f.Steps).SelectMany(s => s.Headers), h => h.Name == "Authorization");
        Assert.Equal(["GET /museum-hours"], plan.Flows.Single(f => f.Name == "get_museum_hours").Steps.Select(s => s.OperationName));
    }

    [Fact]
    public void Arazzo_flows_generate_valid_scripts_and_compiling_twins()
    {
        var model = GenerationFixtures.Read(Path.Combine(Museum, "openapi.yaml"));
        var output = LoadTestGenerator.Generate(model, new GenerationOptions("Museum", "Museum") { ArazzoFile = Path.Combine(Museum, "arazzo", "museum-tickets.arazzo.yaml") });

        Assert.False(output.HasErrors);
        var script = GenerationFixtures.FileAt(output, "get_museum_tickets.js").Content;
        Assert.Contains("\"ticketType\": \"general\"", script, StringComparison.Ordinal);
        Assert.Contains("lt.jsonValue(res, \"ticketId\")", script, StringComparison.Ordinal);
        Assert.DoesNotContain("Basic Og==", string.Concat(output.Files.Select(f => f.Content)), StringComparison.Ordinal);
        var sources = output.Files.Where(f => f.Kind == GeneratedFileKind.CSharp).Select(f => (f.RelativePath, f.Content)).ToList();
        var diagnostics = TwinCompiler.Compile(sources);
        Assert.True(diagnostics.Count == 0, TwinCompiler.Describe(diagnostics, sources));
        var lib = K6ScriptTests.Parse("lib/loadtest.js", GenerationFixtures.FileAt(output, "lib/loadtest.js").Content);
        Assert.Empty(K6ScriptTests.Problems("get_museum_tickets.js", K6ScriptTests.Parse("get_museum_tickets.js", script), K6ScriptTests.Exports(lib)));
    }

    [Fact]
    public void A_file_that_is_not_arazzo_is_an_error()
    {
        var model = GenerationFixtures.Read(Path.Combine(Museum, "openapi.yaml"));
        var diagnostics = new List<SourceDiagnostic>();
        LoadPlanner.Build(model, new GenerationOptions("Museum", "Museum") { ArazzoFile = Path.Combine(Museum, "openapi.yaml") }, diagnostics);

        Assert.Contains(diagnostics, d => d.Code == "LT2015" && d.Severity == DiagnosticSeverity.Error);
    }
}
