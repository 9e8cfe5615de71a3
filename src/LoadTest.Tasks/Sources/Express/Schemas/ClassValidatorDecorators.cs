using System.Text.Json.Nodes;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Sources.Express.Semantics;
using LoadTest.Tasks.Sources.Express.Syntax;

namespace LoadTest.Tasks.Sources.Express.Schemas;

/// <summary>class-validator decorators on DTO properties (<c>@IsEmail() @Min(1) @IsIn([…]) @IsOptional()</c>) as constraints.</summary>
internal static class ClassValidatorDecorators
{
    public static (SchemaModel Schema, bool Optional) Apply(SchemaModel schema, IReadOnlyList<TsDecorator> decorators, ModuleInfo module, TsSchemaBuilder builder)
    {
        var optional = false;
        foreach (var decorator in decorators)
        {
            var args = decorator.Arguments;
            var first = args.Count > 0 ? args[0] : null;
            var second = args.Count > 1 ? args[1] : null;
            switch (decorator.Name)
            {
                case "IsOptional":
                    optional = true;
                    break;
                case "IsString":
                    schema = schema with { Type = "string" };
                    break;
                case "IsNumber" or "IsNumberString":
                    schema = schema with { Type = decorator.Name == "IsNumber" ? "number" : "string" };
                    break;
                case "IsInt":
                    schema = schema with { Type = "integer" };
                    break;
                case "IsBoolean":
                    schema = schema with { Type = "boolean" };
                    break;
                case "IsEmail":
                    schema = schema with { Type = "string", Format = "email" };
                    break;
                case "IsUUID":
                    schema = schema with { Type = "string", Format = "uuid" };
                    break;
                case "IsUrl" or "IsURL":
                    schema = schema with { Type = "string", Format = "uri" };
                    break;
                case "IsDateString" or "IsISO8601" or "IsDate":
                    schema = schema with { Type = "string", Format = "date-time" };
                    break;
                case "Min" when TsLiterals.Decimal(first) is { } min:
                    schema = schema with { Minimum = min };
                    break;
                case "Max" when TsLiterals.Decimal(first) is { } max:
                    schema = schema with { Maximum = max };
                    break;
                case "IsPositive":
                    schema = schema with { ExclusiveMinimum = 0 };
                    break;
                case "IsNegative":
                    schema = schema with { ExclusiveMaximum = 0 };
                    break;
                case "Length":
                    schema = schema with { MinLength = TsLiterals.Int(first) ?? schema.MinLength, MaxLength = TsLiterals.Int(second) ?? schema.MaxLength };
                    break;
                case "MinLength" when TsLiterals.Int(first) is { } minLength:
                    schema = schema with { MinLength = minLength };
                    break;
                case "MaxLength" when TsLiterals.Int(first) is { } maxLength:
                    schema = schema with { MaxLength = maxLength };
                    break;
                case "IsNotEmpty" when schema.Type is "string" or null:
                    schema = schema with { MinLength = Math.Max(schema.MinLength ?? 1, 1) };
                    break;
                case "Matches" when first is RegexExpr regex:
                    schema = schema with { Pattern = regex.Pattern };
                    break;
                case "Matches" when first is StringExpr pattern:
                    schema = schema with { Pattern = pattern.Value };
                    break;
                case "IsIn" when first is not null && TsLiterals.TryJson(first, out var values) && values is JsonArray array:
                    schema = schema with { Enum = array.Select(v => v?.DeepClone()).ToList() };
                    break;
                case "IsEnum" when first is not null && builder.EnumByValue(builder.Interpreter.Evaluate(first, module.Scope)) is { } enumSchema:
                    schema = schema with { Type = enumSchema.Type, Enum = enumSchema.Enum };
                    break;
                case "ArrayMinSize" when TsLiterals.Int(first) is { } minItems:
                    schema = schema with { MinItems = minItems };
                    break;
                case "ArrayMaxSize" when TsLiterals.Int(first) is { } maxItems:
                    schema = schema with { MaxItems = maxItems };
                    break;
                case "ArrayNotEmpty":
                    schema = schema with { MinItems = Math.Max(schema.MinItems ?? 1, 1) };
                    break;
                case "ArrayUnique":
                    schema = schema with { UniqueItems = true };
                    break;
            }
        }

        return (schema, optional);
    }
}
