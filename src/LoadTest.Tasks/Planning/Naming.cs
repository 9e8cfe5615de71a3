using System.Text;

namespace LoadTest.Tasks.Planning;

/// <summary>Names for generated things: snake_case for k6 scenario and metric names, PascalCase for C# types.</summary>
internal static class Naming
{
    private static readonly HashSet<string> Noise = new(StringComparer.OrdinalIgnoreCase) { "api", "rest", "public" };

    /// <summary>Words of a name: splits camelCase, separators and digits boundaries.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            if (current.Length > 0 && char.IsUpper(c) && (char.IsLower(text[i - 1]) || (i + 1 < text.Length && char.IsLower(text[i + 1]) && char.IsUpper(text[i - 1]))))
            {
                Flush();
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }

    public static string Snake(string text)
    {
        var snake = string.Join('_', Words(text));
        return snake.Length == 0 ? "flow" : char.IsAsciiDigit(snake[0]) ? "_" + snake : snake;
    }

    public static string Pascal(string text)
    {
        var pascal = string.Concat(Words(text).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        return pascal.Length == 0 ? "Flow" : char.IsAsciiDigit(pascal[0]) ? "_" + pascal : pascal;
    }

    public static string Camel(string text)
    {
        var pascal = Pascal(text);
        return char.ToLowerInvariant(pascal[0]) + pascal[1..];
    }

    public static bool IsVersion(string segment) =>
        segment.Length >= 2 && (segment[0] is 'v' or 'V') && segment[1..].All(c => char.IsAsciiDigit(c) || c == '.');

    /// <summary>Literal path segments that carry meaning (no <c>api</c>, versions or parameters).</summary>
    public static IReadOnlyList<string> MeaningfulSegments(string path) =>
        [.. path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => !s.StartsWith('{') && !Noise.Contains(s) && !IsVersion(s))];

    /// <summary>A label like <c>cart add</c> or <c>orders get</c> for check names and metric names.</summary>
    public static string StepLabel(string method, string path)
    {
        var words = MeaningfulSegments(path).SelectMany(Words).ToList();
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var endsWithParameter = segments.Length > 0 && segments[^1].StartsWith('{');
        var verb = method.ToUpperInvariant() switch
        {
            "GET" => endsWithParameter ? "get" : words.Count == 0 ? "get" : "list",
            "POST" => words.Count > 0 && Verbs.Contains(words[^1]) ? null : "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            var other => other.ToLowerInvariant(),
        };
        if (verb is not null)
        {
            words.Add(verb);
        }

        return string.Join(' ', words);
    }

    /// <summary>Path segments that name an action rather than a resource (POST /cart/add, /orders/create).</summary>
    public static readonly HashSet<string> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "add", "create", "new", "remove", "update", "delete", "login", "logout", "signin", "signup", "register", "search", "checkout",
        "submit", "cancel", "confirm", "refresh", "token", "list", "get", "set", "apply",
    };
}
