using System.Text.Json.Nodes;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Sources.Express.Semantics;
using LoadTest.Tasks.Sources.Express.Syntax;

namespace LoadTest.Tasks.Sources.Express.Schemas;

/// <summary>
/// Reads zod (<c>z.object({…})</c>), Joi/celebrate (<c>Joi.object({…})</c>) and yup schemas, written as method chains,
/// into schemas with their constraints. zod members are required unless <c>.optional()</c>; Joi and yup members are
/// optional unless <c>.required()</c>.
/// </summary>
internal sealed class ValidatorSchemaReader(TsSchemaBuilder builder, ExpressInterpreter interpreter, DiagnosticBag diagnostics)
{
    private const int MaxDepth = 40;
    private int _depth;

    /// <summary>A schema and whether the chain said required (true), optional (false) or nothing (null).</summary>
    internal sealed record Result(SchemaModel Schema, bool? Required);

    private sealed record Step(string Name, IReadOnlyList<TsExpr>? Args, int Line);

    public SchemaModel Read(ValidatorSchemaValue value) => ReadExpr(value.Expr, value.Scope, value.Library).Schema;

    public Result ReadExpr(TsExpr expr, Scope scope, string library)
    {
        if (_depth > MaxDepth)
        {
            return new Result(new SchemaModel(), null);
        }

        _depth++;
        try
        {
            return ReadCore(expr, scope, library);
        }
        finally
        {
            _depth--;
        }
    }

    private Result ReadCore(TsExpr expr, Scope scope, string library)
    {
        var steps = new List<Step>();
        var root = expr;
        while (true)
        {
            if (root is CallExpr { Callee: MemberExpr callee } call)
            {
                steps.Add(new Step(callee.Name, call.Arguments, call.Line));
                root = callee.Target;
            }
            else if (root is MemberExpr member)
            {
                steps.Add(new Step(member.Name, null, member.Line));
                root = member.Target;
            }
            else if (root is CallExpr { Callee: IdentExpr direct } directCall && interpreter.Evaluate(direct, scope) is LibraryValue)
            {
                // `import { object, string } from 'yup'` style: string().email()
                steps.Add(new Step(direct.Name, directCall.Arguments, directCall.Line));
                root = new IdentExpr("", direct.Line);
                break;
            }
            else if (root is AsExpr a)
            {
                root = a.Value;
            }
            else
            {
                break;
            }
        }

        steps.Reverse();
        Result current;
        var rootValue = root is IdentExpr { Name.Length: 0 } ? new LibraryValue(library, "") : interpreter.Evaluate(root, scope);
        switch (rootValue)
        {
            case LibraryValue lib:
                library = lib.Library;
                current = new Result(new SchemaModel(), null);
                var constructorIndex = steps.FindIndex(s => s.Args is not null);
                if (constructorIndex < 0)
                {
                    return current;
                }

                current = Construct(steps[constructorIndex], scope, library, steps.Take(constructorIndex).Select(s => s.Name).ToList());
                steps = steps.Skip(constructorIndex + 1).ToList();
                break;
            case ValidatorSchemaValue other:
                current = ReadExpr(other.Expr, other.Scope, other.Library);
                library = other.Library;
                break;
            default:
                return new Result(new SchemaModel(), null);
        }

        foreach (var step in steps)
        {
            current = Modify(current, step, scope, library);
        }

        return current;
    }

    private Result Member(TsExpr expr, Scope scope, string library)
    {
        if (expr is IdentExpr or MemberExpr && interpreter.Evaluate(expr, scope) is ValidatorSchemaValue value)
        {
            return ReadExpr(value.Expr, value.Scope, value.Library);
        }

        return ReadExpr(expr, scope, library);
    }

    private Result Construct(Step step, Scope scope, string library, IReadOnlyList<string> prefix)
    {
        var args = step.Args ?? [];
        var first = args.Count > 0 ? args[0] : null;
        var schema = step.Name switch
        {
            "string" => SchemaModel.Of("string"),
            "number" => SchemaModel.Of("number"),
            "int" or "integer" => SchemaModel.Of("integer"),
            "bigint" => SchemaModel.Of("integer", "int64"),
            "boolean" or "bool" => SchemaModel.Of("boolean"),
            "date" => SchemaModel.Of("string", "date-time"),
            "email" => SchemaModel.Of("string", "email"),
            "uuid" or "guid" => SchemaModel.Of("string", "uuid"),
            "url" => SchemaModel.Of("string", "uri"),
            "datetime" => SchemaModel.Of("string", "date-time"),
            "object" or "strictObject" or "looseObject" => first is null ? SchemaModel.Of("object") : ObjectShape(first, scope, library),
            "array" => new SchemaModel { Type = "array", Items = first is null ? null : Member(first, scope, library).Schema },
            "enum" => EnumOf(first, scope),
            "nativeEnum" => first is null ? new SchemaModel() : builder.EnumByValue(interpreter.Evaluate(first, scope)) ?? new SchemaModel(),
            "literal" => first is not null && TsLiterals.TryJson(first, out var literal) ? new SchemaModel { Type = JsonType(literal), Enum = [literal] } : new SchemaModel(),
            "union" or "alternatives" when first is ArrayExpr options => new SchemaModel { AnyOf = options.Elements.Select(e => Member(e, scope, library).Schema).ToList() },
            "discriminatedUnion" when args.Count > 1 && args[1] is ArrayExpr options => new SchemaModel
            {
                OneOf = options.Elements.Select(e => Member(e, scope, library).Schema).ToList(),
                DiscriminatorProperty = first is StringExpr key ? key.Value : null,
            },
            "intersection" when args.Count > 1 => builder.Merge([Member(args[0], scope, library).Schema, Member(args[1], scope, library).Schema]),
            "record" => new SchemaModel { Type = "object", AdditionalProperties = args.Count == 0 ? null : Member(args[^1], scope, library).Schema },
            "tuple" when first is ArrayExpr items => TupleOf(items, scope, library),
            "any" or "unknown" or "mixed" or "lazy" or "custom" or "alternatives" => new SchemaModel(),
            "null" => new SchemaModel { Type = "null" },
            "optional" or "nullable" when first is not null => Member(first, scope, library).Schema,
            _ => null,
        };

        if (schema is null)
        {
            diagnostics.Warn(ExpressCodes.UnsupportedValidator,
                $"The {library} schema constructor '{step.Name}' in {scope.Module.RelativePath} is not understood; that value is left unconstrained.",
                scope.Module.File, step.Line, "Use the library's basic types (string, number, object, array, enum…) or describe the body with a TypeScript interface.");
            schema = new SchemaModel();
        }

        if (prefix.Contains("iso") && step.Name == "date")
        {
            schema = SchemaModel.Of("string", "date");
        }

        bool? required = step.Name == "optional" ? false : null;
        if (step.Name == "nullable")
        {
            schema = schema with { Nullable = true };
        }

        return new Result(schema, required);
    }

    private static string? JsonType(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out _) => "string",
        JsonValue v when v.TryGetValue<bool>(out _) => "boolean",
        JsonValue v when v.TryGetValue<long>(out _) => "integer",
        JsonValue => "number",
        _ => null,
    };

    private SchemaModel EnumOf(TsExpr? first, Scope scope)
    {
        if (first is not null && TsLiterals.TryJson(first, out var values) && values is JsonArray array)
        {
            return new SchemaModel { Type = "string", Enum = array.Select(v => v?.DeepClone()).ToList() };
        }

        if (first is not null && interpreter.Evaluate(first, scope) is ArrayValue arrayValue)
        {
            return new SchemaModel { Type = "string", Enum = arrayValue.Elements.OfType<StringValue>().Select(s => (JsonNode?)JsonValue.Create(s.Value)).ToList() };
        }

        if (first is not null && builder.EnumByValue(interpreter.Evaluate(first, scope)) is { } enumSchema)
        {
            return enumSchema;
        }

        return SchemaModel.Of("string");
    }

    private SchemaModel TupleOf(ArrayExpr items, Scope scope, string library)
    {
        var prefixItems = items.Elements.Select(e => Member(e, scope, library).Schema).ToList();
        return new SchemaModel { Type = "array", PrefixItems = prefixItems, MinItems = prefixItems.Count, MaxItems = prefixItems.Count };
    }

    private SchemaModel ObjectShape(TsExpr shapeExpr, Scope scope, string library)
    {
        if (shapeExpr is not ObjectExpr shape)
        {
            return interpreter.Evaluate(shapeExpr, scope) is ValidatorSchemaValue v ? ReadExpr(v.Expr, v.Scope, v.Library).Schema : SchemaModel.Of("object");
        }

        var properties = new Dictionary<string, SchemaModel>(StringComparer.Ordinal);
        var required = new List<string>();
        foreach (var property in shape.Properties)
        {
            if (property.Key is null or "...")
            {
                continue;
            }

            var member = Member(property.Value, scope, library);
            properties[property.Key] = member.Schema;
            var isRequired = member.Required ?? library == "zod";
            if (isRequired)
            {
                required.Add(property.Key);
            }
        }

        return new SchemaModel { Type = "object", Properties = properties, Required = required };
    }

    private Result Modify(Result current, Step step, Scope scope, string library)
    {
        var schema = current.Schema;
        var required = current.Required;
        var args = step.Args ?? [];
        var first = args.Count > 0 ? args[0] : null;
        var isString = schema.Type == "string";
        var isArray = schema.Type == "array";
        switch (step.Name)
        {
            case "optional" or "nullish":
                required = false;
                if (step.Name == "nullish")
                {
                    schema = schema with { Nullable = true };
                }

                break;
            case "required" or "nonoptional" or "defined" or "exist":
                required = true;
                break;
            case "nullable":
                schema = schema with { Nullable = true };
                break;
            case "allow" when first is KeywordExpr { Word: "null" }:
                schema = schema with { Nullable = true };
                break;
            case "default" or "catch":
                if (first is not null && TsLiterals.TryJson(first, out var defaultValue))
                {
                    schema = schema with { Default = defaultValue };
                }

                required = library == "zod" ? false : required;
                break;
            case "min" or "gte" or "minLength" when TsLiterals.Decimal(first) is { } min:
                schema = isString ? schema with { MinLength = (int)min } : isArray ? schema with { MinItems = (int)min } : schema with { Minimum = min };
                break;
            case "max" or "lte" or "maxLength" when TsLiterals.Decimal(first) is { } max:
                schema = isString ? schema with { MaxLength = (int)max } : isArray ? schema with { MaxItems = (int)max } : schema with { Maximum = max };
                break;
            case "gt" or "greater" or "moreThan" when TsLiterals.Decimal(first) is { } gt:
                schema = schema with { ExclusiveMinimum = gt };
                break;
            case "lt" or "less" or "lessThan" when TsLiterals.Decimal(first) is { } lt:
                schema = schema with { ExclusiveMaximum = lt };
                break;
            case "length" when TsLiterals.Int(first) is { } length:
                schema = isArray ? schema with { MinItems = length, MaxItems = length } : schema with { MinLength = length, MaxLength = length };
                break;
            case "nonempty":
                schema = isArray ? schema with { MinItems = 1 } : schema with { MinLength = 1 };
                break;
            case "int" or "integer" or "safe":
                schema = schema with { Type = "integer" };
                break;
            case "positive":
                schema = schema with { ExclusiveMinimum = 0 };
                break;
            case "nonnegative":
                schema = schema with { Minimum = 0 };
                break;
            case "negative":
                schema = schema with { ExclusiveMaximum = 0 };
                break;
            case "nonpositive":
                schema = schema with { Maximum = 0 };
                break;
            case "multipleOf" or "step" or "multiple" when TsLiterals.Decimal(first) is { } multiple:
                schema = schema with { MultipleOf = multiple };
                break;
            case "email":
                schema = schema with { Format = "email" };
                break;
            case "uuid" or "guid":
                schema = schema with { Format = "uuid" };
                break;
            case "url" or "uri":
                schema = schema with { Format = "uri" };
                break;
            case "datetime" or "iso":
                schema = schema with { Format = "date-time" };
                break;
            case "date" when isString:
                schema = schema with { Format = "date" };
                break;
            case "regex" or "pattern" or "matches" when first is RegexExpr regex:
                schema = schema with { Pattern = regex.Pattern };
                break;
            case "valid" or "oneOf" or "equal":
            {
                var values = new List<JsonNode?>();
                foreach (var arg in args)
                {
                    if (TsLiterals.TryJson(arg, out var json))
                    {
                        if (json is JsonArray array)
                        {
                            values.AddRange(array.Select(v => v?.DeepClone()));
                        }
                        else
                        {
                            values.Add(json);
                        }
                    }
                }

                schema = schema with { Enum = values };
                break;
            }
            case "describe" or "description" when first is StringExpr description:
                schema = schema with { Description = description.Value };
                break;
            case "example" or "examples" when first is not null && TsLiterals.TryJson(first, out var example):
                schema = schema with { Examples = [.. schema.Examples, example] };
                break;
            case "items" when first is not null:
                schema = schema with { Items = Member(first, scope, library).Schema };
                break;
            case "keys" or "shape" or "extend" or "append" when first is not null:
                schema = builder.Merge([schema with { Type = "object" }, ObjectShape(first, scope, library)]);
                break;
            case "merge" or "concat" or "and" when first is not null:
                schema = builder.Merge([schema, Member(first, scope, library).Schema]);
                break;
            case "or" when first is not null:
                schema = new SchemaModel { AnyOf = [schema, Member(first, scope, library).Schema] };
                break;
            case "partial":
                schema = builder.Resolve(schema) with { Required = [] };
                break;
            case "pick" or "omit" when first is ObjectExpr keysObject:
            {
                var keys = keysObject.Properties.Select(p => p.Key).OfType<string>().ToHashSet();
                bool Keep(string k) => step.Name == "pick" ? keys.Contains(k) : !keys.Contains(k);
                var resolved = builder.Resolve(schema);
                schema = resolved with
                {
                    Properties = resolved.Properties.Where(p => Keep(p.Key)).ToDictionary(p => p.Key, p => p.Value),
                    Required = resolved.Required.Where(Keep).ToList(),
                };
                break;
            }
            case "array":
                schema = new SchemaModel { Type = "array", Items = schema };
                break;
            case "trim" or "toLowerCase" or "toUpperCase" or "lowercase" or "uppercase" or "refine" or "superRefine" or "transform" or "strict"
                or "passthrough" or "strip" or "unknown" or "brand" or "openapi" or "label" or "messages" or "message" or "error" or "options"
                or "pipe" or "readonly" or "describe" or "coerce" or "typeError" or "when":
                break;
        }

        return new Result(schema, required);
    }
}
