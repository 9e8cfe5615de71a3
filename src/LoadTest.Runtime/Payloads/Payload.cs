using System.Globalization;
using LoadTest.Runtime.Http;
using System.Text.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace LoadTest.Runtime.Payloads;

/// <summary>
/// Value helpers that generated C# scenarios call to build request payloads. Each one mirrors a function of the
/// same name (camelCase) in the k6 script's <c>lib/loadtest.js</c> and follows the same rule, so a k6 script and its
/// C# twin draw values from the same distributions. Randomness comes from the caller (<c>vu.Random</c>): reproducible per seed.
/// </summary>
public static class Payload
{
    /// <summary>Returned by <see cref="Maybe"/> for an optional member that is left out; <see cref="Object"/> skips it.</summary>
    public static readonly object Omitted = new();

    /// <summary>Uniform integer in [min, max].</summary>
    public static long Integer(Random random, long min, long max) =>
        max <= min ? min : min + (long)Math.Floor(random.NextDouble() * (max - min + 1));

    /// <summary>Integer in [min, max] that is mostly small: each step above min has probability 0.45 (quantities, counts).</summary>
    public static long Small(Random random, long min, long max)
    {
        var value = min;
        while (value < max && random.NextDouble() < 0.45)
        {
            value++;
        }

        return value;
    }

    /// <summary>Zipf-like pick in [min, max] (exponent 1.07): a few low values are hot, the tail is long (product ids).</summary>
    public static long Zipf(Random random, long min, long max)
    {
        if (max <= min)
        {
            return min;
        }

        const double s = 1.07;
        var n = (double)(max - min + 1);
        var u = random.NextDouble();
        // Inverse of the continuous approximation of the Zipf CDF on [1, n + 1).
        var rank = Math.Floor(Math.Pow(((Math.Pow(n + 1, 1 - s) - 1) * u) + 1, 1 / (1 - s)));
        rank = Math.Clamp(rank, 1, n);
        return min + (long)rank - 1;
    }

    /// <summary>A multiple of <paramref name="step"/> between lowK·step and highK·step, rounded to <paramref name="decimals"/> places.</summary>
    public static double Decimal(Random random, long lowK, long highK, double step, int decimals) =>
        Math.Round(Integer(random, lowK, highK) * step, decimals, MidpointRounding.AwayFromZero);

    public static bool Bool(Random random) => random.NextDouble() < 0.5;

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    public static bool Chance(Random random, double probability) => random.NextDouble() < probability;

    public static T Pick<T>(Random random, params T[] values) => values[(int)Integer(random, 0, values.Length - 1)];

    /// <summary>Picks one of the JSON values of <paramref name="jsonArray"/> (enums and examples of mixed types).</summary>
    public static JsonNode? PickJson(Random random, string jsonArray)
    {
        var array = JsonNode.Parse(jsonArray)!.AsArray();
        return array[(int)Integer(random, 0, array.Count - 1)]?.DeepClone();
    }

    /// <summary>The value, or <see cref="Omitted"/> with probability 1 − <paramref name="probability"/>.</summary>
    public static object? Maybe(Random random, double probability, Func<object?> value) =>
        random.NextDouble() < probability ? value() : Omitted;

    /// <summary>Runs one of the alternatives (oneOf/anyOf).</summary>
    public static object? OneOf(Random random, params Func<object?>[] alternatives) =>
        alternatives[(int)Integer(random, 0, alternatives.Length - 1)]();

    /// <summary>The first value that is not null or empty (a captured value, a data-pool field), else the fallback.</summary>
    public static object? OrElse(object? value, Func<object?> fallback) =>
        value is null || (value is string s && s.Length == 0) ? fallback() : value;

    /// <summary>A JSON object from members; members equal to <see cref="Omitted"/> are left out.</summary>
    public static JsonObject Object(params (string Name, object? Value)[] members)
    {
        var result = new JsonObject();
        foreach (var (name, value) in members)
        {
            if (!ReferenceEquals(value, Omitted))
            {
                result[name] = ToNode(value);
            }
        }

        return result;
    }

    /// <summary>An array of <c>Integer(min, max)</c> items; with <paramref name="unique"/> a duplicate is redrawn a few times, then dropped.</summary>
    public static JsonArray Array(Random random, long min, long max, Func<object?> item, bool unique = false)
    {
        var count = Integer(random, min, max);
        var result = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var node = ToNode(item());
            var fresh = !unique || seen.Add(node?.ToJsonString() ?? "null");
            for (var attempt = 0; !fresh && attempt < 10; attempt++)
            {
                node = ToNode(item());
                fresh = seen.Add(node?.ToJsonString() ?? "null");
            }

            if (fresh)
            {
                result.Add(node);
            }
        }

        return result;
    }

    /// <summary>Turns a helper result (string, number, bool, JsonNode, null) into a JSON node.</summary>
    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.Parent is null ? node : node.DeepClone(),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        decimal m => JsonValue.Create(m),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    /// <summary>Text of a value for a path, query or header: numbers in invariant culture, JSON as text.</summary>
    public static string AsText(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonNode n => n.ToJsonString(),
        _ => value.ToString() ?? "",
    };

    /// <summary>A path segment: the value as text, percent-encoded (JS <c>seg</c> uses encodeURIComponent).</summary>
    public static string Segment(object? value) => System.Uri.EscapeDataString(AsText(value));

    /// <summary><c>?a=1&amp;b=x</c> from name/value pairs (omitted and null values left out); empty when none remain.</summary>
    public static string Query(params (string Name, object? Value)[] parameters)
    {
        var pairs = parameters
            .Where(p => p.Value is not null && !ReferenceEquals(p.Value, Omitted))
            .Select(p => System.Uri.EscapeDataString(p.Name) + "=" + System.Uri.EscapeDataString(AsText(p.Value)))
            .ToList();
        return pairs.Count == 0 ? "" : "?" + string.Join('&', pairs);
    }

    /// <summary>An application/x-www-form-urlencoded body from a JSON object's top-level members.</summary>
    public static string Form(JsonObject body) =>
        string.Join('&', body.Select(m => System.Uri.EscapeDataString(m.Key) + "=" + System.Uri.EscapeDataString(AsText(m.Value))));

    /// <summary>The JSON text of a body built by the helpers.</summary>
    public static string Json(object? body) => ToNode(body)?.ToJsonString() ?? "null";

    /// <summary>Reads a captured text value back as the JSON type the schema wants (integer, number, boolean), else a string.</summary>
    public static object? Typed(object? value, string type)
    {
        if (value is not string s)
        {
            return value;
        }

        return type switch
        {
            "integer" when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
            "number" when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            "boolean" when bool.TryParse(s, out var b) => b,
            _ => s,
        };
    }

    /// <summary>Pads (with 'x') or cuts <paramref name="value"/> to a length within [minLength, maxLength].</summary>
    public static string Fit(string value, int minLength, int maxLength)
    {
        if (value.Length > maxLength)
        {
            value = value[..maxLength];
        }

        return value.Length < minLength ? value + new string('x', minLength - value.Length) : value;
    }

    /// <summary>Words of lorem text cut to a length drawn uniformly from [minLength, maxLength].</summary>
    public static string Text(Random random, int minLength, int maxLength)
    {
        var length = (int)Integer(random, minLength, maxLength);
        var text = new StringBuilder();
        while (text.Length < length)
        {
            text.Append(Pick(random, Words)).Append(' ');
        }

        var result = text.ToString(0, length);
        return result.EndsWith(' ') ? result[..^1] + "a" : result;
    }

    public static string Word(Random random) => Pick(random, Words);

    public static string Sentence(Random random)
    {
        var count = (int)Integer(random, 4, 10);
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            words[i] = Pick(random, Words);
        }

        var sentence = string.Join(' ', words);
        return char.ToUpperInvariant(sentence[0]) + sentence[1..] + ".";
    }

    public static string FirstName(Random random) => Pick(random, FirstNames);
    public static string LastName(Random random) => Pick(random, LastNames);
    public static string FullName(Random random) => FirstName(random) + " " + LastName(random);

    public static string Username(Random random) =>
        (FirstName(random) + "." + LastName(random)).ToLowerInvariant() + Integer(random, 1, 999).ToString(CultureInfo.InvariantCulture);

    public static string Email(Random random) =>
        (FirstName(random) + "." + LastName(random)).ToLowerInvariant() + Integer(random, 1, 999).ToString(CultureInfo.InvariantCulture) + "@example.com";

    public static string City(Random random) => Pick(random, Cities);
    public static string Country(Random random) => Pick(random, Countries);
    public static string CountryCode(Random random) => Pick(random, CountryCodes);
    public static string Currency(Random random) => Pick(random, Currencies);
    public static string Company(Random random) => LastName(random) + " " + Pick(random, CompanySuffixes);

    public static string Street(Random random) =>
        Integer(random, 1, 9999).ToString(CultureInfo.InvariantCulture) + " " + Pick(random, StreetNames) + " " + Pick(random, StreetKinds);

    public static string PostalCode(Random random) => Integer(random, 10000, 99999).ToString(CultureInfo.InvariantCulture);

    public static string Phone(Random random) => "+1555" + Integer(random, 1000000, 9999999).ToString(CultureInfo.InvariantCulture);

    /// <summary>An identifier like <c>prod_17</c>: prefix and a Zipf-like number, so a few ids are hot.</summary>
    public static string Id(Random random, string prefix, long min, long max) =>
        prefix + Zipf(random, min, max).ToString(CultureInfo.InvariantCulture);

    public static string Uuid(Random random)
    {
        var hex = new StringBuilder(36);
        for (var i = 0; i < 32; i++)
        {
            // Version 4, variant 10xx, like a random UUID.
            var digit = i == 12 ? 4 : i == 16 ? 8 + (int)Integer(random, 0, 3) : (int)Integer(random, 0, 15);
            if (i is 8 or 12 or 16 or 20)
            {
                hex.Append('-');
            }

            hex.Append("0123456789abcdef"[digit]);
        }

        return hex.ToString();
    }

    private static readonly DateTime Epoch = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A date between 2020-01-01 and the end of 2026 (yyyy-MM-dd).</summary>
    public static string Date(Random random) =>
        Epoch.AddDays(Integer(random, 0, 2556)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A UTC date-time in the same range (RFC 3339, e.g. 2024-05-01T13:45:10Z).</summary>
    public static string DateTime(Random random) =>
        Epoch.AddSeconds(Integer(random, 0, 220838400)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Time(Random random) =>
        Epoch.AddSeconds(Integer(random, 0, 86399)).ToString("HH:mm:ss", CultureInfo.InvariantCulture) + "Z";

    public static string Hostname(Random random) => Pick(random, Words) + Integer(random, 1, 99).ToString(CultureInfo.InvariantCulture) + ".example.com";

    public static string Uri(Random random) => "https://" + Hostname(random) + "/" + Pick(random, Words);

    public static string Ipv4(Random random) =>
        string.Join('.', Integer(random, 1, 223), Integer(random, 0, 255), Integer(random, 0, 255), Integer(random, 1, 254));

    public static string Ipv6(Random random)
    {
        var groups = new string[8];
        groups[0] = "2001";
        groups[1] = "db8";
        for (var i = 2; i < 8; i++)
        {
            groups[i] = Integer(random, 0, 65535).ToString("x", CultureInfo.InvariantCulture);
        }

        return string.Join(':', groups);
    }

    /// <summary>
    /// A user name no other virtual user, process or earlier run has, for sign-ups (16 letters and digits). Not drawn
    /// from <paramref name="random"/> on purpose: a seeded run would register the same users again and be refused.
    /// </summary>
    public static string UniqueUsername(Random random) => "lt" + Guid.NewGuid().ToString("N")[..14];

    /// <summary>An e-mail address no other virtual user has (<see cref="UniqueUsername"/> at example.com).</summary>
    public static string UniqueEmail(Random random) => UniqueUsername(random) + "@example.com";

    /// <summary>Keeps <paramref name="value"/> as <paramref name="name"/> for later steps; a missing value leaves the old one.</summary>
    public static void Capture(IDictionary<string, object?> vars, string name, object? value)
    {
        if (value is not null && !(value is string s && s.Length == 0))
        {
            vars[name] = value;
        }
    }

    /// <summary>
    /// The value at a dotted path of a body this step built (what a sign-up sent): strings as they are, numbers and
    /// booleans as JSON text (read back with <see cref="Typed"/>), null when absent.
    /// </summary>
    public static string? PathValue(object? body, string path)
    {
        var node = ToNode(body);
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(part, out var next) ? next : null;
        }

        return node switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            _ => node.ToJsonString(),
        };
    }

    /// <summary>
    /// A value of a JSON response by dotted path where <c>[*]</c> takes one array item at random (<c>items[*].id</c>:
    /// one of the listed products), like the k6 helper; same text forms as <see cref="HttpResult.JsonValue"/>.
    /// </summary>
    public static string? ResponseValue(HttpResult response, string path, Random random)
    {
        if (response.Json() is not { } current)
        {
            return null;
        }

        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = part.IndexOf('[');
            var name = bracket < 0 ? part : part[..bracket];
            if (name.Length > 0 && (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current)))
            {
                return null;
            }

            for (; bracket >= 0; bracket = part.IndexOf('[', bracket + 1))
            {
                var close = part.IndexOf(']', bracket);
                var index = close < 0 ? "" : part[(bracket + 1)..close];
                if (current.ValueKind != JsonValueKind.Array || current.GetArrayLength() == 0)
                {
                    return null;
                }

                var at = index == "*" ? (int)Integer(random, 0, current.GetArrayLength() - 1)
                    : int.TryParse(index, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i < current.GetArrayLength() ? i : -1;
                if (at < 0)
                {
                    return null;
                }

                current = current[at];
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => current.GetRawText(),
        };
    }

    /// <summary>The id in a <c>Location</c> header: its last path segment (<c>/api/orders/ord_1?x=1</c> → <c>ord_1</c>), decoded.</summary>
    public static string? LocationId(string? location)
    {
        if (string.IsNullOrWhiteSpace(location))
        {
            return null;
        }

        var path = location.Split('?', '#')[0].TrimEnd('/');
        var segment = path[(path.LastIndexOf('/') + 1)..];
        return segment.Length == 0 ? null : System.Uri.UnescapeDataString(segment);
    }

    /// <summary>A password-shaped value (never a real secret: it is random per iteration).</summary>
    public static string Password(Random random) => "Pw" + Uuid(random)[..12] + "!9";

    /// <summary>A string matching <paramref name="regex"/> (the supported subset, see <see cref="PatternProgram"/>).</summary>
    public static string Pattern(Random random, string regex) => PatternProgram.Cached(regex).Generate(random);

    /// <summary>Think time between steps: uniform in [minSeconds, maxSeconds], multiplied by <paramref name="timeScale"/>.</summary>
    public static TimeSpan ThinkTime(Random random, double minSeconds, double maxSeconds, double timeScale) =>
        TimeSpan.FromSeconds((minSeconds + (random.NextDouble() * (maxSeconds - minSeconds))) * timeScale);

    /// <summary>
    /// Think time with a per-run override (<c>LOADTEST_THINK_TIME</c>: <c>"1-3"</c> seconds, or <c>"0"</c> for none);
    /// an unreadable override is ignored. Mirrors <c>thinkTime()</c> in the k6 helper module.
    /// </summary>
    public static TimeSpan ThinkTime(Random random, double minSeconds, double maxSeconds, double timeScale, string? range) =>
        TryParseRange(range, out var min, out var max) ? ThinkTime(random, min, max, timeScale) : ThinkTime(random, minSeconds, maxSeconds, timeScale);

    /// <summary>Reads <c>"a-b"</c> or <c>"a"</c> (seconds, a ≤ b, not negative).</summary>
    public static bool TryParseRange(string? text, out double min, out double max)
    {
        min = max = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().Split('-');
        if (parts.Length is < 1 or > 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out min)
            || !double.TryParse(parts[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out max))
        {
            return false;
        }

        return min >= 0 && max >= min;
    }

    private static string[] Words => PayloadVocabulary.Words;
    private static string[] FirstNames => PayloadVocabulary.FirstNames;
    private static string[] LastNames => PayloadVocabulary.LastNames;
    private static string[] Cities => PayloadVocabulary.Cities;
    private static string[] Countries => PayloadVocabulary.Countries;
    private static string[] CountryCodes => PayloadVocabulary.CountryCodes;
    private static string[] Currencies => PayloadVocabulary.Currencies;
    private static string[] CompanySuffixes => PayloadVocabulary.CompanySuffixes;
    private static string[] StreetNames => PayloadVocabulary.StreetNames;
    private static string[] StreetKinds => PayloadVocabulary.StreetKinds;
}
