using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Planning.Inference;

/// <summary>What an operation's path segments and operationId say it does for a user's session: sign up, log in, log out.</summary>
internal static class OperationRoles
{
    public static readonly string[] StrongLoginWords = ["login", "signin", "sign-in", "sign_in", "logon", "authenticate"];
    public static readonly string[] LoginWords = [.. StrongLoginWords, "auth", "token", "session", "oauth"];
    public static readonly string[] SignUpWords = ["register", "registration", "signup", "sign-up", "sign_up", "join"];
    public static readonly string[] LogoutWords = ["logout", "log-out", "log_out", "signout", "sign-out", "sign_out", "logoff"];

    public static bool IsSignUp(ApiOperation operation) => Named(operation, SignUpWords);

    /// <summary>Named like a login (login, signin, authenticate), and not like a sign-up or logout.</summary>
    public static bool IsSignIn(ApiOperation operation) => Named(operation, StrongLoginWords) && !IsSignUp(operation) && !IsLogout(operation);

    public static bool IsLogout(ApiOperation operation) => Named(operation, LogoutWords);

    public static bool Named(ApiOperation operation, string[] words) =>
        words.Any(w => Naming.MeaningfulSegments(operation.PathTemplate).Any(s => s.Contains(w, StringComparison.OrdinalIgnoreCase))
            || (operation.OperationId?.Contains(w.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase) ?? false));
}
