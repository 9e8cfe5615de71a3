using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LoadTest.Runtime.Payloads;
using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Planning;

/// <summary>
/// Turns a schema into a <see cref="ValueRule"/> whose every value satisfies it, and that looks like real traffic:
/// enums and valid examples first, then formats and patterns, then what the member's name suggests, then the
/// plain constraints. Request direction: readOnly members are left out.
/// </summary>
internal sealed class PayloadPlanner(ApiModel model, ICollection<SourceDiagnostic> diagnostics, DataPoolPlan? dataPool = null)
{
    private const int MaxDepth = 6;
    private const double OptionalProbability = 0.5;
    private readonly HashSet<string> _reportedPatterns = new(StringComparer.Ordinal);

    public ValueRule Plan(SchemaModel schema, string? name, SourceLocation location) =>
        WithData(PlanValue(schema, name, location, 0, ImmutableStack.Empty), schema, name);

    private ValueRule WithData(ValueRule rule, SchemaModel schema, string? name) =>
        name is not null && dataPool is not null && dataPool.Fields.Contains(name, StringComparer.Ordinal)
            ? new DataRule(name, Resolve(schema, ImmutableStack.Empty).Type, rule)
            : rule;

    /// <summary>Follows a reference and merges allOf members into one schema.</summary>
    public SchemaModel Resolve(SchemaModel schema, ImmutableStack stack)
    {
        var current = schema;
        for (var hops = 0; current.RefName is { } refName && hops < 16; hops++)
        {
            if (!model.Schemas.TryGetValue(refName, out var target))
            {
                break;
            }

            current = target;
        }

        return current.AllOf.Count == 0 ? current : MergeAllOf(current, stack);
    }

    private SchemaModel MergeAllOf(SchemaModel schema, ImmutableStack stack)
    {
        var parts = schema.AllOf.Select(p => Resolve(p, stack)).Prepend(schema with { AllOf = [] }).ToList();
        var properties = new Dictionary<string, SchemaModel>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            foreach (var (key, value) in part.Properties)
            {
                properties.TryAdd(key, value);
            }
        }

        static decimal? Max(IEnumerable<decimal?> xs) => xs.Where(x => x.HasValue).Max();
        static decimal? Min(IEnumerable<decimal?> xs) => xs.Where(x => x.HasValue).Min();
        static int? MaxI(IEnumerable<int?> xs) => xs.Where(x => x.HasValue).Max();
        static int? MinI(IEnumerable<int?> xs) => xs.Where(x => x.HasValue).Min();

        return schema with
        {
            AllOf = [],
            Type = parts.Select(p => p.Type).FirstOrDefault(t => t is not null) ?? (properties.Count > 0 ? "object" : null),
            Format = parts.Select(p => p.Format).FirstOrDefault(f => f is not null),
            Properties = properties,
            Required = [.. parts.SelectMany(p => p.Required).Distinct(StringComparer.Ordinal)],
            Enum = parts.FirstOrDefault(p => p.Enum.Count > 0)?.Enum ?? [],
            Const = parts.Select(p => p.Const).FirstOrDefault(c => c is not null),
            Minimum = Max(parts.Select(p => p.Minimum)),
            Maximum = Min(parts.Select(p => p.Maximum)),
            ExclusiveMinimum = Max(parts.Select(p => p.ExclusiveMinimum)),
            ExclusiveMaximum = Min(parts.Select(p => p.ExclusiveMaximum)),
            MultipleOf = parts.Select(p => p.MultipleOf).FirstOrDefault(m => m is not null),
            MinLength = MaxI(parts.Select(p => p.MinLength)),
            MaxLength = MinI(parts.Select(p => p.MaxLength)),
            Pattern = parts.Select(p => p.Pattern).FirstOrDefault(p => p is not null),
            Items = parts.Select(p => p.Items).FirstOrDefault(i => i is not null),
            MinItems = MaxI(parts.Select(p => p.MinItems)),
            MaxItems = MinI(parts.Select(p => p.MaxItems)),
            Examples = parts.SelectMany(p => p.Examples).ToList(),
            OneOf = parts.FirstOrDefault(p => p.OneOf.Count > 0)?.OneOf ?? [],
            AnyOf = parts.FirstOrDefault(p => p.AnyOf.Count > 0)?.AnyOf ?? [],
        };
    }

    private ValueRule PlanValue(SchemaModel original, string? name, SourceLocation location, int depth, ImmutableStack stack)
    {
        if (original.RefName is { } refName)
        {
            if (stack.Contains(refName) && depth >= 2 || depth > MaxDepth)
            {
                // Recursion: stop here with the smallest valid value.
                var target = Resolve(original, stack);
                return Smallest(target);
            }

            stack = stack.Push(refName);
        }

        var schema = Resolve(original, stack);
        if (schema.Const is not null)
        {
            return new ConstRule(schema.Const.DeepClone());
        }

        if (schema.Enum.Count > 0)
        {
            var members = schema.Enum.Where(e => e is not null).Select(e => e!.DeepClone()).ToList();
            return members.Count switch
            {
                0 => new ConstRule(null),
                1 => new ConstRule(members[0]),
                _ => new PickRule(members),
            };
        }

        var type = InferType(schema);
        if (schema.OneOf.Count > 0 || schema.AnyOf.Count > 0)
        {
            return PlanOneOf(schema, name, location, depth, stack);
        }

        var examples = ValidExamples(schema, type);
        if (examples.Count > 0 && type is not ("object" or "array" or "string") && !(type == "integer" && NameHints.PrefersDistribution(name)))
        {
            return examples.Count == 1 ? new ConstRule(examples[0]) : new PickRule(examples);
        }

        return type switch
        {
            "string" => PlanString(schema, name, location, examples),
            "integer" => PlanInteger(schema, name, location),
            "number" => PlanNumber(schema, name, location),
            "boolean" => new BoolRule(),
            "null" => new ConstRule(null),
            "array" => PlanArray(schema, name, location, depth, stack),
            "object" => PlanObject(schema, location, depth, stack),
            _ => new TextRule(3, 12),
        };
    }

    private static string InferType(SchemaModel schema) =>
        schema.Type ?? (schema.Properties.Count > 0 || schema.AdditionalProperties is not null ? "object"
            : schema.Items is not null ? "array"
            : schema.Minimum is not null || schema.Maximum is not null ? "number"
            : "string");

    private ValueRule Smallest(SchemaModel schema) => InferType(schema) switch
    {
        "array" => new ConstRule(new JsonArray()),
        "object" when schema.Required.Count == 0 => new ConstRule(new JsonObject()),
        _ when schema.Nullable => new ConstRule(null),
        "object" => new ConstRule(new JsonObject()),
        "integer" => new ConstRule(JsonValue.Create((long)(schema.Minimum ?? 1))),
        "number" => new ConstRule(JsonValue.Create(schema.Minimum ?? 1)),
        "boolean" => new ConstRule(JsonValue.Create(false)),
        _ => new ConstRule(JsonValue.Create(new string('x', schema.MinLength ?? 1))),
    };

    private ValueRule PlanOneOf(SchemaModel schema, string? name, SourceLocation location, int depth, ImmutableStack stack)
    {
        var variants = schema.OneOf.Count > 0 ? schema.OneOf : schema.AnyOf;
        var rules = new List<ValueRule>();
        foreach (var variant in variants)
        {
            var rule = PlanValue(variant, name, location, depth + 1, stack);
            if (schema.DiscriminatorProperty is { } property && rule is ObjectRule obj)
            {
                // The discriminator must name this variant: the mapping key that points at it, else a value the
                // variant's own property allows (its const, the enum member naming it), else its schema name.
                var mapped = schema.DiscriminatorMapping.FirstOrDefault(m => m.Value.EndsWith("/" + variant.RefName, StringComparison.Ordinal) || m.Value == variant.RefName).Key;
                var value = mapped is not null ? JsonValue.Create(mapped) : ImplicitDiscriminator(variant, property, location, stack);
                if (value is not null)
                {
                    rule = new ObjectRule([.. obj.Members.Where(m => m.Name != property), new MemberRule(property, new ConstRule(value), 1)]);
                }
            }

            rules.Add(rule);
        }

        return rules.Count == 1 ? rules[0] : new OneOfRule(rules);
    }

    /// <summary>
    /// The discriminator value of a variant when the schema has no mapping: the schema name (OpenAPI's implicit
    /// mapping) only where the variant's property allows it; a const or the enum member that names the variant
    /// otherwise. Null (with LT1080) when nothing fits: the planned value of the property, valid but maybe another
    /// variant's, is kept.
    /// </summary>
    private JsonNode? ImplicitDiscriminator(SchemaModel variant, string property, SourceLocation location, ImmutableStack stack)
    {
        var resolved = Resolve(variant, stack);
        if (!resolved.Properties.TryGetValue(property, out var declared))
        {
            return variant.RefName is { } implicitName ? JsonValue.Create(implicitName) : null;
        }

        var allowed = Resolve(declared, stack);
        if (allowed.Const is { } constant)
        {
            return constant.DeepClone();
        }

        var name = NameHints.Normalize(variant.RefName);
        if (allowed.Enum.Count > 0)
        {
            var members = allowed.Enum.Where(e => e is not null).ToList();
            var exact = members.Where(e => Text(e) is { } text && NameHints.Normalize(text) == name && name.Length > 0).ToList();
            var naming = exact.Count > 0 ? exact : members.Where(e => Text(e) is { } text && Names(text, name)).ToList();
            if (naming.Count == 1 || members.Count == 1)
            {
                return (naming.Count == 1 ? naming[0] : members[0])!.DeepClone();
            }
        }
        else if (variant.RefName is { } schemaName && (allowed.Type is null or "string") && Fits(JsonValue.Create(schemaName), allowed, "string"))
        {
            return JsonValue.Create(schemaName);
        }

        diagnostics.Add(SourceDiagnostic.Warning(
            "LT1080",
            $"Discriminator '{property}' has no mapping, and no value of the variant {variant.RefName ?? "(inline schema)"}'s '{property}' names it; a value its schema allows is sent, which may select another variant.",
            location,
            "Add a discriminator mapping (value: '#/components/schemas/Variant'), or give the variant's property a const or a one-member enum."));
        return null;

        static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

        // 'cat' names Cat, CatDto and cat_variant; 'dog' does not name Hotdog.
        static bool Names(string value, string schemaName)
        {
            var normalized = NameHints.Normalize(value);
            return normalized.Length > 0 && schemaName.Length > 0
                && (normalized == schemaName || schemaName.StartsWith(normalized, StringComparison.Ordinal) || normalized.StartsWith(schemaName, StringComparison.Ordinal));
        }
    }

    private ValueRule PlanString(SchemaModel schema, string? name, SourceLocation location, List<JsonNode?> examples)
    {
        // Realistic candidates first (format, id, what the name suggests), each kept only if its values satisfy the
        // pattern and length limits; examples are mixed in half of the time (not for ids: one example id would be hot).
        var isId = NameHints.IsId(name, out var resource);
        ValueRule? realistic = null;
        foreach (var candidate in Candidates(schema, name, isId, resource, examples))
        {
            if (Satisfies(candidate, schema))
            {
                realistic = candidate;
                break;
            }
        }

        if (realistic is not null)
        {
            return examples.Count == 0 || isId || realistic is StringRule { Helper: "uuid" or "date" or "dateTime" or "password" }
                ? realistic
                : new OneOfRule([examples.Count == 1 ? new ConstRule(examples[0]) : new PickRule(examples), realistic]);
        }

        if (examples.Count > 0)
        {
            return examples.Count == 1 ? new ConstRule(examples[0]) : new PickRule(examples);
        }

        if (schema.Pattern is { } pattern)
        {
            if (PatternProgram.TryParse(pattern, out var program, out var error))
            {
                return new PatternRule(pattern, program!.ToJson());
            }

            if (_reportedPatterns.Add(pattern + "@" + location))
            {
                diagnostics.Add(SourceDiagnostic.Warning(
                    "LT2001",
                    $"Pattern '{pattern}' of '{name ?? "value"}' uses a construct the payload generator does not support ({error}); values fall back to plain text that may not match it.",
                    location,
                    "Add an example or enum to the schema, or simplify the pattern to character classes, quantifiers, groups and alternation."));
            }
        }

        var min = Math.Max(0, schema.MinLength ?? 0);
        var max = schema.MaxLength ?? Math.Max(min, 8) + 16;
        if (max < min)
        {
            Conflict(name, $"maxLength {max} is below minLength {min}", location);
            max = min;
        }

        return new TextRule(min, Math.Min(max, min + 40));
    }

    private static IEnumerable<ValueRule> Candidates(SchemaModel schema, string? name, bool isId, string resource, List<JsonNode?> examples)
    {
        if (FormatHelper(schema.Format) is { } format)
        {
            yield return Fit(new StringRule(format), schema);
        }

        if (isId)
        {
            // An example like prod_42 tells the id's shape: its prefix, then numbers.
            var example = examples.Select(e => e?.GetValue<string>()).FirstOrDefault(e => e is not null && e.Length > 0 && char.IsAsciiDigit(e[^1]));
            var prefix = example is null ? NameHints.IdPrefix(resource) : example.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
            yield return new IdRule(prefix, 1, 500) { MinLength = schema.MinLength, MaxLength = schema.MaxLength };
        }

        if (NameHints.StringHelper(name) is { } helper)
        {
            yield return Fit(new StringRule(helper), schema);
            if (helper == "country")
            {
                yield return Fit(new StringRule("countryCode"), schema);
            }
        }
    }

    /// <summary>Samples the rule with the runtime helpers and checks pattern and lengths: realistic, but only if valid.</summary>
    internal static bool Satisfies(ValueRule rule, SchemaModel schema)
    {
        if (schema.Pattern is null && schema.MinLength is null && schema.MaxLength is null)
        {
            return true;
        }

        Regex? regex = null;
        if (schema.Pattern is { } pattern)
        {
            try
            {
                regex = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(200));
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        var random = new Random(12345);
        for (var i = 0; i < 40; i++)
        {
            var value = rule switch
            {
                IdRule id => Payload.Fit(Payload.Id(random, id.Prefix, id.Min, id.Max), id.MinLength ?? 0, id.MaxLength ?? int.MaxValue),
                StringRule s => StringSample(s, random),
                _ => null,
            };
            if (value is null)
            {
                return false;
            }

            var length = value.EnumerateRunes().Count();
            if ((schema.MinLength is { } minLength && length < minLength) || (schema.MaxLength is { } maxLength && length > maxLength))
            {
                return false;
            }

            try
            {
                if (regex is not null && !regex.IsMatch(value))
                {
                    return false;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Calls the runtime helper a <see cref="StringRule"/> names, exactly as generated C# does.</summary>
    internal static string? StringSample(StringRule rule, Random random)
    {
        var method = typeof(Payload).GetMethod(char.ToUpperInvariant(rule.Helper[0]) + rule.Helper[1..], [typeof(Random)]);
        if (method?.Invoke(null, [random]) is not string value)
        {
            return null;
        }

        return rule.MinLength is null && rule.MaxLength is null ? value : Payload.Fit(value, rule.MinLength ?? 0, rule.MaxLength ?? int.MaxValue);
    }

    private static StringRule Fit(StringRule rule, SchemaModel schema) =>
        rule with { MinLength = schema.MinLength, MaxLength = schema.MaxLength };

    private static string? FormatHelper(string? format) => format?.ToLowerInvariant() switch
    {
        "email" or "idn-email" => "email",
        "uuid" or "guid" => "uuid",
        "date" => "date",
        "date-time" => "dateTime",
        "time" => "time",
        "uri" or "url" or "iri" or "uri-reference" or "iri-reference" => "uri",
        "ipv4" => "ipv4",
        "ipv6" => "ipv6",
        "hostname" or "idn-hostname" => "hostname",
        "phone" or "tel" or "phone-number" => "phone",
        "password" => "password",
        _ => null,
    };

    private ValueRule PlanInteger(SchemaModel schema, string? name, SourceLocation location)
    {
        var low = schema.Minimum is { } min ? (long)Math.Ceiling(min) : (long?)null;
        if (schema.ExclusiveMinimum is { } xmin)
        {
            low = Math.Max(low ?? long.MinValue, (long)Math.Floor(xmin) + 1);
        }

        var high = schema.Maximum is { } max ? (long)Math.Floor(max) : (long?)null;
        if (schema.ExclusiveMaximum is { } xmax)
        {
            high = Math.Min(high ?? long.MaxValue, (long)Math.Ceiling(xmax) - 1);
        }

        var hint = NameHints.IntegerRange(name);
        var (lo, hi, distribution) = Intersect(low, high, hint, (1, 1000, IntegerDistribution.Uniform));
        if (hi < lo)
        {
            Conflict(name, $"no integer lies between {low} and {high}", location);
            hi = lo;
        }

        var step = schema.MultipleOf is { } m && m >= 1 && m == Math.Floor(m) ? (long)m : 1;
        if (step > 1)
        {
            var kLow = (long)Math.Ceiling(lo / (double)step);
            var kHigh = (long)Math.Floor(hi / (double)step);
            if (kHigh < kLow)
            {
                Conflict(name, $"no multiple of {step} lies between {lo} and {hi}", location);
                kHigh = kLow;
            }

            return new IntegerRule(kLow, kHigh, distribution) { Step = step };
        }

        return new IntegerRule(lo, hi, distribution);
    }

    private static (long, long, IntegerDistribution) Intersect(long? low, long? high, (long Min, long Max, IntegerDistribution D)? hint, (long Min, long Max, IntegerDistribution D) fallback)
    {
        var preferred = hint ?? fallback;
        var lo = Math.Max(low ?? long.MinValue, preferred.Min);
        var hi = Math.Min(high ?? long.MaxValue, preferred.Max);
        if (lo <= hi)
        {
            return (lo, hi, preferred.D);
        }

        // The realistic range misses the schema's: use the schema's, near its lower end.
        lo = low ?? (high!.Value - (preferred.Max - preferred.Min));
        hi = high ?? (low!.Value + (preferred.Max - preferred.Min));
        hi = Math.Min(hi, lo + Math.Max(10, preferred.Max - preferred.Min));
        return (lo, hi, preferred.D);
    }

    private ValueRule PlanNumber(SchemaModel schema, string? name, SourceLocation location)
    {
        var step = schema.MultipleOf is { } m && m > 0 ? m : 0.01m;
        var decimals = Math.Min(6, (int)step.Scale);
        var hint = NameHints.NumberRange(name) ?? (0m, 1000m);

        decimal? schemaLo = schema.Minimum is { } mn ? Math.Max(mn, schema.ExclusiveMinimum ?? mn) : schema.ExclusiveMinimum;
        decimal? schemaHi = schema.Maximum is { } mx ? Math.Min(mx, schema.ExclusiveMaximum ?? mx) : schema.ExclusiveMaximum;
        var lo = schemaLo is { } a ? Math.Max(a, hint.Min) : hint.Min;
        var hi = schemaHi is { } b ? Math.Min(b, hint.Max) : hint.Max;
        if (lo > hi)
        {
            // The realistic range misses the schema's: use the schema's own bounds.
            var width = hint.Max - hint.Min;
            lo = schemaLo ?? (schemaHi!.Value - width);
            hi = schemaHi ?? (schemaLo!.Value + width);
        }

        var kLow = (long)Math.Ceiling(lo / step);
        if ((schema.ExclusiveMinimum is { } xmin && kLow * step <= xmin) || (schema.Minimum is { } min && kLow * step < min))
        {
            kLow++;
        }

        var kHigh = (long)Math.Floor(hi / step);
        if ((schema.ExclusiveMaximum is { } xmax && kHigh * step >= xmax) || (schema.Maximum is { } max && kHigh * step > max))
        {
            kHigh--;
        }

        if (kHigh < kLow)
        {
            Conflict(name, $"no number that is a multiple of {step.ToString(CultureInfo.InvariantCulture)} lies between {lo.ToString(CultureInfo.InvariantCulture)} and {hi.ToString(CultureInfo.InvariantCulture)}", location);
            kHigh = kLow;
        }

        return new DecimalRule(kLow, kHigh, (double)step, decimals);
    }

    private ValueRule PlanArray(SchemaModel schema, string? name, SourceLocation location, int depth, ImmutableStack stack)
    {
        var item = schema.Items is null ? new TextRule(3, 12) : PlanValue(schema.Items, Singular(name), location, depth + 1, stack);
        var min = Math.Max(0, schema.MinItems ?? 1);
        var max = Math.Max(min, Math.Min(schema.MaxItems ?? min + 2, min + 3));
        if (depth >= 3)
        {
            max = min;
        }

        if (schema.MaxItems is { } declaredMax && declaredMax < min)
        {
            Conflict(name, $"maxItems {declaredMax} is below minItems {min}", location);
        }

        var unique = schema.UniqueItems;
        if (unique && item is ConstRule)
        {
            max = Math.Min(max, 1);
        }

        return new ArrayRule(item, min, max, unique);
    }

    private static string? Singular(string? name) =>
        name is null ? null : name.EndsWith("ies", StringComparison.Ordinal) ? name[..^3] + "y" : name.EndsWith('s') ? name[..^1] : name;

    private ValueRule PlanObject(SchemaModel schema, SourceLocation location, int depth, ImmutableStack stack)
    {
        var members = new List<MemberRule>();
        foreach (var (key, property) in schema.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var resolved = Resolve(property, stack);
            if (resolved.ReadOnly || property.ReadOnly)
            {
                continue;
            }

            var required = schema.Required.Contains(key, StringComparer.Ordinal);
            if (!required && depth >= 3)
            {
                continue;
            }

            var rule = WithData(PlanValue(property, key, location, depth + 1, stack), property, key);
            // An optional reference to another resource (cartId) is only sent when a flow captured a real one:
            // a made-up id would turn a valid request into a 404.
            var probability = required ? 1 : NameHints.IsId(key, out _) && rule is not DataRule ? 0 : OptionalProbability;
            members.Add(new MemberRule(key, rule, probability));
        }

        // Keep the schema's declared member order where it has one: required first reads better in a script.
        var ordered = schema.Properties.Keys.ToList();
        members.Sort((a, b) => ordered.IndexOf(a.Name).CompareTo(ordered.IndexOf(b.Name)));
        return new ObjectRule(members);
    }

    private void Conflict(string? name, string what, SourceLocation location) =>
        diagnostics.Add(SourceDiagnostic.Warning(
            "LT2011",
            $"The schema of '{name ?? "value"}' cannot be satisfied: {what}. The generated value uses the nearest bound.",
            location,
            "Fix the constraints in the schema."));

    /// <summary>Examples and the default, kept only when they satisfy the schema (documented examples are often wrong).</summary>
    private static List<JsonNode?> ValidExamples(SchemaModel schema, string type)
    {
        var candidates = schema.Examples.Append(schema.Default).Where(e => e is not null).ToList();
        var result = new List<JsonNode?>();
        foreach (var candidate in candidates)
        {
            if (Fits(candidate!, schema, type) && !result.Any(r => JsonNode.DeepEquals(r, candidate)))
            {
                result.Add(candidate!.DeepClone());
            }
        }

        return result;
    }

    internal static bool Fits(JsonNode value, SchemaModel schema, string type)
    {
        if (value is not JsonValue scalar)
        {
            return false;
        }

        switch (type)
        {
            case "string":
                if (scalar.GetValueKind() != JsonValueKind.String)
                {
                    return false;
                }

                var s = scalar.GetValue<string>();
                var length = new StringInfoLength(s).Value;
                if ((schema.MinLength is { } minL && length < minL) || (schema.MaxLength is { } maxL && length > maxL))
                {
                    return false;
                }

                if (schema.Pattern is { } pattern)
                {
                    try
                    {
                        if (!Regex.IsMatch(s, pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100)))
                        {
                            return false;
                        }
                    }
                    catch (Exception e) when (e is ArgumentException or RegexMatchTimeoutException)
                    {
                        return false;
                    }
                }

                return schema.Format?.ToLowerInvariant() switch
                {
                    "email" => s.Contains('@', StringComparison.Ordinal) && !s.Contains(' ', StringComparison.Ordinal),
                    "uuid" => Guid.TryParse(s, out _),
                    "date" => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                    "date-time" => DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) && s.Contains('T', StringComparison.OrdinalIgnoreCase),
                    "uri" or "url" => Uri.TryCreate(s, UriKind.Absolute, out _),
                    "ipv4" => System.Net.IPAddress.TryParse(s, out var ip4) && ip4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork,
                    "ipv6" => System.Net.IPAddress.TryParse(s, out var ip6) && ip6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6,
                    _ => true,
                };
            case "integer" or "number":
                if (scalar.GetValueKind() != JsonValueKind.Number || !decimal.TryParse(scalar.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                {
                    return false;
                }

                return (type != "integer" || d == Math.Floor(d))
                    && (schema.Minimum is not { } min || d >= min)
                    && (schema.Maximum is not { } max || d <= max)
                    && (schema.ExclusiveMinimum is not { } xmin || d > xmin)
                    && (schema.ExclusiveMaximum is not { } xmax || d < xmax)
                    && (schema.MultipleOf is not { } m || m <= 0 || d % m == 0);
            case "boolean":
                return scalar.GetValueKind() is JsonValueKind.True or JsonValueKind.False;
            default:
                return false;
        }
    }

    private readonly record struct StringInfoLength(string Text)
    {
        // JSON Schema counts code points, not UTF-16 units.
        public int Value => Text.EnumerateRunes().Count();
    }
}

/// <summary>A persistent stack of schema names being expanded (to stop recursion).</summary>
internal sealed class ImmutableStack
{
    private readonly string? _head;
    private readonly ImmutableStack? _tail;

    private ImmutableStack(string? head, ImmutableStack? tail) => (_head, _tail) = (head, tail);

    public static ImmutableStack Empty { get; } = new(null, null);

    public ImmutableStack Push(string name) => new(name, this);

    public bool Contains(string name)
    {
        for (var s = this; s is not null; s = s._tail)
        {
            if (s._head == name)
            {
                return true;
            }
        }

        return false;
    }
}
