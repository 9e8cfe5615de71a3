using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LoadTest.Tasks.Generation;

/// <summary>
/// Rules shared by <see cref="JsWriter"/> and <see cref="CSharpWriter"/> for text that is not a string literal:
/// one-line comment text and identifiers. Both languages end a <c>//</c> comment at a line terminator, so a spec's
/// text must never carry one into a comment; identifiers are ASCII so no language or file system reads them differently.
/// </summary>
internal static class GeneratedText
{
    /// <summary>
    /// A double-quoted string literal for JavaScript and C# alike: only printable ASCII other than <c>"</c> and <c>\</c>
    /// is written as is; every other character is an escape (<c>\uXXXX</c> unless it has a short one both languages
    /// read the same), so no text can end the literal, the line or the script.
    /// </summary>
    public static string DoubleQuoted(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case >= ' ' and <= '~':
                    text.Append(c);
                    break;
                default:
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>Longest comment text kept from a spec (a title is a line, not a document).</summary>
    public const int MaxCommentLength = 200;

    /// <summary>
    /// <paramref name="text"/> as the rest of a <c>//</c> line: control characters (\r, \n, U+0085…), line and
    /// paragraph separators (U+2028, U+2029), format characters (bidi overrides, zero-width) and unpaired surrogates
    /// are written as visible <c>\uXXXX</c>; the text is cut at <paramref name="maxLength"/> characters.
    /// </summary>
    public static string OneLine(string? text, int maxLength = MaxCommentLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(text.Length, maxLength) + 8);
        for (var i = 0; i < text.Length; i++)
        {
            if (builder.Length >= maxLength)
            {
                builder.Append('…');
                break;
            }

            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (IsUnsafeInComment(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsUnsafeInComment(char c) => char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse => true,
        _ => false,
    };

    /// <summary>
    /// ASCII letters, digits and underscores of <paramref name="text"/> (other characters become one underscore),
    /// never starting with a digit, never empty (<paramref name="fallback"/>).
    /// </summary>
    public static string IdentifierCharacters(string text, string fallback)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        var result = builder.ToString().TrimEnd('_');
        if (result.Length == 0)
        {
            return fallback;
        }

        return char.IsAsciiDigit(result[0]) ? "_" + result : result;
    }

    /// <summary>A k6 scenario (and script file) name: ASCII letters, digits, _ and - (k6 rejects other scenario names).</summary>
    public static string ScenarioName(string text)
    {
        var name = new string([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_')]).Trim('_');
        return name.Length == 0 ? "flow" : name.Length > 100 ? name[..100] : name;
    }

    /// <summary>The stem of a step's k6 metric names (&lt;stem&gt;_latency, &lt;stem&gt;_errors): k6 keeps names short and plain.</summary>
    public static string MetricName(string stepId)
    {
        var name = IdentifierCharacters(stepId, "step");
        return name.Length > 100 ? name[..100] : name;
    }

    /// <summary>
    /// Compact JSON of <paramref name="node"/> in printable ASCII (everything else as <c>\uXXXX</c>, an unpaired
    /// surrogate as U+FFFD, which no JSON reader rejects). Numbers keep their text. Written by hand rather than by
    /// System.Text.Json so that no input can make the generator throw.
    /// </summary>
    public static string Json(JsonNode? node)
    {
        var builder = new StringBuilder();
        WriteJson(node, builder);
        return builder.ToString();
    }

    private static void WriteJson(JsonNode? node, StringBuilder builder)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var (key, value) in obj)
                {
                    builder.Append(first ? "" : ",");
                    first = false;
                    JsonString(key, builder);
                    builder.Append(':');
                    WriteJson(value, builder);
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    builder.Append(i == 0 ? "" : ",");
                    WriteJson(array[i], builder);
                }

                builder.Append(']');
                break;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        JsonString(value.GetValue<string>(), builder);
                        break;
                    case JsonValueKind.True:
                        builder.Append("true");
                        break;
                    case JsonValueKind.False:
                        builder.Append("false");
                        break;
                    case JsonValueKind.Number:
                        var number = value.ToJsonString();
                        builder.Append(number.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or '.' or 'e' or 'E') ? number : "null");
                        break;
                    default:
                        builder.Append("null");
                        break;
                }

                break;
        }
    }

    private static void JsonString(string value, StringBuilder builder)
    {
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture))
                    .Append("\\u").Append(((int)value[++i]).ToString("x4", CultureInfo.InvariantCulture));
                continue;
            }

            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case >= ' ' and <= '~' and not ('<' or '>' or '`' or '\''):
                    builder.Append(c);
                    break;
                default:
                    builder.Append("\\u").Append((char.IsSurrogate(c) ? 0xfffd : c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }
        }

        builder.Append('"');
    }
}

/// <summary>
/// Hands out names that are unique within one scope (a flow's steps, a source's flows, a project's files): the first
/// claim of a name gets it, later ones get a numbered variant. Case-insensitive, because names become file names.
/// </summary>
internal sealed class NameScope
{
    private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);

    public NameScope(IEnumerable<string>? reserved = null)
    {
        foreach (var name in reserved ?? [])
        {
            _taken.Add(name);
        }
    }

    public string Claim(string wanted, string separator = "")
    {
        var name = wanted;
        for (var i = 2; !_taken.Add(name); i++)
        {
            name = wanted + separator + i.ToString(CultureInfo.InvariantCulture);
        }

        return name;
    }
}
