using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Planning.Inference;

namespace LoadTest.Tasks.Planning;

/// <summary>
/// Decides how virtual users authenticate and who they are: log in and keep the token (when the API has an anonymous
/// login operation returning one) as a fresh user each (when it also has a sign-up), a data-file row each, or the one
/// account of the environment; else a token, API key or basic credentials from the environment. Secrets are always
/// read at run time; nothing secret is written into a generated file.
/// </summary>
internal static partial class AuthPlanner
{
    public const string UsernameVariable = "LOADTEST_USERNAME";
    public const string PasswordVariable = "LOADTEST_PASSWORD";
    public const string TokenVariable = "TOKEN";
    public const string ApiKeyVariable = "LOADTEST_API_KEY";

    /// <summary>A prefix shown before a placeholder value: <c>Token xxxxxx.yyyyy.zzzzz</c>, <c>Bearer &lt;token&gt;</c>.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9])(Bearer|Token|JWT|Basic|ApiKey|Api-Key|SSWS|OAuth)\s+(?:<[^>\s]+>|\{[^}\s]+\}|\[[^\]\s]+\]|[A-Za-z0-9_\-]*(?:xxx|XXX|\.\.\.)[A-Za-z0-9_\-.]*|[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ShownPrefix();

    /// <summary>Login, its sign-up and the operations left out of flows (logout), before the auth plan is made.</summary>
    public static SessionOperations FindSession(ApiModel model, DependencyGraph graph)
    {
        var login = FindLogin(model, graph, out _);
        var signUp = login is null ? null : FindSignUp(model, graph, login);
        var leftOut = model.Operations.Where(o => !ReferenceEquals(o, login) && OperationRoles.IsLogout(o)).ToList();
        return new SessionOperations(login, signUp, leftOut);
    }

    /// <summary>
    /// The login operation: a POST that needs no auth itself, named like a login (login, signin, auth, token,
    /// session…) and whose response holds a token; one that takes a password first.
    /// </summary>
    public static ApiOperation? FindLogin(ApiModel model, DependencyGraph graph, out string tokenPath)
    {
        tokenPath = "token";
        var candidates = model.Operations
            .Where(o => o.Method.Equals("POST", StringComparison.OrdinalIgnoreCase) && IsAnonymous(model, o))
            .Where(o => OperationRoles.Named(o, OperationRoles.LoginWords) && !OperationRoles.IsSignUp(o) && !OperationRoles.IsLogout(o))
            .OrderBy(o => graph.InputsOf(o).Any(IsPassword) ? 0 : 1)
            .ThenBy(o => OperationRoles.Named(o, OperationRoles.StrongLoginWords) ? 0 : 1)
            .ThenBy(o => o.PathTemplate, StringComparer.Ordinal);
        foreach (var operation in candidates)
        {
            var token = graph.OutputsOf(operation)
                .Where(o => o.Place == OutputPlace.Response && ResourceNames.IsToken(o.Name))
                .OrderBy(o => o.Path.Count(c => c == '.'))
                .FirstOrDefault();
            if (token is not null)
            {
                tokenPath = token.Path;
                return operation;
            }
        }

        return null;
    }

    /// <summary>The sign-up: an anonymous POST (not the login) that takes a password and a user name or e-mail.</summary>
    public static ApiOperation? FindSignUp(ApiModel model, DependencyGraph graph, ApiOperation login) =>
        model.Operations
            .Where(o => !ReferenceEquals(o, login) && o.Method.Equals("POST", StringComparison.OrdinalIgnoreCase) && IsAnonymous(model, o) && !OperationRoles.IsLogout(o))
            .Where(o => graph.InputsOf(o).Any(i => i.Place == InputPlace.Body && IsPassword(i))
                && graph.InputsOf(o).Any(i => i.Place == InputPlace.Body && ResourceNames.IsLoginName(i.Name)))
            .OrderBy(o => OperationRoles.IsSignUp(o) ? 0 : 1)
            .ThenBy(o => o.PathTemplate, StringComparer.Ordinal)
            .FirstOrDefault();

    public static bool IsAnonymous(ApiModel model, ApiOperation operation) => (operation.Security ?? model.DefaultSecurity).Count == 0;

    private static bool IsPassword(ValueInput input) => NameHints.Normalize(input.Name) is "password" or "passwd" or "pwd" or "secret";

    /// <summary>The auth plan; activates <see cref="AuthInputs.Session"/> when the virtual users log in.</summary>
    public static AuthPlan Plan(AuthInputs inputs)
    {
        var (model, session, prefixOption, diagnostics) = (inputs.Model, inputs.Session, inputs.PrefixOption, inputs.Diagnostics);
        var used = model.Operations
            .SelectMany(o => o.Security ?? model.DefaultSecurity)
            .Select(r => r.SchemeKey)
            .Distinct(StringComparer.Ordinal)
            .Select(key => model.SecuritySchemes.TryGetValue(key, out var scheme) ? scheme : null)
            .OfType<SecurityScheme>()
            .ToList();
        if (used.Count == 0)
        {
            return AuthPlan.None with { AuthNotes = ["No operation declares a security scheme: requests carry no credentials."] };
        }

        var tokenScheme = used.FirstOrDefault(s => s.Kind is SecuritySchemeKind.HttpBearer or SecuritySchemeKind.OAuth2Password or SecuritySchemeKind.OAuth2ClientCredentials or SecuritySchemeKind.OAuth2Other or SecuritySchemeKind.OpenIdConnect);
        var keyScheme = used.FirstOrDefault(s => s.Kind == SecuritySchemeKind.ApiKey);
        if (keyScheme?.In == ParameterLocation.Cookie)
        {
            diagnostics.Add(SourceDiagnostic.Warning(
                "LT2013",
                $"Security scheme '{keyScheme.Key}' sends its API key in a cookie; generated requests send it as a header instead.",
                new SourceLocation(model.Title),
                "Set the cookie in the OnBeforeRequest hook if the API only accepts the cookie."));
        }

        var headerScheme = tokenScheme ?? (keyScheme is { In: not ParameterLocation.Query } ? keyScheme : null);
        if (session.Operations.Login is { } login && headerScheme is not null)
        {
            var (header, prefix) = tokenScheme is not null ? ("Authorization", prefixOption ?? "Bearer ") : (keyScheme!.ParameterName ?? "Authorization", Prefix(keyScheme, model, prefixOption, diagnostics));
            session.Active = true;
            return LoginPlan(inputs, login, headerScheme, header, prefix);
        }

        if (tokenScheme is not null)
        {
            var prefix = prefixOption ?? "Bearer ";
            return new AuthPlan(AuthKind.StaticBearer)
            {
                SecretVariable = TokenVariable,
                TokenPrefix = prefix,
                AuthNotes = [$"{Describe(tokenScheme)}: {TokenVariable} → 'Authorization: {prefix}<{TokenVariable}>' (no anonymous login operation returning a token was found)."],
            };
        }

        if (keyScheme is not null)
        {
            var inQuery = keyScheme.In == ParameterLocation.Query;
            var name = keyScheme.ParameterName ?? "X-API-Key";
            var prefix = inQuery ? prefixOption ?? "" : Prefix(keyScheme, model, prefixOption, diagnostics);
            return new AuthPlan(AuthKind.ApiKey)
            {
                SecretVariable = ApiKeyVariable,
                ApiKeyIn = inQuery ? "query" : "header",
                ApiKeyName = name,
                TokenHeader = name,
                TokenPrefix = prefix,
                AuthNotes = [inQuery
                    ? $"{Describe(keyScheme)}: {ApiKeyVariable} → query parameter {name}."
                    : $"{Describe(keyScheme)}: {ApiKeyVariable} → '{name}: {prefix}<{ApiKeyVariable}>'."],
            };
        }

        if (used.FirstOrDefault(s => s.Kind == SecuritySchemeKind.HttpBasic) is { } basic)
        {
            return new AuthPlan(AuthKind.Basic) { AuthNotes = [$"{Describe(basic)}: {UsernameVariable} / {PasswordVariable} → 'Authorization: Basic …'."] };
        }

        diagnostics.Add(SourceDiagnostic.Warning(
            "LT2013",
            $"Security scheme '{used[0].Key}' ({used[0].Kind}) is not supported; requests send 'Authorization: Bearer' with the TOKEN environment variable.",
            new SourceLocation(model.Title),
            "Set TOKEN before running, or add the credentials in the OnBeforeRequest hook."));
        return new AuthPlan(AuthKind.StaticBearer) { AuthNotes = [$"{Describe(used[0])}: {TokenVariable} → 'Authorization: Bearer <{TokenVariable}>'."] };
    }

    private static string Describe(SecurityScheme scheme) => $"security scheme '{scheme.Key}' ({scheme.Kind switch
    {
        SecuritySchemeKind.HttpBearer => "http bearer",
        SecuritySchemeKind.HttpBasic => "http basic",
        SecuritySchemeKind.ApiKey => $"apiKey in {scheme.In?.ToString().ToLowerInvariant() ?? "header"} {scheme.ParameterName}",
        var other => other.ToString(),
    }})";

    /// <summary>
    /// The text before an API key or token in its header: LoadTestAuthPrefix, else what the scheme's description or a
    /// documented example shows (<c>Token xxxxx.yyyyy.zzzzz</c>), else none; an Authorization header without a known
    /// prefix is LT2033 (the value is sent as it is).
    /// </summary>
    internal static string Prefix(SecurityScheme scheme, ApiModel model, string? option, ICollection<SourceDiagnostic> diagnostics)
    {
        if (option is not null)
        {
            return option;
        }

        var examples = model.Operations
            .SelectMany(o => o.Parameters)
            .Where(p => p.In == ParameterLocation.Header && string.Equals(p.Name, scheme.ParameterName, StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => new[] { p.Example }.Concat(p.Schema.Examples).Append(p.Schema.Default))
            .OfType<JsonValue>()
            .Select(v => v.TryGetValue<string>(out var text) ? text : null)
            .OfType<string>();
        foreach (var text in new[] { scheme.Description }.OfType<string>().Concat(examples))
        {
            if (ShownPrefix().Match(text) is { Success: true } match)
            {
                return match.Groups[1].Value + " ";
            }
        }

        if (string.Equals(scheme.ParameterName, "Authorization", StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Add(SourceDiagnostic.Warning("LT2033",
                $"Security scheme '{scheme.Key}' puts its value in the Authorization header, but neither its description nor an example shows a prefix (like 'Token ' or 'Bearer '): the value is sent as it is.",
                new SourceLocation(model.Title),
                "Set <LoadTestAuthPrefix>Token</LoadTestAuthPrefix> (or Bearer) in the project if the API expects one."));
        }

        return "";
    }

    private static AuthPlan LoginPlan(AuthInputs inputs, ApiOperation login, SecurityScheme scheme, string header, string prefix)
    {
        var (model, graph, steps, session, dataPool) = (inputs.Model, inputs.Graph, inputs.Steps, inputs.Session, inputs.DataPool);
        FindLogin(model, graph, out var tokenPath);
        var step = steps.Build(login, SessionBinder.LoginStepId, AuthPlan.None) with { Authenticated = false };
        var credentials = graph.InputsOf(login).Where(i => i.Place == InputPlace.Body && ResourceNames.IsCredential(i.Name)).ToList();
        var identity = dataPool is not null && credentials.Any(c => dataPool.Fields.Contains(c.Name, StringComparer.Ordinal)) ? "data"
            : session.Operations.SignUp is not null ? "signup"
            : "environment";

        StepPlan? signUp = null;
        if (identity == "signup")
        {
            signUp = SignUpStep(inputs, session.Operations.SignUp!);
        }

        foreach (var credential in credentials)
        {
            if (step.Body is not { } body)
            {
                break;
            }

            ValueRule Environment(ValueRule _) => CredentialVariable(credential.Name) is { } variable
                ? new EnvRule(variable, new ConstRule(JsonValue.Create("")))
                : _;
            ValueRule Wire(ValueRule rule) => identity switch
            {
                "data" when rule is DataRule data => data with { Fallback = Environment(data.Fallback) },
                "signup" when graph.Best(credential, [session.Operations.SignUp!]) is { } edge => new CaptureRule(session.Capture(edge.From), "string", rule),
                "signup" => rule,
                _ => Environment(rule),
            };
            if (RulePaths.Replace(body.Value, credential.Path.Split('.'), Wire) is { } wired)
            {
                step = step with { Body = body with { Value = wired } };
            }
        }

        var names = string.Join(", ", credentials.Select(c => c.Path));
        var sends = $"the token ({tokenPath}) goes in '{header}: {prefix}<token>'";
        var note = identity switch
        {
            "signup" => $"{Describe(scheme)}: each virtual user signs up with {session.Operations.SignUp!.DisplayName} as a fresh user and logs in with {login.DisplayName} ({names} ← what it signed up with); {sends}. No credentials are read from the environment.",
            "data" => $"{Describe(scheme)}: each virtual user logs in with {login.DisplayName} as the data file's row ({names} from its columns; rows {dataPool!.Mode}); {sends}.",
            _ => $"{Describe(scheme)}: every virtual user logs in with {login.DisplayName} as {UsernameVariable} / {PasswordVariable} ({names}), so all of them are one account; {sends}. For one user per virtual user add a LoadTestDataFile with {names} columns.",
        };
        return new AuthPlan(AuthKind.Login)
        {
            LoginStep = step,
            SignUpStep = signUp,
            TokenPath = tokenPath,
            TokenHeader = header,
            TokenPrefix = prefix,
            Identity = identity,
            AuthNotes = [note],
        };
    }

    /// <summary>The sign-up request with a user name and e-mail no other virtual user (or earlier run) has.</summary>
    private static StepPlan SignUpStep(AuthInputs inputs, ApiOperation signUp)
    {
        var (graph, steps, diagnostics) = (inputs.Graph, inputs.Steps, inputs.Diagnostics);
        var step = steps.Build(signUp, SessionBinder.SignUpStepId, AuthPlan.None) with { Authenticated = false };
        foreach (var name in graph.InputsOf(signUp).Where(i => i.Place == InputPlace.Body && ResourceNames.IsLoginName(i.Name)))
        {
            var unique = new StringRule(ResourceNames.IsEmail(name.Name) ? "uniqueEmail" : "uniqueUsername");
            if (!PayloadPlanner.Satisfies(unique, name.Schema))
            {
                diagnostics.Add(SourceDiagnostic.Warning("LT2034",
                    $"{signUp.DisplayName}: {name} allows no value made unique per virtual user (its pattern or length rules it out); the generated value is sent, so two virtual users may try to sign up as the same user.",
                    signUp.Location,
                    "Loosen the schema of that member, or give the virtual users their accounts with a LoadTestDataFile."));
                continue;
            }

            if (step.Body is { } body && RulePaths.Replace(body.Value, name.Path.Split('.'), _ => unique) is { } replaced)
            {
                step = step with { Body = body with { Value = replaced } };
            }
        }

        return step;
    }

    private static string? CredentialVariable(string member) => NameHints.Normalize(member) switch
    {
        "username" or "user" or "login" or "email" or "emailaddress" or "name" or "clientid" => UsernameVariable,
        "password" or "passwd" or "pwd" or "secret" or "clientsecret" => PasswordVariable,
        _ => null,
    };
}

/// <summary>What the auth planner works from.</summary>
internal sealed record AuthInputs(
    ApiModel Model,
    DependencyGraph Graph,
    StepBuilder Steps,
    SessionBinder Session,
    DataPoolPlan? DataPool,
    string? PrefixOption,
    ICollection<SourceDiagnostic> Diagnostics);
