using System.Text.Json;
using System.Text.Json.Nodes;
using LoadTest.Runtime.Profiles;
using LoadTest.Tasks.Planning;

namespace LoadTest.Tasks.Generation;

/// <summary>
/// The plan as templates see it: structure plus every text already written for each language by
/// <see cref="JsWriter"/> and <see cref="CSharpWriter"/> (<c>js_*</c> and <c>cs_*</c> members are literals or
/// expressions, <c>*_comment</c> members are one line of comment text, names are sanitised identifiers). Templates
/// decide the layout; they never receive raw spec text, so no spec can inject code through them.
/// </summary>
internal sealed record ScriptModel(
    string SourceName,
    string SourceClass,
    string Namespace,
    string DefaultProfile,
    int Seed,
    string TestFramework,
    string TestClass,
    AuthModel Auth,
    DataModel? Data,
    IReadOnlyList<FlowModel> Flows)
{
    public string TitleJsComment { get; init; } = "";
    public string TitleCsComment { get; init; } = "";
    public string JsDefaultProfile { get; init; } = "\"smoke\"";
    public string CsDefaultProfile { get; init; } = "\"smoke\"";
    public string OverridesJs { get; init; } = "({})";
    public string OverridesCs { get; init; } = "";
    public string ProfilesJson { get; init; } = "[]";
    /// <summary>Every operation of every flow (the all-flows plan's per-operation thresholds).</summary>
    public string OperationsJs { get; init; } = "[]";
    public string OperationsCs { get; init; } = "";
    /// <summary>Name of the all-flows script without .js (all-flows, or prefixed by source when several sources have one).</summary>
    public string AllFlowsName { get; init; } = "all-flows";
    public string JsAllFlowsName { get; init; } = "\"all-flows\"";
    public string CsAllFlowsName { get; init; } = "\"all-flows\"";
    public string MinimumK6 { get; init; } = K6Compatibility.MinimumVersion;
}

/// <param name="Name">The k6 scenario name: ASCII letters, digits, _ and - only (k6's rule), unique in the project.</param>
/// <param name="JsFunction">The exported flow function: a JavaScript identifier, unique in the source.</param>
/// <param name="ClassName">The C# scenario class: an identifier, unique in the project.</param>
internal sealed record FlowModel(string Name, string JsFunction, string ClassName, double Weight, IReadOnlyList<StepModel> Steps)
{
    /// <summary>Script file name (the scenario name + .js).</summary>
    public string File { get; init; } = "";
    public string JsName { get; init; } = "";
    public string CsName { get; init; } = "";
    /// <summary>The function name as a string literal (a scenario's <c>exec</c>).</summary>
    public string JsFunctionName { get; init; } = "";
    /// <summary>The module specifier of the script (<c>"./checkout.js"</c>), for the all-flows script's imports.</summary>
    public string JsImport { get; init; } = "";
    /// <summary>The C# test method that runs this flow (unique in the test class).</summary>
    public string TestMethod { get; init; } = "";
    public string Origin { get; init; } = "group";
    public string ThinkMin { get; init; } = "1";
    public string ThinkMax { get; init; } = "3";
    public string OperationsJs { get; init; } = "[]";
    public string OperationsCs { get; init; } = "";
    public string Share { get; init; } = "1";
    /// <summary>The one-line JSON manifest, safe as the rest of a comment line in both languages.</summary>
    public string Manifest { get; init; } = "{}";
    public bool UsesVars => Steps.Any(s => s.Captures.Count > 0);
    /// <summary>A step takes a value of the virtual user's session: the flow starts from the session's values.</summary>
    public bool UsesSession { get; init; }
}

/// <param name="Method">The HTTP method, upper-case ASCII letters only.</param>
internal sealed record StepModel(string Method)
{
    /// <summary>PascalCase identifier (C# metric fields), unique in the flow.</summary>
    public string Pascal { get; init; } = "";
    /// <summary>camelCase identifier for JS variables (cartAdd), unique in the flow.</summary>
    public string JsVar { get; init; } = "";
    public string JsId { get; init; } = "";
    public string CsId { get; init; } = "";
    public string JsMethod { get; init; } = "";
    public string JsCheckName { get; init; } = "";
    public string CsCheckName { get; init; } = "";
    public string JsOperationName { get; init; } = "";
    public string CsOperationName { get; init; } = "";
    public string OperationJsComment { get; init; } = "";
    public string OperationCsComment { get; init; } = "";
    public string JsUrl { get; init; } = "";
    public string CsUrl { get; init; } = "";
    public string? JsBody { get; init; }
    public string? CsBody { get; init; }
    /// <summary>The body's content type as a literal; null without a body.</summary>
    public string? JsContentType { get; init; }
    public string? CsContentType { get; init; }
    public bool IsForm { get; init; }
    public IReadOnlyList<HeaderModel> Headers { get; init; } = [];
    public string JsCheck { get; init; } = "";
    public string CsCheck { get; init; } = "";
    public bool Authenticated { get; init; }
    public IReadOnlyList<CaptureModel> Captures { get; init; } = [];
    public string JsLatencyMetric { get; init; } = "";
    public string CsLatencyMetric { get; init; } = "";
    public string JsErrorMetric { get; init; } = "";
    public string CsErrorMetric { get; init; } = "";
    public string CsMethod { get; init; } = "";
}

internal sealed record HeaderModel(string JsName, string CsName, string JsValue, string CsValue);

/// <param name="JsPath">The JSON path as a JS string literal; <see cref="CsPath"/> as a C# one.</param>
internal sealed record CaptureModel(string JsVariable, string CsVariable, string JsPath, string CsPath)
{
    public CaptureSource Source { get; init; } = CaptureSource.Response;

    /// <summary>A list item picked at random per iteration (<c>items[*].id</c>): C# picks with the VU's Random.</summary>
    public bool PicksFromList { get; init; }

    /// <summary>The captured value in JS: from the response (<c>res</c>), its Location header, or the body sent (<c>body</c>).</summary>
    public string JsValue => Source switch
    {
        CaptureSource.Location => "lt.locationId(res)",
        CaptureSource.Request => $"lt.pathValue(body, {JsPath})",
        _ => $"lt.jsonValue(res, {JsPath})",
    };

    /// <summary>The captured value in C#: from <c>response</c>, its Location header, or the <c>body</c> sent.</summary>
    public string CsValue => Source switch
    {
        CaptureSource.Location => "Payload.LocationId(response.Header(\"Location\"))",
        CaptureSource.Request => $"Payload.PathValue(body, {CsPath})",
        _ when PicksFromList => $"Payload.ResponseValue(response, {CsPath}, vu.Random)",
        _ => $"response.JsonValue({CsPath})",
    };
}

internal sealed record AuthModel(string Kind)
{
    public StepModel? Login { get; init; }
    /// <summary>Login with sign-up: registers a fresh user once per virtual user before its first login.</summary>
    public StepModel? SignUp { get; init; }
    /// <summary>data, signup or environment: who the virtual users are (a fixed word, not spec text).</summary>
    public string Identity { get; init; } = "environment";
    /// <summary>The header the token or key goes in and the text before it, as JS and C# string literals.</summary>
    public string JsTokenHeader { get; init; } = JsWriter.String("Authorization");
    public string CsTokenHeader { get; init; } = CSharpWriter.String("Authorization");
    public string JsTokenPrefix { get; init; } = JsWriter.String("Bearer ");
    public string CsTokenPrefix { get; init; } = CSharpWriter.String("Bearer ");
    public string JsTokenPath { get; init; } = JsWriter.String("token");
    public string CsTokenPath { get; init; } = CSharpWriter.String("token");
    /// <summary>header or query.</summary>
    public string ApiKeyIn { get; init; } = "header";
    public string JsApiKeyName { get; init; } = JsWriter.String("X-API-Key");
    public string CsApiKeyName { get; init; } = CSharpWriter.String("X-API-Key");
    /// <summary>Names of the environment variables with the credentials (SDK constants, identifiers) and their literals.</summary>
    public string SecretVariable { get; init; } = AuthPlanner.TokenVariable;
    public string UsernameVariable { get; init; } = AuthPlanner.UsernameVariable;
    public string PasswordVariable { get; init; } = AuthPlanner.PasswordVariable;
    public string JsSecretVariable => JsWriter.String(SecretVariable);
    public string CsSecretVariable => CSharpWriter.String(SecretVariable);
    public string JsUsernameVariable => JsWriter.String(UsernameVariable);
    public string CsUsernameVariable => CSharpWriter.String(UsernameVariable);
    public string JsPasswordVariable => JsWriter.String(PasswordVariable);
    public string CsPasswordVariable => CSharpWriter.String(PasswordVariable);

    /// <summary>The credential variables the run cannot do without, as C# string literals (the session refuses to start without them, LT4119).</summary>
    public string RequiredVariablesCs { get; init; } = "";
}

/// <summary>
/// The data pool: <see cref="JsPath"/> is the copy beside the scripts (<c>./data/users.csv</c>), <see cref="CsFile"/>
/// the copy's file name in the test output's loadtest-data folder; <see cref="JsMode"/>/<see cref="CsMode"/> the row mode.
/// </summary>
internal sealed record DataModel(string JsPath, string CsFile, bool IsJson)
{
    public string JsMode { get; init; } = JsWriter.String("per-vu");
    public string CsMode { get; init; } = CSharpWriter.String("per-vu");
}

/// <summary>The k6 features the scripts rely on, and the oldest k6 that has them all.</summary>
internal static class K6Compatibility
{
    /// <summary>Scenarios, SharedArray, k6/execution, handleSummary and ES module imports are all in v0.46.</summary>
    public const string MinimumVersion = "0.46";
}

internal static class TemplateModelBuilder
{
    public static ScriptModel Build(LoadPlan plan, GenerationOptions options)
    {
        var sourceName = GeneratedText.IdentifierCharacters(options.SourceName, "Api");
        var sourceClass = CSharpWriter.Identifier(Naming.Pascal(sourceName), "Api");
        var totalWeight = plan.Flows.Sum(f => f.Weight);

        // Names unique in this source: k6 files and scenario names, JS functions, C# classes and test methods.
        var files = new NameScope(["lib", "all-flows", options.AllFlowsName]);
        var functions = new NameScope();
        var classes = new NameScope();
        var methods = new NameScope(["AllFlows"]);
        var flows = plan.Flows.Select(f => Flow(f, plan, totalWeight, files, functions, classes, methods)).ToList();
        var operations = plan.Flows.SelectMany(f => f.Steps).Select(s => s.OperationName).Distinct().ToList();
        var overrides = plan.ProfileOverrides;
        var allFlows = GeneratedText.ScenarioName(options.AllFlowsName);
        return new ScriptModel(
            sourceName,
            sourceClass,
            CSharpWriter.Namespace($"{options.RootNamespace}.LoadTests"),
            GeneratedText.ScenarioName(plan.DefaultProfile),
            plan.Seed,
            options.TestFramework.ToLowerInvariant(),
            sourceClass + "LoadTests",
            Auth(plan),
            plan.DataPool is { } pool ? new DataModel(JsWriter.String(DataCopyPath(pool)), CSharpWriter.String(pool.FileName), pool.IsJson)
            {
                JsMode = JsWriter.String(pool.Mode),
                CsMode = CSharpWriter.String(pool.Mode),
            } : null,
            flows)
        {
            TitleJsComment = JsWriter.Comment(plan.Title),
            TitleCsComment = CSharpWriter.Comment(plan.Title),
            JsDefaultProfile = JsWriter.String(plan.DefaultProfile),
            CsDefaultProfile = CSharpWriter.String(plan.DefaultProfile),
            OverridesJs = JsWriter.StringMap(overrides),
            OverridesCs = string.Join(", ", overrides.Select(o => $"[{CSharpWriter.String(o.Key)}] = {CSharpWriter.String(o.Value)}")),
            ProfilesJson = ProfilesJson(),
            OperationsJs = "[" + string.Join(", ", operations.Select(JsWriter.String)) + "]",
            OperationsCs = string.Join(", ", operations.Select(CSharpWriter.String)),
            AllFlowsName = allFlows,
            JsAllFlowsName = JsWriter.String(allFlows),
            CsAllFlowsName = CSharpWriter.String(allFlows),
        };
    }

    /// <summary>Where the data file's copy goes, relative to the scripts folder (k6 opens it relative to the script).</summary>
    internal static string DataCopyPath(DataPoolPlan pool) => "./data/" + pool.FileName;

    /// <summary>The built-in profiles as the JS helper module reads them (durations in milliseconds).</summary>
    public static string ProfilesJson()
    {
        var array = new JsonArray();
        foreach (var p in LoadProfiles.All)
        {
            array.Add(new JsonObject
            {
                ["name"] = p.Name,
                ["executor"] = p.Executor,
                ["description"] = p.Description,
                ["vus"] = p.Vus,
                ["durationMs"] = (long)p.Duration.TotalMilliseconds,
                ["start"] = p.Start,
                ["maxVus"] = p.MaxVus,
                ["stages"] = new JsonArray([.. p.Stages.Select(s => (JsonNode)new JsonObject { ["durationMs"] = (long)s.Duration.TotalMilliseconds, ["target"] = s.Target })]),
                ["p95"] = p.Limits.P95Ms,
                ["p99"] = p.Limits.P99Ms,
                ["errorRate"] = p.Limits.ErrorRate,
                ["abortOnFail"] = p.Limits.AbortOnFail,
                ["delayAbortEvalMs"] = (long)p.Limits.DelayAbortEval.TotalMilliseconds,
            });
        }

        return array.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Where the credentials come from: the login body's environment fields (not those a data file row fills), the token or key, basic's pair.</summary>
    private static IEnumerable<string> CredentialVariables(AuthPlan auth) => auth.Kind switch
    {
        AuthKind.Login => auth.LoginStep?.Body?.Value is ObjectRule body ? body.Members.Select(m => m.Value).OfType<EnvRule>().Select(e => e.Variable) : [],
        AuthKind.StaticBearer or AuthKind.ApiKey => [auth.SecretVariable],
        AuthKind.Basic => [AuthPlanner.UsernameVariable, AuthPlanner.PasswordVariable],
        _ => [],
    };

    private static AuthModel Auth(LoadPlan plan)
    {
        var auth = plan.Auth;
        var secret = GeneratedText.IdentifierCharacters(auth.SecretVariable, AuthPlanner.TokenVariable);
        var model = auth.Kind switch
        {
            AuthKind.Login => new AuthModel("login")
            {
                Login = Step(auth.LoginStep!, auth, new NameScope(), new NameScope(), new NameScope()),
                SignUp = auth.SignUpStep is { } signUp ? Step(signUp, auth, new NameScope(), new NameScope(), new NameScope()) : null,
                Identity = auth.Identity,
                JsTokenPath = JsWriter.String(auth.TokenPath),
                CsTokenPath = CSharpWriter.String(auth.TokenPath),
            },
            AuthKind.StaticBearer => new AuthModel("bearer") { SecretVariable = secret },
            AuthKind.ApiKey => new AuthModel("apikey")
            {
                SecretVariable = secret,
                ApiKeyIn = auth.ApiKeyIn == "query" ? "query" : "header",
                JsApiKeyName = JsWriter.String(auth.ApiKeyName),
                CsApiKeyName = CSharpWriter.String(auth.ApiKeyName),
            },
            AuthKind.Basic => new AuthModel("basic"),
            _ => new AuthModel("none"),
        };
        return model with
        {
            JsTokenHeader = JsWriter.String(auth.TokenHeader),
            CsTokenHeader = CSharpWriter.String(auth.TokenHeader),
            JsTokenPrefix = JsWriter.String(auth.TokenPrefix),
            CsTokenPrefix = CSharpWriter.String(auth.TokenPrefix),
            RequiredVariablesCs = string.Join(", ", CredentialVariables(auth).Distinct(StringComparer.Ordinal)
                .Select(v => CSharpWriter.String(GeneratedText.IdentifierCharacters(v, AuthPlanner.TokenVariable)))),
        };
    }

    private static FlowModel Flow(FlowPlan flow, LoadPlan plan, double totalWeight, NameScope files, NameScope functions, NameScope classes, NameScope methods)
    {
        var jsVars = new NameScope();
        var pascals = new NameScope();
        var metrics = new NameScope();
        var steps = flow.Steps.Select(s => Step(s, plan.Auth, jsVars, pascals, metrics)).ToList();
        var operations = flow.Steps.Select(s => s.OperationName).Distinct().ToList();
        var name = files.Claim(GeneratedText.ScenarioName(flow.Name), "_");
        var pascal = Naming.Pascal(name);
        var function = functions.Claim(JsWriter.Identifier(Naming.Camel(name) + "Flow"));
        return new FlowModel(name, function, classes.Claim(CSharpWriter.Identifier(pascal + "Scenario")), flow.Weight, steps)
        {
            File = name + ".js",
            JsName = JsWriter.String(name),
            CsName = CSharpWriter.String(name),
            JsFunctionName = JsWriter.String(function),
            JsImport = JsWriter.String("./" + name + ".js"),
            TestMethod = methods.Claim(CSharpWriter.Identifier(pascal + "Flow")),
            Origin = GeneratedText.ScenarioName(flow.Origin),
            ThinkMin = JsWriter.Number(flow.ThinkTime.MinSeconds),
            ThinkMax = JsWriter.Number(flow.ThinkTime.MaxSeconds),
            OperationsJs = "[" + string.Join(", ", operations.Select(JsWriter.String)) + "]",
            OperationsCs = string.Join(", ", operations.Select(CSharpWriter.String)),
            Share = JsWriter.Number(totalWeight <= 0 ? 1 : flow.Weight / totalWeight),
            Manifest = JsWriter.Comment(Generation.Manifest.Of(flow with { Name = name }, plan), int.MaxValue),
            UsesSession = flow.UsesSession && plan.Auth.Kind == AuthKind.Login,
        };
    }

    /// <summary>Form encoding needs members: a form body that is not an object is sent as JSON text (LT2022).</summary>
    internal static bool IsFormObject(BodyPlan? body) => body is { IsForm: true, Value: ObjectRule };

    private static StepModel Step(StepPlan step, AuthPlan auth, NameScope jsVars, NameScope pascals, NameScope metrics)
    {
        // A parameter with no chance of being sent (an unbound optional id) is left out of the URL altogether.
        var query = step.Query.Where(q => q.Probability > 0).ToList();
        if (auth.Kind == AuthKind.ApiKey && auth.ApiKeyIn == "query" && step.Authenticated)
        {
            query.Add(new NamedValue(auth.ApiKeyName, new EnvRule(auth.SecretVariable, new ConstRule(JsonValue.Create("")))));
        }

        var jsUrl = new List<string> { "BASE_URL" };
        var csUrl = new List<string>();
        foreach (var part in step.Path)
        {
            jsUrl.Add(part.Literal is { } literal ? JsWriter.String(literal) : $"lt.seg({JsWriter.Write(part.Value!)})");
            csUrl.Add(part.Literal is { } csLiteral ? CSharpWriter.String(csLiteral) : $"Payload.Segment({CSharpWriter.Write(part.Value!)})");
        }

        if (query.Count > 0)
        {
            string Js(NamedValue q) => q.Probability >= 1 ? JsWriter.Write(q.Value) : JsWriter.Maybe(q.Probability, JsWriter.Write(q.Value));
            string Cs(NamedValue q) => q.Probability >= 1 ? CSharpWriter.Write(q.Value) : CSharpWriter.Maybe(q.Probability, CSharpWriter.Write(q.Value));
            jsUrl.Add("lt.query([" + string.Join(", ", query.Select(q => $"[{JsWriter.String(q.Name)}, {Js(q)}]")) + "])");
            csUrl.Add("Payload.Query(" + string.Join(", ", query.Select(q => $"({CSharpWriter.String(q.Name)}, {Cs(q)})")) + ")");
        }

        var statuses = step.Check.Statuses;
        var jsCheck = statuses.Count switch
        {
            0 => "r.status >= 200 && r.status < 300",
            1 => $"r.status === {statuses[0]}",
            _ => $"[{string.Join(", ", statuses)}].includes(r.status)",
        };
        var csCheck = statuses.Count switch
        {
            0 => "r.Status is >= 200 and < 300",
            _ => "r.Status is " + string.Join(" or ", statuses),
        };

        var method = new string([.. step.Method.ToUpperInvariant().Where(char.IsAsciiLetter)]);
        method = method.Length == 0 ? "GET" : method;
        var metric = metrics.Claim(GeneratedText.MetricName(step.Id), "_");
        var contentType = step.Body?.ContentType;
        return new StepModel(method)
        {
            Pascal = pascals.Claim(CSharpWriter.Identifier(Naming.Pascal(step.Id), "Step")),
            JsVar = jsVars.Claim(JsWriter.Identifier(Naming.Camel(step.Id), "step")),
            JsId = JsWriter.String(step.Id),
            CsId = CSharpWriter.String(step.Id),
            JsMethod = JsWriter.String(method),
            JsCheckName = JsWriter.String(step.Check.Name),
            CsCheckName = CSharpWriter.String(step.Check.Name),
            JsOperationName = JsWriter.String(step.OperationName),
            CsOperationName = CSharpWriter.String(step.OperationName),
            OperationJsComment = JsWriter.Comment(step.OperationName),
            OperationCsComment = CSharpWriter.Comment(step.OperationName),
            JsUrl = string.Join(" + ", jsUrl),
            CsUrl = csUrl.Count == 0 ? "\"/\"" : string.Join(" + ", csUrl),
            JsBody = step.Body is null ? null : JsWriter.Write(step.Body.Value, 2),
            CsBody = step.Body is null ? null : CSharpWriter.Write(step.Body.Value, 3),
            JsContentType = contentType is null ? null : JsWriter.String(contentType),
            CsContentType = contentType is null ? null : CSharpWriter.String(contentType),
            IsForm = IsFormObject(step.Body),
            Headers = [.. step.Headers.Select(h => new HeaderModel(JsWriter.String(h.Name), CSharpWriter.String(h.Name), JsWriter.Write(h.Value), CSharpWriter.Write(h.Value)))],
            JsCheck = jsCheck,
            CsCheck = csCheck,
            Authenticated = step.Authenticated,
            Captures = [.. step.Captures.Select(c => new CaptureModel(JsWriter.String(c.Variable), CSharpWriter.String(c.Variable), JsWriter.String(c.JsonPath), CSharpWriter.String(c.JsonPath))
            {
                Source = c.Source,
                PicksFromList = c.JsonPath.Contains("[*]", StringComparison.Ordinal),
            })],
            JsLatencyMetric = JsWriter.String(metric + "_latency"),
            CsLatencyMetric = CSharpWriter.String(metric + "_latency"),
            JsErrorMetric = JsWriter.String(metric + "_errors"),
            CsErrorMetric = CSharpWriter.String(metric + "_errors"),
            CsMethod = method switch
            {
                "GET" => "HttpMethod.Get",
                "POST" => "HttpMethod.Post",
                "PUT" => "HttpMethod.Put",
                "PATCH" => "HttpMethod.Patch",
                "DELETE" => "HttpMethod.Delete",
                "HEAD" => "HttpMethod.Head",
                "OPTIONS" => "HttpMethod.Options",
                var other => $"new HttpMethod({CSharpWriter.String(other)})",
            },
        };
    }
}
