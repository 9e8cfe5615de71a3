using LoadTest.Tasks.Generation;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Tests.Flows.Conduit;
using LoadTest.Tasks.Tests.Generation;
using LoadTest.Tests.Shared;
using Xunit.Abstractions;

namespace LoadTest.Tasks.Tests.Flows;

/// <summary>
/// The RealWorld (Conduit) API, from its public OpenAPI document with no flow declared: the build infers sign-up →
/// login as each virtual user's session and create article → comment → favorite → read → update → delete by slug as
/// a flow, sends the token as <c>Token …</c> (the scheme's description says so), and the generated C# runs it against
/// a loopback Conduit with the real engine without a failed check, one user per virtual user.
/// </summary>
public sealed class ConduitFlowTests(ITestOutputHelper log) : IDisposable
{
    private static readonly GenerationOptions Options = new("Conduit", "Conduit.Tests");
    private readonly string _folder = Directory.CreateTempSubdirectory("loadtest-conduit-").FullName;

    private static ApiModel Model() => GenerationFixtures.Read(Path.Combine(GenerationFixtures.SharedSpecs(), "openapi-3.1", "realworld-conduit.yaml"));

    [Fact]
    public void The_article_flow_is_inferred_with_its_edges_and_the_session_signs_up_then_logs_in()
    {
        var output = LoadTestGenerator.Generate(Model(), Options);

        Assert.DoesNotContain(output.Diagnostics, d => d.Severity != DiagnosticSeverity.Info);
        var flows = GenerationFixtures.FileAt(output, "flows.md").Content;
        Assert.Contains("each virtual user signs up with POST /users as a fresh user and logs in with POST /users/login", flows, StringComparison.Ordinal);
        Assert.Contains("'Authorization: Token <token>'", flows, StringComparison.Ordinal);
        var articles = Section(flows, "articles");
        Assert.Equal(
            ["POST /articles", "POST /articles/{slug}/comments", "POST /articles/{slug}/favorite", "GET /articles/{slug}", "GET /articles/{slug}/comments",
             "PUT /articles/{slug}", "DELETE /articles/{slug}/comments/{id}", "DELETE /articles/{slug}/favorite", "DELETE /articles/{slug}"],
            StepsOf(articles));
        Assert.Contains("path {slug} ← step 1 POST /articles response article.slug", articles, StringComparison.Ordinal);
        Assert.Contains("path {id} ← step 2 POST /articles/{slug}/comments response comment.id", articles, StringComparison.Ordinal);
        // Logout-free, and the profile flow uses the user's own name from the session.
        Assert.Contains("path {username} ← session POST /users request user.username", Section(flows, "profile"), StringComparison.Ordinal);
        Assert.Contains(output.Messages, m => m.Contains("flow articles (inferred", StringComparison.Ordinal) && m.Contains("POST /articles -> POST /articles/{slug}/comments", StringComparison.Ordinal));
        Assert.Contains(output.Messages, m => m.Contains("auth: security scheme 'Token' (apiKey in header Authorization)", StringComparison.Ordinal));
    }

    [Fact]
    public void The_k6_scripts_pass_k6_inspect()
    {
        var output = LoadTestGenerator.Generate(Model(), Options);
        GeneratedRun.WriteScripts(output, _folder);

        // all-flows.js imports every flow script, so k6 parses (and resolves the options of) all of them.
        var inspect = K6Tool.Inspect(Path.Combine(_folder, "all-flows.js"), timeout: TimeSpan.FromMinutes(3));
        Assert.True(inspect.Succeeded, inspect.ToString());
        Assert.Contains("articles", inspect.Stdout, StringComparison.Ordinal);

        var articles = File.ReadAllText(Path.Combine(_folder, "articles.js"));
        Assert.Contains("{ [\"Authorization\"]: \"Token \" + s.token }", articles, StringComparison.Ordinal);
        Assert.Contains("lt.capture(vars, \"signup_sent_user_email\", lt.pathValue(body, \"user.email\"));", articles, StringComparison.Ordinal);
        Assert.Contains("lt.capture(vars, \"articles_create_article_slug\", lt.jsonValue(res, \"article.slug\"));", articles, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_flow_runs_against_a_loopback_conduit_with_no_failed_check_and_a_user_per_virtual_user()
    {
        var output = LoadTestGenerator.Generate(Model(), Options);
        await using var conduit = await ConduitServer.StartAsync();

        var (result, checks) = await GeneratedRun.TwinAsync(output, "Conduit.Tests", "ConduitAllFlows", conduit.BaseUrl, vus: 6, "5s", Path.Combine(_folder, "results"));

        var described = GeneratedRun.Describe(checks);
        log.WriteLine(described);
        log.WriteLine($"users signed up: {conduit.SignedUp}; articles created: {string.Join(", ", conduit.ArticlesCreatedBy.Select(a => $"{a.Key} {a.Value}"))}; deleted: {conduit.ArticlesDeleted}; left: {conduit.ArticlesLeft}");
        foreach (var expected in new[]
        {
            "users create 201", "users login 200", "articles create 201", "articles comments create 200", "articles favorite create 200", "articles get 200",
            "articles comments list 200", "articles update 200", "articles comments delete 204", "articles favorite delete 200", "articles delete 204",
            "profiles follow create 200", "profiles get 200", "user update 200",
        })
        {
            Assert.True(checks.Any(c => c.Name == expected && c.Passes > 0), $"{expected} never passed: {described}");
        }

        Assert.True(checks.All(c => c.Fails == 0), described);
        Assert.Equal(0, result.ErrorRate);
        Assert.Equal(0, conduit.Unauthorized);
        // Six flows, one VU each; every VU whose flow needs a token signed up as its own user (the tags flow needs none).
        var withAuth = output.Files.Count(f => f.RelativePath.EndsWith(".js", StringComparison.Ordinal) && f.Content.Contains("Object.assign(headers, authHeaders(row))", StringComparison.Ordinal));
        Assert.Equal(4, withAuth);
        Assert.Equal(withAuth, conduit.SignedUp);
        // The article flow's user wrote every article and deleted each again (DELETE is its last step).
        var author = Assert.Single(conduit.ArticlesCreatedBy);
        Assert.Equal(author.Value, conduit.ArticlesDeleted);
        Assert.Equal(0, conduit.ArticlesLeft);
    }

    private static string Section(string markdown, string flow)
    {
        var start = markdown.IndexOf($"\n## {flow} (", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no flow {flow} in:\n{markdown}");
        var end = markdown.IndexOf("\n## ", start + 4, StringComparison.Ordinal);
        return markdown[start..(end < 0 ? markdown.Length : end)];
    }

    private static List<string> StepsOf(string section) =>
        [.. section.Split('\n').Where(l => l.Length > 3 && char.IsAsciiDigit(l[0]) && l.Contains(". `", StringComparison.Ordinal)).Select(l => l.Split('`')[1])];

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
