using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShopApi.Http;

/// <summary>JSON settings for requests and responses, and a body reader that turns bad JSON into a 400 problem.</summary>
public static class ShopJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>camelCase names; numbers must be JSON numbers (the web defaults would also accept "3").</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return options;
    }

    public static async Task<BodyResult<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, cancellationToken);
            return value is null
                ? new BodyResult<T>(null, Problems.Invalid("body", "The request body must be a JSON object."))
                : new BodyResult<T>(value, null);
        }
        catch (JsonException error)
        {
            var field = string.IsNullOrEmpty(error.Path) || error.Path == "$" ? "body" : error.Path.TrimStart('$', '.');
            var message = error.Path is null or "$"
                ? "The request body is not valid JSON (send a JSON object with Content-Type: application/json)."
                : $"'{field}' has the wrong JSON type; see the OpenAPI document for its schema.";
            return new BodyResult<T>(null, Problems.Invalid(field, message));
        }
    }
}

/// <summary>Either the parsed body or the 400 problem to answer with.</summary>
public sealed record BodyResult<T>(T? Value, IResult? Problem) where T : class;
