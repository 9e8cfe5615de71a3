using ShopApi.Auth;
using ShopApi.Http;

namespace ShopApi.Endpoints;

public sealed record LoginRequest(string? Username, string? Password);

public sealed record LoginResponse(string Token, string TokenType, int ExpiresIn);

public sealed record SignUpRequest(string? Username, string? Password);

public sealed record SignUpResponse(string Username);

public static partial class AuthEndpoints
{
    public const int MinPasswordLength = 8;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/auth/signup", SignUpAsync).WithName(ShopOperations.AuthSignUp);
        routes.MapPost("/api/auth/login", LoginAsync).WithName(ShopOperations.AuthLogin);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._-]{3,64}$")]
    private static partial System.Text.RegularExpressions.Regex UsernamePattern();

    // A new account lives in memory until the process ends; like login, it does not use the database pool.
    private static async Task<IResult> SignUpAsync(HttpRequest request, UserDirectory users, CancellationToken cancellationToken)
    {
        var body = await ShopJson.ReadAsync<SignUpRequest>(request, cancellationToken);
        if (body.Value is not { } signUp)
        {
            return body.Problem!;
        }

        var errors = new ValidationErrors();
        var username = errors.RequireText("username", signUp.Username, 3, 64);
        if (username is not null && !UsernamePattern().IsMatch(username))
        {
            errors.Add("username", "'username' may hold letters, digits, '.', '_' and '-' only.");
        }

        var password = errors.RequireText("password", signUp.Password, MinPasswordLength, 200);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        return users.SignUp(username!, password!) switch
        {
            SignUpResult.Created => Results.Json(new SignUpResponse(username!), statusCode: StatusCodes.Status201Created),
            SignUpResult.Taken => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "username taken", detail: $"'{username}' is already signed up; choose another user name."),
            _ => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "too many users", detail: $"This sample keeps at most {UserDirectory.MaxSignedUpUsers} signed-up users; restart it to clear them."),
        };
    }

    // Accounts come from configuration, not the database, so fetching a token stays out of the pool bottleneck.
    private static async Task<IResult> LoginAsync(HttpRequest request, UserDirectory users, Hs256Jwt jwt, CancellationToken cancellationToken)
    {
        var body = await ShopJson.ReadAsync<LoginRequest>(request, cancellationToken);
        if (body.Value is not { } login)
        {
            return body.Problem!;
        }

        var errors = new ValidationErrors();
        var username = errors.RequireText("username", login.Username, 1, 100);
        var password = errors.RequireText("password", login.Password, 1, 200);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        if (!users.Verify(username!, password!))
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Unauthorized("Unknown user name or wrong password.");
        }

        return Results.Ok(new LoginResponse(jwt.Issue(username!), "Bearer", (int)jwt.Lifetime.TotalSeconds));
    }
}
