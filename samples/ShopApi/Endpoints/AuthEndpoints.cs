using ShopApi.Auth;
using ShopApi.Http;

namespace ShopApi.Endpoints;

public sealed record LoginRequest(string? Username, string? Password);

public sealed record LoginResponse(string Token, string TokenType, int ExpiresIn);

public static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/auth/login", LoginAsync).WithName(ShopOperations.AuthLogin);

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
