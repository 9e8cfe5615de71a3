namespace LoadTest.Tasks.Planning.Inference;

/// <summary>
/// What names say about values: which resource a path or an input refers to (<c>/orders/{id}</c> → order,
/// <c>petId</c> → pet), and which names identify a resource (ids, slugs) or a user (credentials). Keys are compared
/// lower case without separators and singular (orders = order, cart_id = cartId).
/// </summary>
internal static class ResourceNames
{
    /// <summary>Names that identify a resource besides <c>id</c> and <c>…Id</c>.</summary>
    private static readonly HashSet<string> Identifiers = new(StringComparer.Ordinal) { "slug", "uuid", "guid", "key", "handle", "code", "number" };

    /// <summary>Names that identify or authenticate a user: what a sign-up sends and a login needs.</summary>
    private static readonly HashSet<string> Credentials = new(StringComparer.Ordinal) { "username", "user", "login", "email", "emailaddress", "password", "passwd", "pwd" };

    /// <summary>Credential names that say who the user is (the rest are secrets).</summary>
    private static readonly HashSet<string> LoginNames = new(StringComparer.Ordinal) { "username", "user", "login", "email", "emailaddress", "handle" };

    /// <summary>Wrapper members that name no resource of their own (<c>{"data": {"id": …}}</c>).</summary>
    private static readonly HashSet<string> Envelopes = new(StringComparer.Ordinal) { "data", "result", "results", "item", "payload", "body", "value", "response", "content", "attributes" };

    private static readonly string[] TokenNames = ["token", "accesstoken", "jwt", "idtoken", "bearer", "authtoken", "sessiontoken"];

    /// <summary>A word as a resource key: <c>Orders</c> → <c>order</c>, <c>cart-items</c> → <c>cartitem</c>.</summary>
    public static string Key(string word) => NameHints.Normalize(StepBuilder.Singular(word));

    /// <summary>The resource an operation acts on: its last literal segment that is not a verb (<c>/api/orders/create</c> → order).</summary>
    public static string OfPath(string pathTemplate)
    {
        var segments = Naming.MeaningfulSegments(pathTemplate);
        var noun = segments.LastOrDefault(s => !Naming.Verbs.Contains(s)) ?? segments.LastOrDefault();
        return noun is null ? "" : Key(noun);
    }

    /// <summary>The resource a path parameter points into: the literal segment before it (<c>/articles/{slug}</c> → article).</summary>
    public static string BeforeParameter(string pathTemplate, string parameter)
    {
        var at = pathTemplate.IndexOf("{" + parameter + "}", StringComparison.Ordinal);
        return at < 0 ? "" : OfPath(pathTemplate[..at]);
    }

    /// <summary>A schema name as a resource (<c>Order</c>, <c>OrderDto</c>, <c>PetResponse</c> → order, pet).</summary>
    public static string OfSchemaName(string? refName)
    {
        if (string.IsNullOrEmpty(refName))
        {
            return "";
        }

        var words = Naming.Words(refName).ToList();
        while (words.Count > 1 && words[^1] is "dto" or "response" or "model" or "resource" or "view" or "read" or "output" or "entity" or "result"
            or "page" or "paged" or "list" or "collection" or "set" or "results" or "envelope")
        {
            words.RemoveAt(words.Count - 1);
        }

        return words.Count == 0 ? "" : Key(string.Concat(words));
    }

    /// <summary>The resource a member name stands for when it wraps another object (<c>article</c>), or "" for an envelope.</summary>
    public static string OfWrapper(string member)
    {
        var key = Key(member);
        return Envelopes.Contains(key) ? "" : key;
    }

    /// <summary>An id-like name and the resource it names: <c>cartId</c> → (true, cart), <c>id</c> → (true, "").</summary>
    public static bool IsId(string name, out string resource)
    {
        var isId = NameHints.IsId(name, out resource);
        resource = resource.Length == 0 ? "" : Key(resource);
        return isId;
    }

    /// <summary>A name that can identify a resource: ids, <c>…Id</c>, slug, uuid, key, handle…</summary>
    public static bool IsIdentifier(string name) => IsId(name, out _) || Identifiers.Contains(NameHints.Normalize(name));

    public static bool IsCredential(string name) => Credentials.Contains(NameHints.Normalize(name));

    /// <summary>A credential that names the user (user name, e-mail) rather than proving it.</summary>
    public static bool IsLoginName(string name) => LoginNames.Contains(NameHints.Normalize(name));

    public static bool IsEmail(string name) => NameHints.Normalize(name).Contains("email", StringComparison.Ordinal);

    public static bool IsToken(string name) => TokenNames.Contains(NameHints.Normalize(name));
}
