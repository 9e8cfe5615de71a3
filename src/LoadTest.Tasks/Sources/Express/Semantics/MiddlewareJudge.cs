using LoadTest.Tasks.Sources.Express.Syntax;

namespace LoadTest.Tasks.Sources.Express.Semantics;

/// <summary>
/// Tells whether a middleware requires an authenticated caller, by what it is rather than what it is called:
/// a package's middleware by the package (express-jwt, passport.authenticate… yes; method-override, cors, helmet,
/// morgan, body-parser… no), a function of the app by what it does (reads the Authorization header, verifies a JWT,
/// calls passport, answers 401/403). Only a value nothing is known about falls back to its name.
/// </summary>
internal sealed class MiddlewareJudge(ExpressInterpreter interpreter)
{
    private const int MaxDepth = 3;

    /// <summary>Packages whose middleware authenticates the caller.</summary>
    private static readonly HashSet<string> AuthPackages = new(StringComparer.Ordinal)
    {
        "express-jwt", "express-oauth2-jwt-bearer", "express-openid-connect", "keycloak-connect", "express-basic-auth", "@clerk/express",
        "@clerk/clerk-sdk-node", "express-jwt-authz", "@okta/oidc-middleware", "express-oauth-server", "@auth0/express-openid-connect",
    };

    /// <summary>Packages whose middleware does something else (parsing, logging, headers, CORS, sessions, limits…).</summary>
    private static readonly HashSet<string> OtherPackages = new(StringComparer.Ordinal)
    {
        "express", "method-override", "cors", "helmet", "morgan", "body-parser", "compression", "cookie-parser", "express-session",
        "cookie-session", "errorhandler", "serve-static", "serve-favicon", "express-rate-limit", "express-slow-down", "multer",
        "connect-flash", "express-fileupload", "response-time", "hpp", "express-mongo-sanitize", "xss-clean", "csurf", "swagger-ui-express",
        "express-winston", "pino-http", "connect-timeout", "express-static-gzip", "http-proxy-middleware", "i18n", "express-ejs-layouts",
        "express-async-errors", "express-request-id", "express-useragent", "express-prom-bundle", "express-status-monitor", "nocache",
        "express-openapi-validator", "connect-history-api-fallback", "jsonwebtoken", "bcrypt", "bcryptjs",
    };

    private static readonly string[] AuthWords = ["auth", "jwt", "passport", "oauth", "oidc", "keycloak", "clerk", "okta", "bearer"];

    /// <summary>Whether the middleware <paramref name="expr"/> (evaluated to <paramref name="value"/>) rejects anonymous callers.</summary>
    public bool RequiresAuth(TsExpr expr, ExValue value) => Judge(value, 0) ?? ByName(expr);

    private bool? Judge(ExValue value, int depth) => value switch
    {
        PackageValue package => Package(package),
        // (err, req, res, next) handles errors after the fact: its 401 for an UnauthorizedError authenticates nothing.
        FunctionValue { Function.Parameters.Count: 4 } => false,
        FunctionValue function => depth <= MaxDepth && Function(function, depth),
        ArrayValue array => array.Elements.Any(e => Judge(e, depth + 1) == true),
        UnknownValue => null,
        _ => false,
    };

    private static bool Package(PackageValue value)
    {
        if (value.Package == "passport")
        {
            // passport.authenticate(…) authenticates; initialize() and session() only set passport up.
            return value.Path.StartsWith("authenticate", StringComparison.Ordinal) && !Optional(value);
        }

        if (AuthPackages.Contains(value.Package))
        {
            return !Optional(value);
        }

        if (OtherPackages.Contains(value.Package))
        {
            return false;
        }

        // A package we know nothing about: what it is called is all there is.
        return AuthWords.Any(w => value.Package.Contains(w, StringComparison.OrdinalIgnoreCase)) && !Optional(value);
    }

    /// <summary>
    /// Options that let anonymous callers through: express-jwt's <c>credentialsRequired: false</c>, express-openid-connect's
    /// <c>authRequired: false</c>, passport's <c>'anonymous'</c> strategy.
    /// </summary>
    private static bool Optional(PackageValue value) => value.Arguments.Any(argument => argument switch
    {
        ObjectExpr options => options.Properties.Any(p => p.Key is "credentialsRequired" or "authRequired" && p.Value is KeywordExpr { Word: "false" }),
        ArrayExpr strategies => strategies.Elements.Any(e => e is StringExpr { Value: "anonymous" }),
        StringExpr { Value: "anonymous" } => true,
        _ => false,
    });

    /// <summary>A function of the app authenticates when it rejects (401/403) or hands over to an authenticating middleware.</summary>
    private bool Function(FunctionValue function, int depth)
    {
        foreach (var node in TsWalker.Descendants(function.Function))
        {
            switch (node)
            {
                case CallExpr { Callee: MemberExpr { Name: "status" or "sendStatus" }, Arguments: [NumberExpr { Raw: "401" or "403" }, ..] }:
                    return true;
                case NewExpr { Callee: var created, Arguments: var args }
                    when created.TrailingName is { } type && (type.Contains("Unauthorized", StringComparison.Ordinal) || type.Contains("Forbidden", StringComparison.Ordinal))
                         || args.Any(a => a is NumberExpr { Raw: "401" or "403" }):
                    return true;
                case CallExpr call when Called(call, function) is { } target:
                    switch (target)
                    {
                        case PackageValue { Package: "jsonwebtoken" } jwt when jwt.Path.StartsWith("verify", StringComparison.Ordinal) && Rejects(function):
                            return true;
                        case PackageValue package when call.Callee is CallExpr factory && Package(package.Called(factory.Arguments)):
                            // passport.authenticate('jwt', …)(req, res, next) inside the middleware
                            return true;
                        case FunctionValue called when !ReferenceEquals(called.Function, function.Function) && depth < MaxDepth && Function(called, depth + 1):
                            return true;
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>What a call inside <paramref name="function"/> calls: <c>f(…)</c>, <c>a.b(…)</c>, or the factory of <c>a.b(…)(…)</c>.</summary>
    private ExValue? Called(CallExpr call, FunctionValue function) => call.Callee switch
    {
        CallExpr factory when factory.Callee.IsNameChain => interpreter.Evaluate(factory.Callee, function.Closure),
        var callee when callee.IsNameChain => interpreter.Evaluate(callee, function.Closure),
        _ => null,
    };

    /// <summary>A JWT check rejects when the function answers an error or passes one on (<c>next(err)</c>); else it is optional.</summary>
    private static bool Rejects(FunctionValue function) => TsWalker.Descendants(function.Function).Any(node => node switch
    {
        CallExpr { Callee: MemberExpr { Name: "status" or "sendStatus" }, Arguments: [NumberExpr { Raw: var code }, ..] } => code.StartsWith('4'),
        CallExpr { Callee: IdentExpr { Name: "next" }, Arguments.Count: > 0 } => true,
        _ => false,
    });

    /// <summary>Nothing is known about the value (a file outside the folder): its name is the only hint.</summary>
    private static bool ByName(TsExpr expr) => expr switch
    {
        IdentExpr i => IsAuthName(i.Name),
        MemberExpr m => IsAuthName(m.Name),
        CallExpr { Callee: IdentExpr or MemberExpr } c => ByName(c.Callee),
        _ => false,
    };

    public static bool IsAuthName(string name) =>
        name.Contains("auth", StringComparison.OrdinalIgnoreCase) || name.Contains("jwt", StringComparison.OrdinalIgnoreCase)
        || name.Contains("protect", StringComparison.OrdinalIgnoreCase) || name.StartsWith("require", StringComparison.OrdinalIgnoreCase) && name.Length > "require".Length;
}
