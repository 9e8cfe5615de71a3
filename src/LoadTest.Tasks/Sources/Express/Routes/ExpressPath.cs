using System.Text;
using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Sources.Express.Routes;

/// <summary>A path parameter found in an Express path, with what its pattern says about its type.</summary>
internal sealed record PathParameter(string Name, SchemaModel Schema);

/// <summary>One OpenAPI path template an Express path stands for (an optional parameter gives two).</summary>
internal sealed record PathVariant(string Template, IReadOnlyList<PathParameter> Parameters);

/// <summary>
/// Express paths to OpenAPI templates: <c>:id</c>, <c>:id(\\d+)</c>, optional <c>:id?</c>, Express 5 <c>{/:id}</c> and
/// wildcards <c>*</c>, <c>/{*path}</c>, <c>*path</c>.
/// </summary>
internal static class ExpressPath
{
    public static string Join(string prefix, string path)
    {
        var left = prefix.TrimEnd('/');
        var right = path.Trim();
        if (right.Length == 0 || right == "/")
        {
            return left.Length == 0 ? "/" : left;
        }

        if (!right.StartsWith('/') && !right.StartsWith('{') && !right.StartsWith('*'))
        {
            right = "/" + right;
        }

        return left + right;
    }

    public static IReadOnlyList<PathVariant> ToTemplates(string expressPath)
    {
        var variants = Parse(expressPath);
        var result = new List<PathVariant>();
        foreach (var (text, parameters) in variants)
        {
            var template = Normalize(text);
            if (result.All(r => r.Template != template))
            {
                result.Add(new PathVariant(template, parameters));
            }
        }

        return result;
    }

    private static string Normalize(string template)
    {
        var sb = new StringBuilder();
        foreach (var c in template)
        {
            if (c == '/' && sb.Length > 0 && sb[^1] == '/')
            {
                continue;
            }

            sb.Append(c);
        }

        var result = sb.ToString();
        if (result.Length > 1 && result.EndsWith('/'))
        {
            result = result[..^1];
        }

        return result.StartsWith('/') ? result : "/" + result;
    }

    private static List<(string Text, List<PathParameter> Parameters)> Parse(string path)
    {
        var variants = new List<(StringBuilder Text, List<PathParameter> Parameters)> { (new StringBuilder(), []) };
        var i = 0;
        while (i < path.Length)
        {
            var c = path[i];
            if (c == '\\' && i + 1 < path.Length)
            {
                Append(variants, path[i + 1].ToString());
                i += 2;
            }
            else if (c == '{')
            {
                // Express 5 optional group: with and without its content.
                var close = MatchingBrace(path, i);
                var inner = path[(i + 1)..close];
                var innerVariants = Parse(inner);
                var combined = new List<(StringBuilder, List<PathParameter>)>();
                foreach (var (text, parameters) in variants)
                {
                    combined.Add((new StringBuilder(text.ToString()), [.. parameters]));
                    foreach (var (innerText, innerParameters) in innerVariants)
                    {
                        combined.Add((new StringBuilder(text.ToString()).Append(innerText), [.. parameters, .. innerParameters]));
                    }
                }

                variants = combined;
                i = Math.Min(close + 1, path.Length);
            }
            else if (c == ':' || c == '*')
            {
                var start = i + 1;
                var end = start;
                while (end < path.Length && (char.IsLetterOrDigit(path[end]) || path[end] is '_' or '$'))
                {
                    end++;
                }

                var name = path[start..end];
                string? regex = null;
                if (end < path.Length && path[end] == '(')
                {
                    var close = MatchingParen(path, end);
                    regex = path[(end + 1)..Math.Max(end + 1, close)];
                    end = Math.Min(close + 1, path.Length);
                }

                var modifier = end < path.Length && path[end] is '?' or '*' or '+' ? path[end] : '\0';
                if (modifier != '\0')
                {
                    end++;
                }

                var isWildcard = c == '*' || modifier is '*' or '+';
                if (name.Length == 0)
                {
                    name = c == '*' ? "wildcard" : "param";
                }

                var parameter = new PathParameter(name, SchemaFor(regex, isWildcard));
                if (modifier is '?' or '*')
                {
                    // optional: one variant without the segment (and its leading slash), one with it.
                    var combined = new List<(StringBuilder, List<PathParameter>)>();
                    foreach (var (text, parameters) in variants)
                    {
                        var without = text.ToString();
                        if (without.EndsWith('/'))
                        {
                            without = without[..^1];
                        }

                        combined.Add((new StringBuilder(without), [.. parameters]));
                        combined.Add((new StringBuilder(text.ToString()).Append('{').Append(name).Append('}'), [.. parameters, parameter]));
                    }

                    variants = combined;
                }
                else
                {
                    foreach (var (text, parameters) in variants)
                    {
                        text.Append('{').Append(name).Append('}');
                        parameters.Add(parameter);
                    }
                }

                i = end;
            }
            else if (c is '(' or ')' or '?' or '+' or '$' or '^')
            {
                // Express 4 regex-ish characters outside parameters: not part of a literal path.
                i++;
            }
            else
            {
                Append(variants, c.ToString());
                i++;
            }
        }

        return variants.Select(v => (v.Text.ToString(), v.Parameters)).ToList();
    }

    private static void Append(List<(StringBuilder Text, List<PathParameter> Parameters)> variants, string text)
    {
        foreach (var (sb, _) in variants)
        {
            sb.Append(text);
        }
    }

    private static int MatchingBrace(string path, int open)
    {
        var depth = 0;
        for (var i = open; i < path.Length; i++)
        {
            if (path[i] == '{')
            {
                depth++;
            }
            else if (path[i] == '}' && --depth == 0)
            {
                return i;
            }
        }

        return path.Length;
    }

    private static int MatchingParen(string path, int open)
    {
        var depth = 0;
        for (var i = open; i < path.Length; i++)
        {
            if (path[i] == '\\')
            {
                i++;
                continue;
            }

            if (path[i] == '(')
            {
                depth++;
            }
            else if (path[i] == ')' && --depth == 0)
            {
                return i;
            }
        }

        return path.Length;
    }

    private static SchemaModel SchemaFor(string? regex, bool wildcard)
    {
        if (regex is null)
        {
            return SchemaModel.Of("string");
        }

        var compact = regex.Replace("\\\\", "\\", StringComparison.Ordinal);
        if (compact is "\\d+" or "[0-9]+" or "\\d*" or "[0-9]*" or "\\d{1,}")
        {
            return SchemaModel.Of("integer");
        }

        return wildcard ? SchemaModel.Of("string") : new SchemaModel { Type = "string", Pattern = "^(?:" + compact + ")$" };
    }
}
