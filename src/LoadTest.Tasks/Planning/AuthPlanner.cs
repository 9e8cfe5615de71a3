using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Planning;

/// <summary>
/// Decides how virtual users authenticate: log in and keep a bearer token (when the API has a login operation
/// returning one), a token from the environment, an API key or basic credentials from the environment. Secrets are
/// always read at run time; nothing secret is written into a generated file.
/// </summary>
internal static class AuthPlanner
{
    public const string UsernameVariable = "LOADTEST_USERNAME";
    public const string PasswordVariable = "LOADTEST_PASSWORD";
    public const string TokenVariable = "TOKEN";
    public const string ApiKeyVariable = "LOADTEST_API_KEY";

    private static readonly string[] TokenNames = ["token", "accessToken", "access_token", "jwt", "idToken", "id_token", "bearer"];
    private static readonly string[] LoginWords = ["login", "signin", "sign-in", "authenticate", "token", "session", "sessions"];

    public static AuthPlan Plan(ApiModel model, PayloadPlanner payloads, StepBuilder steps, DataPoolPlan? dataPool, ICollection<SourceDiagnostic> diagnostics)
    {
        var used = model.Operations
            .SelectMany(o => o.Security ?? model.DefaultSecurity)
            .Select(r => r.SchemeKey)
            .Distinct(StringComparer.Ordinal)
            .Select(key => model.SecuritySchemes.TryGetValue(key, out var scheme) ? scheme : null)
            .OfType<SecurityScheme>()
            .ToList();
        if (used.Count == 0)
        {
            return AuthPlan.None;
        }

        if (used.Any(s => s.Kind is SecuritySchemeKind.HttpBearer or SecuritySchemeKind.OAuth2Password or SecuritySchemeKind.OAuth2ClientCredentials or SecuritySchemeKind.OAuth2Other or SecuritySchemeKind.OpenIdConnect))
        {
            return LoginPlan(model, payloads, steps, dataPool) ?? new AuthPlan(AuthKind.StaticBearer) { SecretVariable = TokenVariable };
        }

        if (used.FirstOrDefault(s => s.Kind == SecuritySchemeKind.ApiKey) is { } apiKey)
        {
            if (apiKey.In == ParameterLocation.Cookie)
            {
                diagnostics.Add(SourceDiagnostic.Warning(
                    "LT2013",
                    $"Security scheme '{apiKey.Key}' sends its API key in a cookie; generated requests send it as a header instead.",
                    new SourceLocation(model.Title),
                    "Set the cookie in the OnBeforeRequest hook if the API only accepts the cookie."));
            }

            return new AuthPlan(AuthKind.ApiKey)
            {
                SecretVariable = ApiKeyVariable,
                ApiKeyIn = apiKey.In == ParameterLocation.Query ? "query" : "header",
                ApiKeyName = apiKey.ParameterName ?? "X-API-Key",
            };
        }

        if (used.Any(s => s.Kind == SecuritySchemeKind.HttpBasic))
        {
            return new AuthPlan(AuthKind.Basic);
        }

        diagnostics.Add(SourceDiagnostic.Warning(
            "LT2013",
            $"Security scheme '{used[0].Key}' ({used[0].Kind}) is not supported; requests send 'Authorization: Bearer' with the TOKEN environment variable.",
            new SourceLocation(model.Title),
            "Set TOKEN before running, or add the credentials in the OnBeforeRequest hook."));
        return new AuthPlan(AuthKind.StaticBearer);
    }

    /// <summary>The login operation: an anonymous POST named like login whose response holds a token.</summary>
    public static ApiOperation? FindLogin(ApiModel model, PayloadPlanner payloads, out string tokenPath)
    {
        tokenPath = "token";
        var candidates = model.Operations
            .Where(o => o.Method.Equals("POST", StringComparison.OrdinalIgnoreCase))
            .Where(o => LoginWords.Any(w => o.PathTemplate.Contains(w, StringComparison.OrdinalIgnoreCase) || (o.OperationId?.Contains(w.Replace("-", ""), StringComparison.OrdinalIgnoreCase) ?? false)))
            .OrderBy(o => (o.Security ?? model.DefaultSecurity).Count)
            .ThenBy(o => o.PathTemplate, StringComparer.Ordinal);
        foreach (var operation in candidates)
        {
            var schema = StepBuilder.ResponseSchema(operation, payloads);
            var token = StepBuilder.ResponseProperties(schema, payloads)
                .Where(p => TokenNames.Contains(p.Name, StringComparer.OrdinalIgnoreCase))
                .OrderBy(p => p.Path.Count(c => c == '.'))
                .FirstOrDefault();
            if (token.Path is not null)
            {
                tokenPath = token.Path;
                return operation;
            }
        }

        return null;
    }

    private static AuthPlan? LoginPlan(ApiModel model, PayloadPlanner payloads, StepBuilder steps, DataPoolPlan? dataPool)
    {
        var login = FindLogin(model, payloads, out var tokenPath);
        if (login is null)
        {
            return null;
        }

        var step = steps.Build(login, "login", AuthPlan.None);
        if (step.Body is { Value: ObjectRule body } plannedBody)
        {
            // Credentials: the data pool's column of that name if there is one, else the environment.
            var members = body.Members.Select(m => CredentialVariable(m.Name) is { } variable
                ? m with
                {
                    Probability = 1,
                    Value = dataPool?.Fields.Contains(m.Name, StringComparer.Ordinal) == true
                        ? new DataRule(m.Name, "string", new EnvRule(variable, new ConstRule(System.Text.Json.Nodes.JsonValue.Create(""))))
                        : new EnvRule(variable, new ConstRule(System.Text.Json.Nodes.JsonValue.Create(""))),
                }
                : m);
            step = step with { Body = plannedBody with { Value = new ObjectRule([.. members]) } };
        }

        return new AuthPlan(AuthKind.Login) { LoginStep = step with { Authenticated = false }, TokenPath = tokenPath };
    }

    private static string? CredentialVariable(string member) => NameHints.Normalize(member) switch
    {
        "username" or "user" or "login" or "email" or "emailaddress" or "name" or "clientid" => UsernameVariable,
        "password" or "passwd" or "pwd" or "secret" or "clientsecret" => PasswordVariable,
        _ => null,
    };
}
