using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Planning.Inference;

/// <summary>Where a request takes a value.</summary>
internal enum InputPlace
{
    Path,
    Query,
    Header,
    Body,
}

/// <summary>Where a value comes from: the response body, the <c>Location</c> header, or what the request itself sent.</summary>
internal enum OutputPlace
{
    Response,
    Location,
    Request,
}

/// <summary>
/// An input of an operation that another operation's output can feed: a path parameter, an id-like query or header
/// parameter, or an id-like or credential body member (<see cref="Path"/> dotted: <c>user.email</c>).
/// </summary>
/// <param name="Resource">The resource the value refers to (order for <c>{id}</c> under /orders, cart for cartId), or "".</param>
internal sealed record ValueInput(ApiOperation Operation, InputPlace Place, string Name, string Path, SchemaModel Schema, bool Required, string Resource)
{
    public string Key => NameHints.Normalize(Name);

    public override string ToString() => Place switch
    {
        InputPlace.Path => $"path {{{Name}}}",
        InputPlace.Query => $"query {Name}",
        InputPlace.Header => $"header {Name}",
        _ => $"body {Path}",
    };
}

/// <summary>
/// A value an operation produces for later requests.
/// </summary>
/// <param name="Path">Dotted JSON path in the response or the request body; for <see cref="OutputPlace.Location"/> "Location".</param>
/// <param name="Resource">The resource the value belongs to (the object it sits in).</param>
/// <param name="Identifies">The value identifies that resource (its id, slug…), rather than referring to another one.</param>
internal sealed record ValueOutput(ApiOperation Operation, OutputPlace Place, string Name, string Path, SchemaModel? Schema, string Resource, bool Identifies)
{
    public string Key => NameHints.Normalize(Name);

    public override string ToString() => Place switch
    {
        OutputPlace.Location => "Location header",
        OutputPlace.Request => $"request {Path}",
        _ => $"response {Path}",
    };
}

/// <summary>Why an output is taken to feed an input.</summary>
internal enum EdgeReason
{
    /// <summary>An OpenAPI Link Object says so.</summary>
    Link,
    /// <summary>The same name (cartId ← cartId, slug ← article.slug).</summary>
    SameName,
    /// <summary>The id of the resource the input refers to (<c>{id}</c> under /orders ← POST /orders → id).</summary>
    ResourceId,
    /// <summary>The credentials a user signed up with (login email ← sign-up email).</summary>
    Credential,
}

/// <summary>A producer → consumer edge: <see cref="From"/> can feed <see cref="To"/>; higher <see cref="Score"/> is a better match.</summary>
internal sealed record ValueEdge(ValueOutput From, ValueInput To, EdgeReason Reason, int Score)
{
    public override string ToString() =>
        $"{From.Operation.DisplayName} {From} → {To.Operation.DisplayName} {To} ({Reason switch { EdgeReason.Link => "link", EdgeReason.SameName => "same name", EdgeReason.ResourceId => "resource id", _ => "credentials" }})";
}

/// <summary>Operations are compared by identity: two operations may be equal records (same path in two sources).</summary>
internal static class SameOperation
{
    public static readonly IEqualityComparer<ApiOperation> Comparer = ReferenceEqualityComparer.Instance;
}
