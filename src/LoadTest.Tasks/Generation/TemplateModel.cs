using System.Text.Json;
using System.Text.Json.Nodes;
using LoadTest.Runtime.Profiles;
using LoadTest.Tasks.Planning;

namespace LoadTest.Tasks.Generation;

/// <summary>
/// The plan as templates see it: structure plus the value expressions already rendered for each language
/// (<c>js_*</c> and <c>cs_*</c>). Templates decide the layout; they never re-derive a rule.
/// </summary>
internal sealed record ScriptModel(
    string SourceName,
    string SourceClass,
    string Title,
    string Namespace,
    string DefaultProfile,
    int Seed,
    string TestFramework,
    string TestClass,
    AuthModel Auth,
    DataModel? Data,
    IReadOnlyList<FlowModel> Flows)
{
    public string OverridesJs { get; init; } = "{}";
    public string OverridesCs { get; init; } = "";
    public string ProfilesJson { get; init; } = "[]";
    /// <summary>Every operation of every flow (the all-flows plan's per-operation thresholds).</summary>
    public string OperationsJs { get; init; } = "[]";
    public string OperationsCs { get; init; } = "";
    public string MinimumK6 { get; init; } = K6Compatibility.MinimumVersion;
}

internal sealed record FlowModel(string Name, string JsFunction, string ClassName, double Weight, IReadOnlyList<StepModel> Steps)
{
    public string File { get; init; } = "";
    public string Origin { get; init; } = "group";
    public string ThinkMin { get; init; } = "1";
    public string ThinkMax { get; init; } = "3";
    public string OperationsJs { get; init; } = "[]";
    public string OperationsCs { get; init; } = "";
    public string Share { get; init; } = "1";
    public string Manifest { get; init; } = "{}";
    public bool UsesVars => Steps.Any(s => s.Captures.Count > 0);
    /// <summary>A step takes a value of the virtual user's session: the flow starts from the session's values.</summary>
    public bool UsesSession { get; init; }
}

internal sealed record StepModel(string Id, string Label, string Method, string OperationName)
{
    public string Pascal { get; init; } = "";
    /// <summary>camelCase name for JS variables (cartAdd).</summary>
    public string JsVar { get; init; } = "";
    public string CheckName { get; init; } = "";
    public string JsCheckName { get; init; } = "";
    public string CsCheckName { get; init; } = "";
    public string JsOperationName { get; init; } = "";
    public string CsOperationName { get; init; } = "";
    public string JsUrl { get; init; } = "";
    public string CsUrl { get; init; } = "";
    public string? JsBody { get; init; }
    public string? CsBody { get; init; }
    public string? ContentType { get; init; }
    public bool IsForm { get; init; }
    public IReadOnlyList<HeaderModel> Headers { get; init; } = [];
    public string JsCheck { get; init; } = "";
    public string CsCheck { get; init; } = "";
    public bool Authenticated { get; init; }
    public IReadOnlyList<CaptureModel> Captures { get; init; } = [];
    public string LatencyMetric { get; init; } = "";
    public string ErrorMetric { get; init; } = "";
    public string CsMethod { get; init; } = "";
}

internal sealed record HeaderModel(string JsName, string CsName, string JsValue, string CsValue);

internal sealed record CaptureModel(string Variable, string Path)
{
    public CaptureSource Source { get; init; } = CaptureSource.Response;
    public string JsVariable => JsValueWriter.String(Variable);
    public string CsVariable => CSharpValueWriter.String(Variable);
    public string JsPath => JsValueWriter.String(Path);
    public string CsPath => CSharpValueWriter.String(Path);

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
        _ when Path.Contains("[*]", StringComparison.Ordinal) => $"Payload.ResponseValue(response, {CsPath}, vu.Random)",
        _ => $"response.JsonValue({CsPath})",
    };
}

internal sealed record AuthModel(string Kind)
{
    public StepModel? Login { get; init; }
    /// <summary>Login with sign-up: registers a fresh user once per virtual user before its first login.</summary>
    public StepModel? SignUp { get; init; }
    /// <summary>data, signup or environment: who the virtual users are.</summary>
    public string Identity { get; init; } = "environment";
    /// <summary>The header the token or key goes in and the text before it, as JS and C# string literals.</summary>
    public string JsTokenHeader { get; init; } = JsValueWriter.String("Authorization");
    public string CsTokenHeader { get; init; } = CSharpValueWriter.String("Authorization");
    public string JsTokenPrefix { get; init; } = JsValueWriter.String("Bearer ");
    public string CsTokenPrefix { get; init; } = CSharpValueWriter.String("Bearer ");
    public string TokenPath { get; init; } = "token";
    public string JsTokenPath => JsValueWriter.String(TokenPath);
    public string CsTokenPath => CSharpValueWriter.String(TokenPath);
    public string SecretVariable { get; init; } = "TOKEN";
    public string ApiKeyIn { get; init; } = "header";
    public string ApiKeyName { get; init; } = "X-API-Key";
    public string UsernameVariable { get; init; } = AuthPlanner.UsernameVariable;
    public string PasswordVariable { get; init; } = AuthPlanner.PasswordVariable;

    /// <summary>The credential variables the run cannot do without, as C# string literals (the session refuses to start without them, LT4119).</summary>
    public string RequiredVariablesCs { get; init; } = "";
}

/// <summary>
/// The data pool: <see cref="JsPath"/> is the copy beside the scripts (<c>./data/users.csv</c>), <see cref="CsFile"/>
/// the copy's file name in the test output's loadtest-data folder; <see cref="JsMode"/>/<see cref="CsMode"/> the row mode.
/// </summary>
internal sealed record DataModel(string JsPath, string CsFile, bool IsJson)
{
    public string JsMode { get; init; } = JsValueWriter.String("per-vu");
    public string CsMode { get; init; } = CSharpValueWriter.String("per-vu");
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
        var sourceClass = Naming.Pascal(options.SourceName);
        var totalWeight = plan.Flows.Sum(f => f.Weight);
        var flows = plan.Flows.Select(f => Flow(f, plan, totalWeight)).ToList();
        var overrides = plan.ProfileOverrides;
        return new ScriptModel(
            options.SourceName,
            sourceClass,
            plan.Title,
            $"{options.RootNamespace}.LoadTests",
            plan.DefaultProfile,
            plan.Seed,
            options.TestFramework.ToLowerInvariant(),
            sourceClass + "LoadTests",
            Auth(plan),
            plan.DataPool is { } pool ? new DataModel(JsValueWriter.String(DataCopyPath(pool)), CSharpValueWriter.String(pool.FileName), pool.IsJson)
            {
                JsMode = JsValueWriter.String(pool.Mode),
                CsMode = CSharpValueWriter.String(pool.Mode),
            } : null,
            flows)
        {
            OverridesJs = JsonSerializer.Serialize(overrides),
            OverridesCs = string.Join(", ", overrides.Select(o => $"[{CSharpValueWriter.String(o.Key)}] = {CSharpValueWriter.String(o.Value)}")),
            ProfilesJson = ProfilesJson(),
            OperationsJs = "[" + string.Join(", ", AllOperations(flows).Select(JsValueWriter.String)) + "]",
            OperationsCs = string.Join(", ", AllOperations(flows).Select(CSharpValueWriter.String)),
        };
    }

    private static IEnumerable<string> AllOperations(IEnumerable<FlowModel> flows) =>
        flows.SelectMany(f => f.Steps).Select(s => s.OperationName).Distinct();

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
        var auth = plan.Auth.Kind switch
        {
            AuthKind.Login => new AuthModel("login")
            {
                Login = Step(plan.Auth.LoginStep!, plan.Auth),
                SignUp = plan.Auth.SignUpStep is { } signUp ? Step(signUp, plan.Auth) : null,
                TokenPath = plan.Auth.TokenPath,
                Identity = plan.Auth.Identity,
            },
            AuthKind.StaticBearer => new AuthModel("bearer") { SecretVariable = plan.Auth.SecretVariable },
            AuthKind.ApiKey => new AuthModel("apikey") { SecretVariable = plan.Auth.SecretVariable, ApiKeyIn = plan.Auth.ApiKeyIn, ApiKeyName = plan.Auth.ApiKeyName },
            AuthKind.Basic => new AuthModel("basic"),
            _ => new AuthModel("none"),
        };
        return auth with
        {
            JsTokenHeader = JsValueWriter.String(plan.Auth.TokenHeader),
            CsTokenHeader = CSharpValueWriter.String(plan.Auth.TokenHeader),
            JsTokenPrefix = JsValueWriter.String(plan.Auth.TokenPrefix),
            CsTokenPrefix = CSharpValueWriter.String(plan.Auth.TokenPrefix),
            RequiredVariablesCs = string.Join(", ", CredentialVariables(plan.Auth).Distinct(StringComparer.Ordinal).Select(CSharpValueWriter.String)),
        };
    }

    private static FlowModel Flow(FlowPlan flow, LoadPlan plan, double totalWeight)
    {
        var steps = flow.Steps.Select(s => Step(s, plan.Auth)).ToList();
        var operations = steps.Select(s => s.OperationName).Distinct().ToList();
        return new FlowModel(flow.Name, Naming.Camel(flow.Name) + "Flow", Naming.Pascal(flow.Name) + "Scenario", flow.Weight, steps)
        {
            File = flow.Name + ".js",
            Origin = flow.Origin,
            ThinkMin = JsValueWriter.Number(flow.ThinkTime.MinSeconds),
            ThinkMax = JsValueWriter.Number(flow.ThinkTime.MaxSeconds),
            OperationsJs = "[" + string.Join(", ", operations.Select(JsValueWriter.String)) + "]",
            OperationsCs = string.Join(", ", operations.Select(CSharpValueWriter.String)),
            Share = JsValueWriter.Number(totalWeight <= 0 ? 1 : flow.Weight / totalWeight),
            Manifest = Manifest.Of(flow, plan),
            UsesSession = flow.UsesSession && plan.Auth.Kind == AuthKind.Login,
        };
    }

    private static StepModel Step(StepPlan step, AuthPlan auth)
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
            jsUrl.Add(part.Literal is { } literal ? JsValueWriter.String(literal) : $"lt.seg({JsValueWriter.Write(part.Value!)})");
            csUrl.Add(part.Literal is { } csLiteral ? CSharpValueWriter.String(csLiteral) : $"Payload.Segment({CSharpValueWriter.Write(part.Value!)})");
        }

        if (query.Count > 0)
        {
            string Js(NamedValue q) => q.Probability >= 1 ? JsValueWriter.Write(q.Value) : $"lt.maybe({JsValueWriter.Number(q.Probability)}, () => {JsValueWriter.Write(q.Value)})";
            string Cs(NamedValue q) => q.Probability >= 1 ? CSharpValueWriter.Write(q.Value) : $"Payload.Maybe(vu.Random, {CSharpValueWriter.Number(q.Probability)}, () => {CSharpValueWriter.Write(q.Value)})";
            jsUrl.Add("lt.query([" + string.Join(", ", query.Select(q => $"[{JsValueWriter.String(q.Name)}, {Js(q)}]")) + "])");
            csUrl.Add("Payload.Query(" + string.Join(", ", query.Select(q => $"({CSharpValueWriter.String(q.Name)}, {Cs(q)})")) + ")");
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

        var pascal = Naming.Pascal(step.Id);
        return new StepModel(step.Id, step.Label, step.Method, step.OperationName)
        {
            Pascal = pascal,
            JsVar = Naming.Camel(step.Id),
            CheckName = step.Check.Name,
            JsCheckName = JsValueWriter.String(step.Check.Name),
            CsCheckName = CSharpValueWriter.String(step.Check.Name),
            JsOperationName = JsValueWriter.String(step.OperationName),
            CsOperationName = CSharpValueWriter.String(step.OperationName),
            JsUrl = string.Join(" + ", jsUrl),
            CsUrl = csUrl.Count == 0 ? "\"/\"" : string.Join(" + ", csUrl),
            JsBody = step.Body is null ? null : JsValueWriter.Write(step.Body.Value, 2),
            CsBody = step.Body is null ? null : CSharpValueWriter.Write(step.Body.Value, 3),
            ContentType = step.Body?.ContentType,
            IsForm = step.Body?.IsForm ?? false,
            Headers = [.. step.Headers.Select(h => new HeaderModel(JsValueWriter.String(h.Name), CSharpValueWriter.String(h.Name), JsValueWriter.Write(h.Value), CSharpValueWriter.Write(h.Value)))],
            JsCheck = jsCheck,
            CsCheck = csCheck,
            Authenticated = step.Authenticated,
            Captures = [.. step.Captures.Select(c => new CaptureModel(c.Variable, c.JsonPath) { Source = c.Source })],
            LatencyMetric = step.Id + "_latency",
            ErrorMetric = step.Id + "_errors",
            CsMethod = step.Method switch
            {
                "GET" => "HttpMethod.Get",
                "POST" => "HttpMethod.Post",
                "PUT" => "HttpMethod.Put",
                "PATCH" => "HttpMethod.Patch",
                "DELETE" => "HttpMethod.Delete",
                "HEAD" => "HttpMethod.Head",
                "OPTIONS" => "HttpMethod.Options",
                var other => $"new HttpMethod({CSharpValueWriter.String(other)})",
            },
        };
    }
}
