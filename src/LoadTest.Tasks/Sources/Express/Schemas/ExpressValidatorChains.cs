using System.Text.Json.Nodes;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Sources.Express.Syntax;

namespace LoadTest.Tasks.Sources.Express.Schemas;

/// <summary>One field validated by an express-validator chain: where it is read from, its name, schema and presence.</summary>
internal sealed record ValidatedField(string Segment, string Name, SchemaModel Schema, bool Required);

/// <summary>
/// express-validator chains such as <c>body('email').isEmail()</c>, <c>query('page').optional().isInt({ min: 1 })</c>,
/// <c>param('id').isUUID()</c>. A field is required unless the chain says <c>.optional()</c>.
/// </summary>
internal static class ExpressValidatorChains
{
    public static ValidatedField? Read(TsExpr expr)
    {
        var steps = new List<(string Name, IReadOnlyList<TsExpr> Args)>();
        var current = expr;
        while (current is CallExpr call)
        {
            switch (call.Callee)
            {
                case MemberExpr member:
                    steps.Add((member.Name, call.Arguments));
                    current = member.Target;
                    continue;
                case IdentExpr root when call.Arguments is [StringExpr field, ..]:
                    var segment = root.Name switch
                    {
                        "body" or "check" => "body",
                        "query" => "query",
                        "param" => "params",
                        "header" => "headers",
                        _ => null,
                    };
                    if (segment is null || field.Value.Contains('.') || field.Value.Contains('*'))
                    {
                        return null;
                    }

                    steps.Reverse();
                    return Build(segment, field.Value, steps);
            }

            return null;
        }

        return null;
    }

    private static ValidatedField Build(string segment, string name, List<(string Name, IReadOnlyList<TsExpr> Args)> steps)
    {
        var schema = new SchemaModel();
        var required = true;
        foreach (var (method, args) in steps)
        {
            var options = args.Count > 0 ? args[0] as ObjectExpr : null;
            decimal? Option(string key) => TsLiterals.Decimal(options?.Properties.FirstOrDefault(p => p.Key == key)?.Value);
            switch (method)
            {
                case "optional":
                    required = false;
                    break;
                case "isEmail" or "normalizeEmail":
                    schema = schema with { Type = "string", Format = "email" };
                    break;
                case "isUUID":
                    schema = schema with { Type = "string", Format = "uuid" };
                    break;
                case "isURL":
                    schema = schema with { Type = "string", Format = "uri" };
                    break;
                case "isISO8601" or "isDate":
                    schema = schema with { Type = "string", Format = "date-time" };
                    break;
                case "isInt" or "toInt":
                    schema = schema with { Type = "integer", Minimum = Option("min") ?? schema.Minimum, Maximum = Option("max") ?? schema.Maximum };
                    break;
                case "isFloat" or "isNumeric" or "isDecimal" or "toFloat":
                    schema = schema with { Type = "number", Minimum = Option("min") ?? schema.Minimum, Maximum = Option("max") ?? schema.Maximum };
                    break;
                case "isBoolean" or "toBoolean":
                    schema = schema with { Type = "boolean" };
                    break;
                case "isString" or "trim" or "escape":
                    schema = schema with { Type = schema.Type ?? "string" };
                    break;
                case "isLength":
                    schema = schema with { Type = schema.Type ?? "string", MinLength = (int?)Option("min") ?? schema.MinLength, MaxLength = (int?)Option("max") ?? schema.MaxLength };
                    break;
                case "notEmpty":
                    schema = schema with { MinLength = Math.Max(schema.MinLength ?? 1, 1) };
                    break;
                case "isIn" when args.Count > 0 && TsLiterals.TryJson(args[0], out var values) && values is JsonArray array:
                    schema = schema with { Enum = array.Select(v => v?.DeepClone()).ToList() };
                    break;
                case "matches" when args.Count > 0 && args[0] is RegexExpr regex:
                    schema = schema with { Type = schema.Type ?? "string", Pattern = regex.Pattern };
                    break;
                case "isArray":
                    schema = schema with { Type = "array", MinItems = (int?)Option("min"), MaxItems = (int?)Option("max") };
                    break;
            }
        }

        return new ValidatedField(segment, name, schema.Type is null ? schema with { Type = "string" } : schema, required);
    }
}
