using System.Diagnostics;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Sources.OpenApi;

namespace LoadTest.Tasks.Tests.Sources.OpenApi;

/// <summary>
/// A spec's <c>$ref</c>s read files only inside the project folder, the spec's own folder and the folders listed in
/// LoadTestAllowedReferenceRoots; anything else is LT1050 at the reference's line and the file is never opened.
/// </summary>
public sealed class ReferenceConfinementTests : IDisposable
{
    private const string Secret = "TOP-SECRET-VALUE";
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("lt-refs-");

    public void Dispose() => _root.Delete(recursive: true);

    private string Project => Path.Combine(_root.FullName, "project");

    private string Write(string relative, string content)
    {
        var path = Path.Combine(_root.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A spec in project/api whose request body is <paramref name="reference"/>.</summary>
    private string Spec(string reference) => Write("project/api/openapi.yaml", $"""
        openapi: 3.0.3
        info:
          title: Pets
          version: '1'
        paths:
          /pets:
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      $ref: '{reference}'
              responses:
                '201':
                  description: created
        """);

    private string Outside() => Write("outside/secret.yaml", $"Pet:\n  type: object\n  properties:\n    name:\n      type: string\n      example: {Secret}\n");

    private static void AssertRejected(SourceDiagnostic diagnostic, string reference, string spec)
    {
        Assert.Equal(OpenApiDiagnosticCodes.ReferenceOutsideRoots, diagnostic.Code);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(spec, diagnostic.Location.File);
        Assert.Equal(12, diagnostic.Location.Line);
        Assert.Contains($"'{reference}'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("LoadTestAllowedReferenceRoots", diagnostic.Help, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_out_of_the_project_is_LT1050_at_its_line_and_nothing_of_the_file_is_read()
    {
        Outside();
        const string reference = "../../outside/secret.yaml#/Pet";
        var spec = Spec(reference);

        var result = new OpenApiSourceReader(new ReferenceRoots(Project)).Read(spec);

        AssertRejected(Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error), reference, spec);
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains(Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Model?.Schemas.Values ?? [], s => s.Properties.ContainsKey("name"));
    }

    [Fact]
    public async Task An_absolute_reference_is_refused_before_the_file_is_opened()
    {
        // A FIFO blocks whoever opens it for reading until a writer comes: had the reader opened it, Read would hang.
        var fifo = Path.Combine(_root.FullName, "outside", "pipe.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(fifo)!);
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!)
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        foreach (var reference in new[] { fifo + "#/Pet", "/etc/passwd#/root", "/etc/passwd" })
        {
            var spec = Spec(reference);
            var reading = Task.Run(() => new OpenApiSourceReader(new ReferenceRoots(Project)).Read(spec));
            Assert.True(await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(30))) == reading, $"{reference}: the reader opened the file");

            var errors = (await reading).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            AssertRejected(Assert.Single(errors), reference, spec);
        }
    }

    [Fact]
    public void Files_in_the_project_and_in_allowed_roots_resolve()
    {
        var shared = Write("project/common/pet.yaml", "Pet:\n  type: object\n  properties:\n    tag:\n      type: string\n");
        Outside();
        var inProject = Spec("../common/pet.yaml#/Pet");

        // In the project but outside the spec's folder: allowed with the project folder, refused without it.
        Assert.False(new OpenApiSourceReader(new ReferenceRoots(Project)).Read(inProject).HasErrors);
        Assert.Contains(new OpenApiSourceReader().Read(inProject).Diagnostics, d => d.Code == OpenApiDiagnosticCodes.ReferenceOutsideRoots);

        var outside = Spec("../../outside/secret.yaml#/Pet");
        var allowed = new OpenApiSourceReader(new ReferenceRoots(Project, ["../outside"])).Read(outside);
        Assert.False(allowed.HasErrors, string.Join("\n", allowed.Diagnostics.Select(d => d.Message)));
        Assert.Contains("name", allowed.Model!.Schemas["Pet"].Properties.Keys);
        Assert.True(File.Exists(shared));
    }

    [Fact]
    public void A_link_inside_the_project_that_leads_out_of_it_is_refused()
    {
        var secret = Outside();
        File.CreateSymbolicLink(Path.Combine(Directory.CreateDirectory(Path.Combine(Project, "api")).FullName, "linked.yaml"), secret);
        Directory.CreateSymbolicLink(Path.Combine(Project, "api", "folder"), Path.GetDirectoryName(secret)!);

        foreach (var reference in new[] { "linked.yaml#/Pet", "folder/secret.yaml#/Pet" })
        {
            var spec = Spec(reference);
            var result = new OpenApiSourceReader(new ReferenceRoots(Project)).Read(spec);
            AssertRejected(Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error), reference, spec);
        }
    }

    [Fact]
    public void Remote_references_are_still_not_fetched()
    {
        var spec = Spec("https://example.com/pet.yaml#/Pet");

        var result = new OpenApiSourceReader(new ReferenceRoots(Project)).Read(spec);

        Assert.Equal(OpenApiDiagnosticCodes.RemoteReferenceSkipped, Assert.Single(result.Diagnostics, d => d.Code.StartsWith("LT101", StringComparison.Ordinal)).Code);
        Assert.False(result.HasErrors);
    }
}
