using System.Globalization;
using System.Text;
using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Sources.AspNetCore;

/// <summary>A route parameter of an ASP.NET Core template with the schema its constraints imply.</summary>
internal sealed record RouteParameter(string Name, SchemaModel Schema, bool CatchAll);

/// <summary>One OpenAPI path an ASP.NET Core template stands for (an optional parameter gives two).</summary>
internal sealed record RouteVariant(string Template, IReadOnlyList<RouteParameter> Parameters);

/// <summary>
/// ASP.NET Core route templates to OpenAPI paths: <c>{id:int}</c> → integer, <c>{id:guid}</c> → uuid,
/// <c>{id?}</c> / <c>{id=5}</c> optional, <c>{**slug}</c> catch-all, <c>min/max/range/length/regex</c> constraints.
/// </summary>
internal static class RouteTemplate
{
    /// <summary>
    /// Appends a template to a prefix. For controllers (<paramref name="slashIsAbsolute"/>) an action template starting with
    /// <c>/</c> or <c>~/</c> replaces the controller's; for groups and Map calls a leading slash is just a separator.
    /// </summary>
    public static string Join(string prefix, string template, bool slashIsAbsolute = false)
    {
        var t = template.Trim();
        if (t.StartsWith("~/", StringComparison.Ordinal))
        {
            return Normalize(t[1..]);
        }

        if (slashIsAbsolute && t.StartsWith('/'))
        {
            return Normalize(t);
        }

        return Normalize(prefix.TrimEnd('/') + "/" + t.TrimStart('/'));
    }

    public static string Normalize(string path)
    {
        var sb = new StringBuilder("/");
        foreach (var c in path.Trim())
        {
            if (c == '/' && sb[^1] == '/')
            {
                continue;
            }

            sb.Append(c);
        }

        var result = sb.ToString();
        return result.Length > 1 && result.EndsWith('/') ? result[..^1] : result;
    }

    public static IReadOnlyList<RouteVariant> Parse(string template)
    {
        var variants = new List<(StringBuilder Text, List<RouteParameter> Parameters)> { (new StringBuilder(), []) };
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                Append(variants, "{");
                i += 2;
                continue;
            }

            if (c != '{')
            {
                Append(variants, c.ToString());
                i++;
                continue;
            }

            var close = Close(template, i);
            var content = template[(i + 1)..close];
            i = Math.Min(close + 1, template.Length);
            var (parameter, optional) = ParseParameter(content);
            if (parameter is null)
            {
                continue;
            }

            if (optional)
            {
                var combined = new List<(StringBuilder, List<RouteParameter>)>();
                foreach (var (text, parameters) in variants)
                {
                    var without = text.ToString().TrimEnd('/', '.');
                    combined.Add((new StringBuilder(without), [.. parameters]));
                    combined.Add((new StringBuilder(text.ToString()).Append('{').Append(parameter.Name).Append('}'), [.. parameters, parameter]));
                }

                variants = combined;
            }
            else
            {
                foreach (var (text, parameters) in variants)
                {
                    text.Append('{').Append(parameter.Name).Append('}');
                    parameters.Add(parameter);
                }
            }
        }

        var result = new List<RouteVariant>();
        foreach (var (text, parameters) in variants)
        {
            var path = Normalize(text.ToString());
            if (result.All(r => r.Template != path))
            {
                result.Add(new RouteVariant(path, parameters));
            }
        }

        return result;
    }

    private static int Close(string template, int open)
    {
        var depth = 0;
        for (var i = open; i < template.Length; i++)
        {
            if (template[i] == '{')
            {
                depth++;
            }
            else if (template[i] == '}' && --depth == 0)
            {
                return i;
            }
        }

        return template.Length;
    }

    private static void Append(List<(StringBuilder Text, List<RouteParameter> Parameters)> variants, string text)
    {
        foreach (var (sb, _) in variants)
        {
            sb.Append(text);
        }
    }

    private static (RouteParameter? Parameter, bool Optional) ParseParameter(string content)
    {
        var catchAll = false;
        content = content.Trim();
        while (content.StartsWith('*'))
        {
            catchAll = true;
            content = content[1..];
        }

        var optional = false;
        var defaultIndex = IndexOutsideParens(content, '=');
        if (defaultIndex >= 0)
        {
            optional = true;
            content = content[..defaultIndex];
        }

        if (content.EndsWith('?'))
        {
            optional = true;
            content = content[..^1];
        }

        var parts = SplitConstraints(content);
        var name = parts[0].Trim();
        if (name.Length == 0)
        {
            return (null, false);
        }

        var schema = SchemaModel.Of("string");
        foreach (var constraint in parts.Skip(1))
        {
            schema = Apply(schema, constraint.Trim());
        }

        return (new RouteParameter(name, schema, catchAll), optional || catchAll);
    }

    private static int IndexOutsideParens(string text, char target)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(')
            {
                depth++;
            }
            else if (text[i] == ')')
            {
                depth--;
            }
            else if (text[i] == target && depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static List<string> SplitConstraints(string content)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == '(')
            {
                depth++;
            }
            else if (content[i] == ')')
            {
                depth--;
            }
            else if (content[i] == ':' && depth == 0)
            {
                parts.Add(content[start..i]);
                start = i + 1;
            }
        }

        parts.Add(content[start..]);
        return parts;
    }

    private static SchemaModel Apply(SchemaModel schema, string constraint)
    {
        var open = constraint.IndexOf('(');
        var name = (open < 0 ? constraint : constraint[..open]).ToLowerInvariant();
        var args = open < 0 ? [] : constraint[(open + 1)..].TrimEnd(')').Split(',');
        decimal? Arg(int index) => index < args.Length && decimal.TryParse(args[index].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
        int? IntArg(int index) => Arg(index) is { } d ? (int)d : null;
        return name switch
        {
            "int" => schema with { Type = "integer", Format = "int32" },
            "long" => schema with { Type = "integer", Format = "int64" },
            "bool" => schema with { Type = "boolean" },
            "guid" => schema with { Type = "string", Format = "uuid" },
            "datetime" => schema with { Type = "string", Format = "date-time" },
            "decimal" or "double" => schema with { Type = "number", Format = "double" },
            "float" => schema with { Type = "number", Format = "float" },
            "alpha" => schema with { Pattern = "^[a-zA-Z]*$" },
            "min" => schema with { Type = schema.Type == "string" ? "integer" : schema.Type, Minimum = Arg(0) },
            "max" => schema with { Type = schema.Type == "string" ? "integer" : schema.Type, Maximum = Arg(0) },
            "range" => schema with { Type = schema.Type == "string" ? "integer" : schema.Type, Minimum = Arg(0), Maximum = Arg(1) },
            "minlength" => schema with { MinLength = IntArg(0) },
            "maxlength" => schema with { MaxLength = IntArg(0) },
            "length" => args.Length > 1 ? schema with { MinLength = IntArg(0), MaxLength = IntArg(1) } : schema with { MinLength = IntArg(0), MaxLength = IntArg(0) },
            "regex" when open >= 0 && constraint.EndsWith(')') => schema with { Pattern = constraint[(open + 1)..^1].Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal) },
            // Asp.Versioning's {version:apiVersion}: the reader fills in the endpoint's versions.
            "apiversion" => schema with { Format = ApiVersioning.RouteFormat },
            "nonfile" or "required" => schema,
            _ => schema,
        };
    }
}
