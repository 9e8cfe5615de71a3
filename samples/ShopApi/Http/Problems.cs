namespace ShopApi.Http;

/// <summary>RFC 9457 problem responses (application/problem+json) used across the API.</summary>
public static class Problems
{
    public const string InvalidInputTitle = "invalid input";
    public const string PoolExhaustedTitle = "db pool exhausted";

    public static IResult Invalid(string field, string message) => Invalid(new ValidationErrors().Add(field, message));

    public static IResult Invalid(ValidationErrors errors) =>
        Results.ValidationProblem(errors.ToDictionary(), title: InvalidInputTitle, detail: "One or more fields are invalid; see errors.");

    public static IResult Unauthorized(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "unauthorized", detail: detail);

    public static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "not found", detail: detail);

    public static IResult PoolExhausted(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: PoolExhaustedTitle, detail: detail);
}

/// <summary>Collects field errors so one response lists every problem with the request.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public ValidationErrors Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }

        messages.Add(message);
        return this;
    }

    /// <summary>Checks a required string's presence and length; returns it trimmed-checked or null when invalid.</summary>
    public string? RequireText(string field, string? value, int minLength, int maxLength)
    {
        if (value is null)
        {
            Add(field, $"'{field}' is required.");
            return null;
        }

        if (value.Length < minLength || value.Length > maxLength || string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"'{field}' must be {minLength} to {maxLength} characters and not blank.");
            return null;
        }

        return value;
    }

    public IDictionary<string, string[]> ToDictionary() =>
        errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
}
