using System.Security.Claims;
using ShopApi.Auth;

namespace ShopApi.Http;

/// <summary>An endpoint filter that admits a request only with a valid HS256 bearer token and sets the user from its sub claim.</summary>
public static class BearerAuthentication
{
    private const string Scheme = "Bearer";

    public static TBuilder RequireBearerToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var header = http.Request.Headers.Authorization.ToString();
            if (!header.StartsWith(Scheme + " ", StringComparison.OrdinalIgnoreCase) || header.Length <= Scheme.Length + 1)
            {
                http.Response.Headers.WWWAuthenticate = Scheme;
                return Problems.Unauthorized("Send 'Authorization: Bearer <token>' with a token from POST /api/auth/login.");
            }

            var jwt = http.RequestServices.GetRequiredService<Hs256Jwt>();
            if (!jwt.TryValidate(header[(Scheme.Length + 1)..].Trim(), out var subject, out var failure))
            {
                http.Response.Headers.WWWAuthenticate = $"{Scheme} error=\"invalid_token\"";
                return Problems.Unauthorized(failure + ". Log in again for a fresh token.");
            }

            http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", subject)], Scheme, "sub", "role"));
            return await next(context);
        });

    // Handlers read HttpContext.User, not a ClaimsPrincipal parameter: parameters are bound before endpoint filters run.
    /// <summary>The authenticated user name (only valid behind <see cref="RequireBearerToken{TBuilder}"/>).</summary>
    public static string UserName(this ClaimsPrincipal user) =>
        user.Identity?.Name ?? throw new InvalidOperationException("The endpoint is missing RequireBearerToken().");
}
