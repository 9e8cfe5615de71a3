namespace LoadTest.Tasks.Planning;

/// <summary>
/// What to generate, independent of the output language: the flows with their steps, the auth, the data pool and the
/// run defaults. One plan is rendered by the k6 template and the C# template, so both send the same requests.
/// </summary>
public sealed record LoadPlan(string Title, string SourceName, IReadOnlyList<FlowPlan> Flows, AuthPlan Auth)
{
    public string DefaultProfile { get; init; } = "smoke";
    public IReadOnlyDictionary<string, string> ProfileOverrides { get; init; } = new SortedDictionary<string, string>();
    public int Seed { get; init; }
    public DataPoolPlan? DataPool { get; init; }

    /// <summary>Operations in no flow, with why (logout would end the session the next steps need).</summary>
    public IReadOnlyList<string> LeftOut { get; init; } = [];
}

/// <summary>A sequence of requests run as one k6 scenario / one C# scenario.</summary>
public sealed record FlowPlan(string Name, IReadOnlyList<StepPlan> Steps)
{
    /// <summary>Where the flow came from: declared, arazzo, group or chain.</summary>
    public string Origin { get; init; } = "group";
    /// <summary>Share of the load relative to the other flows of a mixed run.</summary>
    public double Weight { get; init; } = 1;
    public ThinkTime ThinkTime { get; init; } = ThinkTime.Default;

    /// <summary>Where each step's inputs come from (the flow's producer → consumer edges), for the build log and flows.md.</summary>
    public IReadOnlyList<BindingNote> Bindings { get; init; } = [];

    /// <summary>Some step takes a value of the virtual user's session (its user name, a sign-up's e-mail).</summary>
    public bool UsesSession => Steps.Any(s => s.UsesSession);
}

/// <summary>
/// One input of a flow step and its source: an earlier step's output (<see cref="Source"/>), the session, a declared
/// binding, or nothing: then <see cref="Fallback"/> says what is generated instead.
/// </summary>
public sealed record BindingNote(int Step, string Input, string? Source, string? Fallback, bool Required)
{
    public bool Unfed => Source is null && Required;
}

/// <summary>Pause between steps: uniform in [MinSeconds, MaxSeconds], multiplied by the run's time scale.</summary>
public sealed record ThinkTime(double MinSeconds, double MaxSeconds)
{
    public static ThinkTime Default { get; } = new(1, 3);
}

/// <summary>One request of a flow.</summary>
public sealed record StepPlan(string Id, string Method, string PathTemplate)
{
    /// <summary>Human label used in check names, e.g. <c>cart add</c>.</summary>
    public string Label { get; init; } = "";
    /// <summary>k6 <c>tags.name</c>: <c>METHOD /path/{template}</c>, one series per operation.</summary>
    public string OperationName => $"{Method} {PathTemplate}";
    public string? OperationId { get; init; }
    public IReadOnlyList<PathPart> Path { get; init; } = [];
    public IReadOnlyList<NamedValue> Query { get; init; } = [];
    public IReadOnlyList<NamedValue> Headers { get; init; } = [];
    public BodyPlan? Body { get; init; }
    public CheckPlan Check { get; init; } = new("ok", []);
    public IReadOnlyList<CapturePlan> Captures { get; init; } = [];
    public bool Authenticated { get; init; }

    /// <summary>A value of this step comes from the virtual user's session (sign-up or login).</summary>
    public bool UsesSession { get; init; }
}

/// <summary>A literal piece of the path, or a parameter's value.</summary>
public sealed record PathPart(string? Literal, ValueRule? Value)
{
    /// <summary>The path parameter's name when this part is a value.</summary>
    public string? Parameter { get; init; }
}

public sealed record NamedValue(string Name, ValueRule Value)
{
    /// <summary>Chance the value is sent at all (optional query parameters are sent half of the time).</summary>
    public double Probability { get; init; } = 1;
}

/// <summary>A request body: JSON or form-urlencoded (top-level members become fields).</summary>
public sealed record BodyPlan(string ContentType, ValueRule Value)
{
    public bool IsForm => ContentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The check on a response: its name and the statuses that pass; empty <see cref="Statuses"/> means any 2xx.</summary>
public sealed record CheckPlan(string Name, IReadOnlyList<int> Statuses);

/// <summary>
/// A value kept in <see cref="Variable"/> for later steps: from the response body (dotted JSON path), the last path
/// segment of the <c>Location</c> header, or the request body this step sent. A missing value leaves the variable as it was.
/// </summary>
public sealed record CapturePlan(string Variable, string JsonPath)
{
    public CaptureSource Source { get; init; } = CaptureSource.Response;
}

public enum CaptureSource
{
    Response,
    Location,
    Request,
}

public enum AuthKind
{
    None,
    /// <summary>Log in with credentials from the environment or the data pool, keep the bearer token until it expires.</summary>
    Login,
    /// <summary>A bearer token from the environment (<c>TOKEN</c>).</summary>
    StaticBearer,
    ApiKey,
    Basic,
}

public sealed record AuthPlan(AuthKind Kind)
{
    public static AuthPlan None { get; } = new(AuthKind.None);

    /// <summary>Login: the request that returns the token.</summary>
    public StepPlan? LoginStep { get; init; }
    /// <summary>Login: dotted path of the token in the login response.</summary>
    public string TokenPath { get; init; } = "token";
    /// <summary>Login with sign-up: registers a fresh user once per virtual user, whose credentials the login sends.</summary>
    public StepPlan? SignUpStep { get; init; }
    /// <summary>Login, StaticBearer, ApiKey: the header the token or key goes in, and the text before it.</summary>
    public string TokenHeader { get; init; } = "Authorization";
    public string TokenPrefix { get; init; } = "Bearer ";
    /// <summary>Login: who the virtual users are: "data" (a row each), "signup" (a fresh user each) or "environment" (one shared account).</summary>
    public string Identity { get; init; } = "environment";
    /// <summary>Which environment variable (or data column, or sign-up) feeds which security scheme, in words for the build log.</summary>
    public IReadOnlyList<string> AuthNotes { get; init; } = [];
    /// <summary>StaticBearer / ApiKey: the environment variable with the secret.</summary>
    public string SecretVariable { get; init; } = "TOKEN";
    /// <summary>ApiKey: where it goes (header or query) and under which name.</summary>
    public string ApiKeyIn { get; init; } = "header";
    public string ApiKeyName { get; init; } = "X-API-Key";
}

/// <summary>
/// A user data file whose columns override generated values of the same name. <see cref="Path"/> is the file the
/// build read; a copy named <see cref="FileName"/> goes beside the k6 scripts (data/) and into the test output
/// (loadtest-data/). <see cref="Mode"/> picks rows: per-vu, sequential or random.
/// </summary>
public sealed record DataPoolPlan(string Path, IReadOnlyList<string> Fields)
{
    public bool IsJson => Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
    public string FileName => System.IO.Path.GetFileName(Path);
    public string Mode { get; init; } = "per-vu";
    /// <summary>The file's text as read at build time (copied beside the scripts).</summary>
    public string Content { get; init; } = "";
}
