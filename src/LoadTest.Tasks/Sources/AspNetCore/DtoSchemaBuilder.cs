using System.Globalization;
using System.Text.Json.Nodes;
using LoadTest.Tasks.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoadTest.Tasks.Sources.AspNetCore;

/// <summary>
/// C# types (records, classes, structs, enums, collections) to schemas, with System.Text.Json naming and
/// DataAnnotations constraints. A member is required when marked [Required]/[JsonRequired]/<c>required</c>, or
/// when its type is non-nullable and it has no default value (what a client must send for model binding to succeed).
/// Enums are strings when JsonStringEnumConverter is configured (globally or on the enum), else integers.
/// </summary>
internal sealed class DtoSchemaBuilder(CSharpProject project, List<SourceDiagnostic> diagnostics)
{
    private const int MaxDepth = 32;

    private static readonly HashSet<string> CollectionTypes =
    [
        "List", "IList", "IEnumerable", "ICollection", "IReadOnlyList", "IReadOnlyCollection", "Collection", "ImmutableArray", "ImmutableList",
        "IAsyncEnumerable", "LinkedList", "Queue", "Stack", "ReadOnlyCollection",
    ];

    private static readonly HashSet<string> SetTypes = ["HashSet", "ISet", "IReadOnlySet", "SortedSet", "ImmutableHashSet"];
    private static readonly HashSet<string> DictionaryTypes = ["Dictionary", "IDictionary", "IReadOnlyDictionary", "SortedDictionary", "ImmutableDictionary", "ConcurrentDictionary"];
    private static readonly HashSet<string> WrapperTypes = ["Task", "ValueTask", "ActionResult", "Nullable", "Ok", "Created", "CreatedAtRoute", "Accepted", "AcceptedAtRoute"];

    private readonly Dictionary<string, string> _componentByDeclaration = new(StringComparer.Ordinal);
    private int _depth;

    public Dictionary<string, SchemaModel> Components { get; } = new(StringComparer.Ordinal);

    public SchemaModel Resolve(SchemaModel schema)
    {
        for (var i = 0; i < 16 && schema.RefName is { } name && Components.TryGetValue(name, out var target); i++)
        {
            schema = target;
        }

        return schema;
    }

    public SchemaModel FromType(TypeSyntax? type, IReadOnlyDictionary<string, SchemaModel>? typeArgs = null)
    {
        if (type is null || _depth > MaxDepth)
        {
            return new SchemaModel();
        }

        _depth++;
        try
        {
            return FromTypeCore(type, typeArgs ?? new Dictionary<string, SchemaModel>());
        }
        finally
        {
            _depth--;
        }
    }

    private SchemaModel FromTypeCore(TypeSyntax type, IReadOnlyDictionary<string, SchemaModel> typeArgs)
    {
        switch (type)
        {
            case NullableTypeSyntax nullable:
                return FromType(nullable.ElementType, typeArgs) with { Nullable = true };
            case PredefinedTypeSyntax predefined:
                return Predefined(predefined.Keyword.ValueText);
            case ArrayTypeSyntax array:
                return array.ElementType is PredefinedTypeSyntax { Keyword.ValueText: "byte" }
                    ? SchemaModel.Of("string", "byte")
                    : new SchemaModel { Type = "array", Items = FromType(array.ElementType, typeArgs) };
            case QualifiedNameSyntax qualified:
                return FromType(qualified.Right, typeArgs);
            case AliasQualifiedNameSyntax alias:
                return FromType(alias.Name, typeArgs);
            case TupleTypeSyntax tuple:
                return new SchemaModel
                {
                    Type = "object",
                    Properties = tuple.Elements.Select((e, i) => (Name: e.Identifier.ValueText is { Length: > 0 } n ? n : $"Item{i + 1}", e.Type))
                        .ToDictionary(e => project.JsonName(e.Name), e => FromType(e.Type, typeArgs)),
                };
            case GenericNameSyntax generic:
                return FromGeneric(generic, typeArgs);
            case IdentifierNameSyntax identifier:
                return FromName(identifier.Identifier.ValueText, [], identifier, typeArgs);
            default:
                return new SchemaModel();
        }
    }

    private static SchemaModel Predefined(string keyword) => keyword switch
    {
        "string" => SchemaModel.Of("string"),
        "char" => new SchemaModel { Type = "string", MinLength = 1, MaxLength = 1 },
        "int" or "short" or "byte" or "sbyte" or "ushort" => SchemaModel.Of("integer", "int32"),
        "long" or "uint" or "ulong" or "nint" or "nuint" => SchemaModel.Of("integer", "int64"),
        "float" => SchemaModel.Of("number", "float"),
        "double" or "decimal" => SchemaModel.Of("number", "double"),
        "bool" => SchemaModel.Of("boolean"),
        _ => new SchemaModel(),
    };

    private SchemaModel FromGeneric(GenericNameSyntax generic, IReadOnlyDictionary<string, SchemaModel> typeArgs)
    {
        var name = generic.Identifier.ValueText;
        var args = generic.TypeArgumentList.Arguments;
        SchemaModel Arg(int i) => i < args.Count ? FromType(args[i], typeArgs) : new SchemaModel();
        if (CollectionTypes.Contains(name))
        {
            return new SchemaModel { Type = "array", Items = Arg(0) };
        }

        if (SetTypes.Contains(name))
        {
            return new SchemaModel { Type = "array", Items = Arg(0), UniqueItems = true };
        }

        if (DictionaryTypes.Contains(name))
        {
            return new SchemaModel { Type = "object", AdditionalProperties = Arg(1) };
        }

        if (name == "Nullable")
        {
            return Arg(0) with { Nullable = true };
        }

        if (WrapperTypes.Contains(name))
        {
            return Arg(0);
        }

        if (name == "Results")
        {
            // Results<Ok<T>, NotFound>: the first typed result is the success payload.
            return args.Select(a => FromType(a, typeArgs)).FirstOrDefault(s => s.Type is not null || s.RefName is not null) ?? new SchemaModel();
        }

        return FromName(name, args.Select(a => FromType(a, typeArgs)).ToList(), generic, typeArgs);
    }

    private SchemaModel FromName(string name, IReadOnlyList<SchemaModel> args, SyntaxNode at, IReadOnlyDictionary<string, SchemaModel> typeArgs)
    {
        if (typeArgs.TryGetValue(name, out var bound))
        {
            return bound;
        }

        switch (name)
        {
            case "String": return SchemaModel.Of("string");
            case "Int32" or "Int16" or "Byte": return SchemaModel.Of("integer", "int32");
            case "Int64" or "UInt32" or "UInt64": return SchemaModel.Of("integer", "int64");
            case "Double" or "Decimal": return SchemaModel.Of("number", "double");
            case "Single": return SchemaModel.Of("number", "float");
            case "Boolean": return SchemaModel.Of("boolean");
            case "Guid": return SchemaModel.Of("string", "uuid");
            case "DateTime" or "DateTimeOffset": return SchemaModel.Of("string", "date-time");
            case "DateOnly": return SchemaModel.Of("string", "date");
            case "TimeOnly": return SchemaModel.Of("string", "time");
            case "TimeSpan": return SchemaModel.Of("string", "duration");
            case "Uri": return SchemaModel.Of("string", "uri");
            case "IFormFile": return SchemaModel.Of("string", "binary");
            case "IFormFileCollection": return new SchemaModel { Type = "array", Items = SchemaModel.Of("string", "binary") };
            case "Object" or "JsonElement" or "JsonNode" or "JsonObject" or "JsonDocument" or "dynamic" or "Task" or "ValueTask" or "void":
                return new SchemaModel();
            case "ProblemDetails" or "HttpValidationProblemDetails" or "ValidationProblemDetails":
                // RFC 9457 problem details, the framework's error payload.
                return new SchemaModel
                {
                    Type = "object",
                    Properties = new Dictionary<string, SchemaModel>(StringComparer.Ordinal)
                    {
                        ["type"] = SchemaModel.Of("string"), ["title"] = SchemaModel.Of("string"), ["status"] = SchemaModel.Of("integer", "int32"),
                        ["detail"] = SchemaModel.Of("string"), ["instance"] = SchemaModel.Of("string"),
                    },
                };
        }

        if (ResultTypes.IsResultType(name) && project.TypesNamed(name).Count == 0)
        {
            // Ok, Created<T>, NoContent, Results<…>: the statuses come from ResultTypes; the type itself is no payload.
            return new SchemaModel();
        }

        var declaration = project.TypesNamed(name).FirstOrDefault(d => d is EnumDeclarationSyntax || d is TypeDeclarationSyntax t && t.Arity == args.Count)
                          ?? project.TypesNamed(name).FirstOrDefault();
        if (declaration is null)
        {
            var location = at.GetLocation().GetLineSpan();
            diagnostics.Add(SourceDiagnostic.Warning(AspNetCodes.UnresolvedType,
                $"Type '{name}' is not declared in the project's source; its payload is left unconstrained.",
                new SourceLocation(location.Path, location.StartLinePosition.Line + 1, location.StartLinePosition.Character + 1),
                "Declare the DTO in the project, or describe this endpoint with an OpenAPI document."));
            return new SchemaModel { Description = $"unresolved type {name}" };
        }

        return FromDeclaration(declaration, args);
    }

    public SchemaModel FromDeclaration(BaseTypeDeclarationSyntax declaration, IReadOnlyList<SchemaModel> args)
    {
        if (declaration is TypeDeclarationSyntax { TypeParameterList.Parameters.Count: > 0 } generic)
        {
            var map = new Dictionary<string, SchemaModel>(StringComparer.Ordinal);
            var parameters = generic.TypeParameterList!.Parameters;
            for (var i = 0; i < parameters.Count; i++)
            {
                map[parameters[i].Identifier.ValueText] = i < args.Count ? args[i] : new SchemaModel();
            }

            return BuildObject(generic, map);
        }

        var key = declaration.SyntaxTree.FilePath + "#" + declaration.SpanStart.ToString(CultureInfo.InvariantCulture);
        if (_componentByDeclaration.TryGetValue(key, out var existing))
        {
            return SchemaModel.Ref(existing);
        }

        var component = declaration.Identifier.ValueText;
        for (var i = 2; Components.ContainsKey(component); i++)
        {
            component = declaration.Identifier.ValueText + i.ToString(CultureInfo.InvariantCulture);
        }

        _componentByDeclaration[key] = component;
        Components[component] = new SchemaModel();
        var schema = declaration switch
        {
            EnumDeclarationSyntax e => FromEnum(e),
            TypeDeclarationSyntax t => BuildObject(t, new Dictionary<string, SchemaModel>()),
            _ => new SchemaModel(),
        };
        Components[component] = schema with { Title = declaration.Identifier.ValueText };
        return SchemaModel.Ref(component);
    }

    public bool IsEnum(string name) => project.TypesNamed(name).Any(t => t is EnumDeclarationSyntax);

    private SchemaModel FromEnum(EnumDeclarationSyntax declaration)
    {
        var asStrings = project.EnumsAsStrings || HasAttribute(declaration.AttributeLists, "JsonConverter", a => a.ToString().Contains("JsonStringEnumConverter", StringComparison.Ordinal));
        var values = new List<JsonNode?>();
        long next = 0;
        foreach (var member in declaration.Members)
        {
            if (asStrings)
            {
                var explicitName = Attribute(member.AttributeLists, "JsonStringEnumMemberName") is { } renamed ? project.EvaluateString(FirstArgument(renamed)) : null;
                values.Add(JsonValue.Create(explicitName ?? project.EnumName(member.Identifier.ValueText)));
                continue;
            }

            if (member.EqualsValue?.Value is LiteralExpressionSyntax literal && long.TryParse(literal.Token.ValueText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var explicitValue))
            {
                next = explicitValue;
            }

            values.Add(JsonValue.Create(next));
            next++;
        }

        return new SchemaModel { Type = asStrings ? "string" : "integer", Enum = values, Description = Documentation(declaration) };
    }

    private SchemaModel BuildObject(TypeDeclarationSyntax declaration, IReadOnlyDictionary<string, SchemaModel> typeArgs)
    {
        var properties = new Dictionary<string, SchemaModel>(StringComparer.Ordinal);
        var required = new List<string>();

        // Base class members first (records and classes deriving from a DTO in the project).
        if (declaration.BaseList?.Types.FirstOrDefault()?.Type is { } baseType
            && TypeName(baseType) is { } baseName
            && project.TypesNamed(baseName).OfType<TypeDeclarationSyntax>().FirstOrDefault(t => t.Kind() is SyntaxKind.ClassDeclaration or SyntaxKind.RecordDeclaration) is { } baseDeclaration
            && baseDeclaration != declaration && _depth < MaxDepth)
        {
            _depth++;
            var inherited = BuildObject(baseDeclaration, typeArgs);
            _depth--;
            foreach (var (name, schema) in inherited.Properties)
            {
                properties[name] = schema;
            }

            required.AddRange(inherited.Required);
        }

        if (declaration.ParameterList is { } primary && declaration is RecordDeclarationSyntax)
        {
            foreach (var parameter in primary.Parameters)
            {
                AddMember(parameter.Identifier.ValueText, parameter.Type, parameter.AttributeLists, parameter.Default is not null, isRequiredKeyword: false, typeArgs, properties, required);
            }
        }

        foreach (var property in declaration.Members.OfType<PropertyDeclarationSyntax>())
        {
            if (!property.Modifiers.Any(SyntaxKind.PublicKeyword) || property.Modifiers.Any(SyntaxKind.StaticKeyword))
            {
                continue;
            }

            var hasDefault = property.Initializer is not null;
            AddMember(property.Identifier.ValueText, property.Type, property.AttributeLists, hasDefault, property.Modifiers.Any(SyntaxKind.RequiredKeyword), typeArgs, properties, required);
        }

        return new SchemaModel { Type = "object", Properties = properties, Required = required, Description = Documentation(declaration) };
    }

    private static string? TypeName(TypeSyntax type) => type switch
    {
        IdentifierNameSyntax i => i.Identifier.ValueText,
        GenericNameSyntax g => g.Identifier.ValueText,
        QualifiedNameSyntax q => TypeName(q.Right),
        _ => null,
    };

    private void AddMember(string clrName, TypeSyntax? type, SyntaxList<AttributeListSyntax> attributes, bool hasDefault, bool isRequiredKeyword,
        IReadOnlyDictionary<string, SchemaModel> typeArgs, Dictionary<string, SchemaModel> properties, List<string> required)
    {
        if (HasAttribute(attributes, "JsonIgnore"))
        {
            return;
        }

        var jsonName = Attribute(attributes, "JsonPropertyName") is { } renamed && project.EvaluateString(FirstArgument(renamed)) is { } explicitName
            ? explicitName
            : project.JsonName(clrName);
        var schema = ApplyAnnotations(FromType(type, typeArgs), attributes);
        if (attributes.SelectMany(l => l.Attributes).Any(a => ShortName(a) == "JsonConverter" && a.ToString().Contains("JsonStringEnumConverter", StringComparison.Ordinal)))
        {
            var resolved = Resolve(schema);
            if (resolved.Type == "integer" && type is not null && TypeName(type is NullableTypeSyntax n ? n.ElementType : type) is { } enumName
                && project.TypesNamed(enumName).OfType<EnumDeclarationSyntax>().FirstOrDefault() is { } enumDeclaration)
            {
                schema = new SchemaModel { Type = "string", Enum = enumDeclaration.Members.Select(m => (JsonNode?)JsonValue.Create(project.EnumName(m.Identifier.ValueText))).ToList() };
            }
        }

        properties[jsonName] = schema;
        var nullable = type is NullableTypeSyntax || type is GenericNameSyntax { Identifier.ValueText: "Nullable" };
        var isRequired = isRequiredKeyword || HasAttribute(attributes, "Required") || HasAttribute(attributes, "JsonRequired") || !nullable && !hasDefault;
        if (isRequired && !required.Contains(jsonName))
        {
            required.Add(jsonName);
        }
    }

    /// <summary>DataAnnotations on a member or parameter as schema constraints.</summary>
    public SchemaModel ApplyAnnotations(SchemaModel schema, SyntaxList<AttributeListSyntax> attributes)
    {
        foreach (var attribute in attributes.SelectMany(l => l.Attributes))
        {
            var args = attribute.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).Select(a => a.Expression).ToList() ?? [];
            var named = attribute.ArgumentList?.Arguments.Where(a => a.NameEquals is not null).ToDictionary(a => a.NameEquals!.Name.Identifier.ValueText, a => a.Expression)
                        ?? [];
            var isArray = Resolve(schema).Type == "array";
            switch (ShortName(attribute))
            {
                case "Range":
                {
                    // [Range(1, 10)] or [Range(typeof(decimal), "0.01", "999.99")]
                    var offset = args.Count == 3 && args[0] is TypeOfExpressionSyntax ? 1 : 0;
                    if (args.Count >= offset + 2)
                    {
                        var min = Number(args[offset]);
                        var max = Number(args[offset + 1]);
                        var exclusiveMin = named.TryGetValue("MinimumIsExclusive", out var emin) && emin.IsKind(SyntaxKind.TrueLiteralExpression);
                        var exclusiveMax = named.TryGetValue("MaximumIsExclusive", out var emax) && emax.IsKind(SyntaxKind.TrueLiteralExpression);
                        schema = schema with
                        {
                            Minimum = exclusiveMin ? schema.Minimum : min ?? schema.Minimum,
                            ExclusiveMinimum = exclusiveMin ? min : schema.ExclusiveMinimum,
                            Maximum = exclusiveMax ? schema.Maximum : max ?? schema.Maximum,
                            ExclusiveMaximum = exclusiveMax ? max : schema.ExclusiveMaximum,
                        };
                    }

                    break;
                }
                case "StringLength":
                    schema = schema with
                    {
                        MaxLength = args.Count > 0 ? Int(args[0]) ?? schema.MaxLength : schema.MaxLength,
                        MinLength = named.TryGetValue("MinimumLength", out var minimumLength) ? Int(minimumLength) ?? schema.MinLength : schema.MinLength,
                    };
                    break;
                case "MinLength" when args.Count > 0:
                    schema = isArray ? schema with { MinItems = Int(args[0]) } : schema with { MinLength = Int(args[0]) };
                    break;
                case "MaxLength" when args.Count > 0:
                    schema = isArray ? schema with { MaxItems = Int(args[0]) } : schema with { MaxLength = Int(args[0]) };
                    break;
                case "Length" when args.Count > 1:
                    schema = isArray ? schema with { MinItems = Int(args[0]), MaxItems = Int(args[1]) } : schema with { MinLength = Int(args[0]), MaxLength = Int(args[1]) };
                    break;
                case "RegularExpression" when args.Count > 0 && project.EvaluateString(args[0]) is { } pattern:
                    schema = schema with { Pattern = pattern };
                    break;
                case "EmailAddress":
                    schema = schema with { Format = "email" };
                    break;
                case "Url":
                    schema = schema with { Format = "uri" };
                    break;
                case "Base64String":
                    schema = schema with { Format = "byte" };
                    break;
                case "AllowedValues":
                    schema = schema with { Enum = args.Select(Literal).ToList() };
                    break;
                case "Description" when args.Count > 0:
                    schema = schema with { Description = project.EvaluateString(args[0]) };
                    break;
                case "DefaultValue" when args.Count > 0:
                    schema = schema with { Default = Literal(args[0]) };
                    break;
                case "Required" when Resolve(schema).Type == "string":
                    var allowEmpty = named.TryGetValue("AllowEmptyStrings", out var ae) && ae.IsKind(SyntaxKind.TrueLiteralExpression);
                    schema = allowEmpty ? schema : schema with { MinLength = Math.Max(schema.MinLength ?? 1, 1) };
                    break;
            }
        }

        return schema;
    }

    public static string ShortName(AttributeSyntax attribute)
    {
        var name = attribute.Name switch
        {
            QualifiedNameSyntax q => q.Right.Identifier.ValueText,
            GenericNameSyntax g => g.Identifier.ValueText,
            IdentifierNameSyntax i => i.Identifier.ValueText,
            _ => attribute.Name.ToString(),
        };
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
    }

    public static bool HasAttribute(SyntaxList<AttributeListSyntax> lists, string name, Func<AttributeSyntax, bool>? predicate = null) =>
        lists.SelectMany(l => l.Attributes).Any(a => ShortName(a) == name && (predicate is null || predicate(a)));

    public static AttributeSyntax? Attribute(SyntaxList<AttributeListSyntax> lists, string name) =>
        lists.SelectMany(l => l.Attributes).FirstOrDefault(a => ShortName(a) == name);

    public static ExpressionSyntax? FirstArgument(AttributeSyntax attribute) => attribute.ArgumentList?.Arguments.FirstOrDefault()?.Expression;

    private static decimal? Number(ExpressionSyntax expression)
    {
        var text = expression switch
        {
            LiteralExpressionSyntax literal => literal.Token.ValueText,
            PrefixUnaryExpressionSyntax { OperatorToken.ValueText: "-", Operand: LiteralExpressionSyntax literal } => "-" + literal.Token.ValueText,
            _ => null,
        };
        return text is not null && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    private static int? Int(ExpressionSyntax expression) => Number(expression) is { } d && d >= int.MinValue && d <= int.MaxValue ? (int)d : null;

    private static JsonNode? Literal(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax s when s.IsKind(SyntaxKind.StringLiteralExpression) => JsonValue.Create(s.Token.ValueText),
        LiteralExpressionSyntax t when t.IsKind(SyntaxKind.TrueLiteralExpression) => JsonValue.Create(true),
        LiteralExpressionSyntax f when f.IsKind(SyntaxKind.FalseLiteralExpression) => JsonValue.Create(false),
        _ when Number(expression) is { } d => d == Math.Floor(d) && Math.Abs(d) < long.MaxValue ? JsonValue.Create((long)d) : JsonValue.Create(d),
        _ => null,
    };

    /// <summary>The text of a <c>/// &lt;summary&gt;</c> comment.</summary>
    private static string? Documentation(SyntaxNode node)
    {
        var trivia = node.GetLeadingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia));
        if (trivia == default)
        {
            return null;
        }

        var text = string.Join(" ", trivia.ToFullString().Split('\n').Select(l => l.Trim().TrimStart('/').Trim()).Where(l => l.Length > 0 && !l.StartsWith("<", StringComparison.Ordinal) || l.StartsWith("<summary>", StringComparison.Ordinal) && l.Length > 9));
        text = text.Replace("<summary>", "", StringComparison.Ordinal).Replace("</summary>", "", StringComparison.Ordinal).Trim();
        return text.Length == 0 ? null : text;
    }
}
