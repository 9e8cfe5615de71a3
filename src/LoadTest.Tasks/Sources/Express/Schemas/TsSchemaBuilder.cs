using System.Text.Json.Nodes;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Sources.Express.Semantics;
using LoadTest.Tasks.Sources.Express.Syntax;

namespace LoadTest.Tasks.Sources.Express.Schemas;

/// <summary>
/// Turns TypeScript types (interfaces, aliases, enums, classes, utility types) into payload-grade schemas: literal
/// unions become enums, JSDoc tags and class-validator decorators become constraints, optional members are not required.
/// </summary>
internal sealed class TsSchemaBuilder
{
    private const int MaxDepth = 40;

    private static readonly HashSet<string> OpaqueExpressTypes =
        ["Request", "Response", "NextFunction", "express.Request", "express.Response", "RequestHandler", "Express", "Router"];

    private readonly ExpressProject _project;
    private readonly ExpressInterpreter _interpreter;
    private readonly SchemaRegistry _registry;
    private int _depth;

    public TsSchemaBuilder(ExpressProject project, ExpressInterpreter interpreter, SchemaRegistry registry)
    {
        _project = project;
        _interpreter = interpreter;
        _registry = registry;
        Validators = new ValidatorSchemaReader(this, interpreter, project.Diagnostics);
    }

    public ValidatorSchemaReader Validators { get; }
    public SchemaRegistry Registry => _registry;

    private DiagnosticBag Diagnostics => _project.Diagnostics;

    public SchemaModel FromType(TsType? type, ModuleInfo module, IReadOnlyDictionary<string, SchemaModel>? typeArgs = null)
    {
        if (type is null)
        {
            return new SchemaModel();
        }

        if (_depth > MaxDepth)
        {
            return new SchemaModel();
        }

        _depth++;
        try
        {
            return FromTypeCore(type, module, typeArgs ?? new Dictionary<string, SchemaModel>());
        }
        finally
        {
            _depth--;
        }
    }

    private SchemaModel FromTypeCore(TsType type, ModuleInfo module, IReadOnlyDictionary<string, SchemaModel> typeArgs)
    {
        switch (type)
        {
            case TypeRef r:
                return FromTypeRef(r, module, typeArgs);
            case TypeLiteral literal:
                return FromMembers(literal.Members, module, typeArgs);
            case UnionType union:
                return FromUnion(union, module, typeArgs);
            case IntersectionType intersection:
                return Merge(intersection.Types.Select(t => FromType(t, module, typeArgs)).ToList());
            case ArrayType array:
                return new SchemaModel { Type = "array", Items = FromType(array.Element, module, typeArgs) };
            case TupleType tuple:
            {
                var items = tuple.Elements.Select(e => FromType(e, module, typeArgs)).ToList();
                return new SchemaModel { Type = "array", PrefixItems = items, MinItems = items.Count, MaxItems = items.Count };
            }
            case LiteralType literal:
                return FromLiteral(literal);
            case TypeofType typeOf:
                return FromTypeof(typeOf, module);
            default:
                return new SchemaModel();
        }
    }

    private static SchemaModel FromLiteral(LiteralType literal) => literal.Kind switch
    {
        "string" => new SchemaModel { Type = "string", Enum = [JsonValue.Create(literal.Value)] },
        "number" => new SchemaModel { Type = TsLiterals.Number(literal.Value) is JsonValue v && v.TryGetValue<long>(out _) ? "integer" : "number", Enum = [TsLiterals.Number(literal.Value)] },
        "boolean" => new SchemaModel { Type = "boolean", Enum = [JsonValue.Create(literal.Value == "true")] },
        _ => new SchemaModel { Type = "null" },
    };

    private SchemaModel FromTypeof(TypeofType typeOf, ModuleInfo module)
    {
        var value = _interpreter.Evaluate(typeOf.Target, module.Scope);
        return value switch
        {
            ValidatorSchemaValue schema => Validators.Read(schema),
            TypeDeclValue decl => FromDeclaration(decl.Declaration, decl.Module, []),
            _ => new SchemaModel(),
        };
    }

    private SchemaModel FromTypeRef(TypeRef r, ModuleInfo module, IReadOnlyDictionary<string, SchemaModel> typeArgs)
    {
        if (typeArgs.TryGetValue(r.Name, out var bound))
        {
            return bound;
        }

        SchemaModel Arg(int i) => i < r.Arguments.Count ? FromType(r.Arguments[i], module, typeArgs) : new SchemaModel();

        switch (r.Name)
        {
            case "string" or "String":
                return SchemaModel.Of("string");
            case "number" or "Number":
                return SchemaModel.Of("number");
            case "boolean" or "Boolean":
                return SchemaModel.Of("boolean");
            case "bigint":
                return SchemaModel.Of("integer", "int64");
            case "any" or "unknown" or "never" or "void" or "undefined":
                return new SchemaModel();
            case "object" or "Object":
                return SchemaModel.Of("object");
            case "Date":
                return SchemaModel.Of("string", "date-time");
            case "Buffer" or "Blob" or "File":
                return SchemaModel.Of("string", "binary");
            case "Array" or "ReadonlyArray":
                return new SchemaModel { Type = "array", Items = Arg(0) };
            case "Set" or "ReadonlySet":
                return new SchemaModel { Type = "array", Items = Arg(0), UniqueItems = true };
            case "Map" or "ReadonlyMap":
                return new SchemaModel { Type = "object", AdditionalProperties = Arg(1) };
            case "Record":
                return FromRecord(r, module, typeArgs);
            case "Promise" or "Awaited" or "Readonly" or "NonNullable" or "DeepReadonly":
                return Arg(0) with { Nullable = false };
            case "Partial":
                return Resolve(Arg(0)) with { Required = [], Title = null };
            case "Required":
            {
                var target = Resolve(Arg(0));
                return target with { Required = target.Properties.Keys.ToList(), Title = null };
            }
            case "Pick" or "Omit":
            {
                var target = Resolve(Arg(0));
                var keys = LiteralKeys(r.Arguments.Count > 1 ? r.Arguments[1] : null);
                bool Keep(string k) => r.Name == "Pick" ? keys.Contains(k) : !keys.Contains(k);
                return target with
                {
                    Title = null,
                    Properties = target.Properties.Where(p => Keep(p.Key)).ToDictionary(p => p.Key, p => p.Value),
                    Required = target.Required.Where(Keep).ToList(),
                };
            }
            case "z.infer" or "z.input" or "z.output" or "Infer" or "yup.InferType" or "InferType" or "z.TypeOf":
                return r.Arguments.Count > 0 ? FromType(r.Arguments[0], module, typeArgs) : new SchemaModel();
        }

        if (OpaqueExpressTypes.Contains(r.Name))
        {
            return new SchemaModel();
        }

        var resolved = _project.ResolveType(module, r.Name);
        if (resolved is not { } found)
        {
            Diagnostics.Warn(ExpressCodes.UnresolvedType,
                $"Type '{r.Name}' used in {module.RelativePath} cannot be found; its payload is left unconstrained.",
                module.File, r.Line, "Declare or import the type from a file inside the source folder.");
            return new SchemaModel { Description = $"unresolved type {r.Name}" };
        }

        var args = r.Arguments.Select(a => FromType(a, module, typeArgs)).ToList();
        return FromDeclaration(found.Declaration, found.Module, args);
    }

    private SchemaModel FromRecord(TypeRef r, ModuleInfo module, IReadOnlyDictionary<string, SchemaModel> typeArgs)
    {
        var value = r.Arguments.Count > 1 ? FromType(r.Arguments[1], module, typeArgs) : new SchemaModel();
        var keys = LiteralKeys(r.Arguments.Count > 0 ? r.Arguments[0] : null);
        if (keys.Count > 0)
        {
            return new SchemaModel
            {
                Type = "object",
                Properties = keys.ToDictionary(k => k, _ => value),
                Required = keys.ToList(),
            };
        }

        return new SchemaModel { Type = "object", AdditionalProperties = value };
    }

    private static HashSet<string> LiteralKeys(TsType? type) => type switch
    {
        LiteralType { Kind: "string" } l => [l.Value],
        UnionType u => u.Types.OfType<LiteralType>().Where(l => l.Kind == "string").Select(l => l.Value).ToHashSet(),
        _ => [],
    };

    public SchemaModel Resolve(SchemaModel schema) => _registry.Resolve(schema);

    /// <summary>A declaration as a schema: named declarations become components (referenced by name); generic ones are inlined.</summary>
    public SchemaModel FromDeclaration(TsTypeDecl declaration, ModuleInfo module, IReadOnlyList<SchemaModel> args)
    {
        var typeParameters = declaration switch
        {
            TsInterface i => i.TypeParameters,
            TsTypeAlias a => a.TypeParameters,
            _ => [],
        };

        if (typeParameters.Count > 0)
        {
            var bindings = new Dictionary<string, SchemaModel>(StringComparer.Ordinal);
            for (var i = 0; i < typeParameters.Count; i++)
            {
                bindings[typeParameters[i]] = i < args.Count ? args[i] : new SchemaModel();
            }

            return BuildDeclaration(declaration, module, bindings);
        }

        if (declaration is TsTypeAlias { Type: not (TypeLiteral or UnionType or IntersectionType) } simpleAlias)
        {
            return JsDocTags.Parse(simpleAlias.JsDoc).ApplyTo(FromType(simpleAlias.Type, module));
        }

        if (_registry.Find(module.File, declaration.Name) is { } existing)
        {
            return SchemaModel.Ref(existing);
        }

        var component = _registry.Reserve(module.File, declaration.Name);
        _registry.Set(component, BuildDeclaration(declaration, module, new Dictionary<string, SchemaModel>()) with { Title = declaration.Name });
        return SchemaModel.Ref(component);
    }

    private SchemaModel BuildDeclaration(TsTypeDecl declaration, ModuleInfo module, IReadOnlyDictionary<string, SchemaModel> typeArgs)
    {
        var docs = JsDocTags.Parse(declaration.JsDoc);
        var schema = declaration switch
        {
            TsInterface i => Merge([.. i.Extends.Select(e => FromType(e, module, typeArgs)), FromMembers(i.Members, module, typeArgs)]),
            TsClass c => Merge([.. (c.Extends is null ? [] : new[] { FromType(c.Extends, module, typeArgs) }), FromMembers(c.Members, module, typeArgs)]),
            TsTypeAlias a => FromType(a.Type, module, typeArgs),
            TsEnum e => FromEnum(e, module),
            _ => new SchemaModel(),
        };

        return docs.ApplyTo(schema);
    }

    public SchemaModel FromEnum(TsEnum declaration, ModuleInfo module)
    {
        var values = new List<JsonNode?>();
        long next = 0;
        var allStrings = true;
        foreach (var (_, init) in declaration.Members)
        {
            if (init is null)
            {
                values.Add(JsonValue.Create(next++));
                allStrings = false;
            }
            else if (TsLiterals.TryJson(init, out var json))
            {
                values.Add(json);
                if (json is JsonValue v && v.TryGetValue<long>(out var number))
                {
                    next = number + 1;
                    allStrings = false;
                }
            }
            else if (_interpreter.Evaluate(init, module.Scope) is StringValue s)
            {
                values.Add(JsonValue.Create(s.Value));
            }
        }

        return new SchemaModel { Type = allStrings ? "string" : "integer", Enum = values };
    }

    private SchemaModel FromUnion(UnionType union, ModuleInfo module, IReadOnlyDictionary<string, SchemaModel> typeArgs)
    {
        var nullable = false;
        var members = new List<TsType>();
        foreach (var member in union.Types)
        {
            if (member is LiteralType { Kind: "null" })
            {
                nullable = true;
            }
            else if (member is not TypeRef { Name: "undefined" or "void" })
            {
                members.Add(member);
            }
        }

        if (members.Count > 0 && members.All(m => m is LiteralType { Kind: "string" }))
        {
            return new SchemaModel { Type = "string", Enum = members.Cast<LiteralType>().Select(l => (JsonNode?)JsonValue.Create(l.Value)).ToList(), Nullable = nullable };
        }

        if (members.Count > 0 && members.All(m => m is LiteralType { Kind: "number" }))
        {
            var values = members.Cast<LiteralType>().Select(l => TsLiterals.Number(l.Value)).ToList();
            var integers = values.All(v => v is JsonValue jv && jv.TryGetValue<long>(out _));
            return new SchemaModel { Type = integers ? "integer" : "number", Enum = values, Nullable = nullable };
        }

        if (members.Count > 0 && members.All(m => m is LiteralType { Kind: "boolean" }))
        {
            return new SchemaModel { Type = "boolean", Nullable = nullable };
        }

        var schemas = members.Select(m => FromType(m, module, typeArgs)).ToList();
        if (schemas.Count == 1)
        {
            return schemas[0] with { Nullable = nullable || schemas[0].Nullable };
        }

        return new SchemaModel { AnyOf = schemas, Nullable = nullable };
    }

    /// <summary>Intersections and <c>extends</c>: object members merged into one object; otherwise allOf.</summary>
    public SchemaModel Merge(IReadOnlyList<SchemaModel> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var resolved = parts.Select(Resolve).ToList();
        if (resolved.All(p => p.Type is "object" or null && (p.Properties.Count > 0 || p.AdditionalProperties is not null || p.Type == "object")))
        {
            var properties = new Dictionary<string, SchemaModel>(StringComparer.Ordinal);
            var required = new List<string>();
            SchemaModel? additional = null;
            foreach (var part in resolved)
            {
                foreach (var (name, schema) in part.Properties)
                {
                    properties[name] = schema;
                }

                required.AddRange(part.Required.Where(r => !required.Contains(r)));
                additional ??= part.AdditionalProperties;
            }

            return new SchemaModel { Type = "object", Properties = properties, Required = required, AdditionalProperties = additional };
        }

        return new SchemaModel { AllOf = parts.ToList() };
    }

    private SchemaModel FromMembers(IReadOnlyList<TsMember> members, ModuleInfo module, IReadOnlyDictionary<string, SchemaModel> typeArgs)
    {
        var properties = new Dictionary<string, SchemaModel>(StringComparer.Ordinal);
        var required = new List<string>();
        SchemaModel? additional = null;
        foreach (var member in members)
        {
            var schema = FromType(member.Type, module, typeArgs);
            if (member.IsIndexSignature)
            {
                additional = schema;
                continue;
            }

            var optional = member.Optional || member.Type is UnionType u && u.Types.Any(t => t is TypeRef { Name: "undefined" });
            var docs = JsDocTags.Parse(member.JsDoc);
            schema = docs.ApplyTo(schema);
            if (member.Decorators.Count > 0)
            {
                (schema, var decoratedOptional) = ClassValidatorDecorators.Apply(schema, member.Decorators, module, this);
                optional |= decoratedOptional;
            }

            if (member.Initializer is not null && TsLiterals.TryJson(member.Initializer, out var initial) && schema.Default is null)
            {
                schema = schema with { Default = initial };
            }

            properties[member.Name] = schema;
            if (!optional)
            {
                required.Add(member.Name);
            }
        }

        return new SchemaModel { Type = "object", Properties = properties, Required = required, AdditionalProperties = additional };
    }

    /// <summary>Resolves an enum by name from <paramref name="module"/> (for <c>@IsEnum(Size)</c>, <c>z.nativeEnum(Size)</c>).</summary>
    public SchemaModel? EnumByValue(ExValue value) => value is TypeDeclValue { Declaration: TsEnum e } v ? FromEnum(e, v.Module) : null;

    public ExpressInterpreter Interpreter => _interpreter;
}
