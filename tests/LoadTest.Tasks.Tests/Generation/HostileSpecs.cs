using System.Text.Json.Nodes;

namespace LoadTest.Tasks.Tests.Generation;

/// <summary>
/// Random OpenAPI documents for the property test: random JSON Schemas (nested objects, optional/required mixes, arrays
/// of objects, empty objects, oneOf/anyOf/allOf, enums, patterns, nullable, recursion) and hostile text in every field
/// that reaches generated code (title, description, paths, operationIds, tags, parameter, property and scheme names,
/// examples, enum values, media types). Hostile text carries canaries: code that would set
/// <c>globalThis.__canary</c> or call <c>__canary()</c> if it ever escaped a string literal or a comment.
/// Same seed, same documents.
/// </summary>
internal sealed class HostileSpecs(int seed)
{
    /// <summary>Text written to break out of a JS or C# string literal or comment, end a line, or confuse a reader.</summary>
    public static readonly string[] Payloads =
    [
        "\"; globalThis.__canary = 1; \"",
        "'; globalThis.__canary = 2; '",
        "`; globalThis.__canary = 3; `",
        "${globalThis.__canary = 4}",
        "*/ globalThis.__canary = 5; /*",
        "\n globalThis.__canary = 6; //",
        "\r globalThis.__canary = 7; //",
        "\u2028globalThis.__canary = 8; //",
        "\u2029globalThis.__canary = 9; //",
        "\u0085globalThis.__canary = 10; //",
        "</script><script>globalThis.__canary = 11</script>",
        "\n#error injected\n",
        "\n#line 1 \"x.cs\"\n",
        "\\\"); globalThis.__canary = 12; //",
        "\\u0022; globalThis.__canary = 13; //",
        "{{ model.title }}{{ flow.name }}",
        "\"); __canary(); //",
        "\n__canary();\n",
        "\"+__canary+\"",
        "{__canary}",
        "@\"\"\"",
        "\nthrow new Error('injected');\n",
        "\u0000\u0001\u001b[31m\u007f",
        "\u202e\u2066evil\u2069",
        "😀𝔘𝟘🂡",
        "\\",
        "'\"`",
        "a b\tc",
        "ünïcødé",
    ];

    private static readonly string[] Words = ["pets", "orders", "items", "users", "carts", "tickets", "events", "stores", "books", "files"];

    private readonly Random _random = new(seed);
    private int _unique;

    /// <summary>How many schemas (every schema object, nested ones included) the documents so far contain.</summary>
    public int SchemaCount { get; private set; }

    /// <summary>How many hostile strings were placed.</summary>
    public int PayloadCount { get; private set; }

    /// <summary>A text: a plain word, a payload, or a word around a payload (unique when <paramref name="unique"/>).</summary>
    public string Text(bool unique = false)
    {
        var word = Words[_random.Next(Words.Length)];
        var text = _random.Next(4) switch
        {
            0 => word,
            1 => Payload(),
            _ => word + Payload() + word,
        };
        return unique ? text + "_" + _unique++ : text;
    }

    private string Payload()
    {
        PayloadCount++;
        return Payloads[_random.Next(Payloads.Length)];
    }

    /// <summary>An OpenAPI 3.0 or 3.1 document with <paramref name="schemas"/> component schemas and <paramref name="operations"/> operations.</summary>
    public JsonObject Document(int schemas, int operations)
    {
        var v31 = _random.Next(2) == 0;
        var names = Enumerable.Range(0, schemas).Select(i => $"S{i}").ToList();
        var components = new JsonObject();
        for (var i = 0; i < schemas; i++)
        {
            // A component that is only a $ref could close a loop of references (a real error, LT1012): re-draw those.
            JsonObject component;
            do
            {
                component = Schema(3, v31, names, self: names[i]);
            }
            while (component.ContainsKey("$ref"));

            components[names[i]] = component;
        }

        // A plain tag that other documents have too (their flows collide by name across sources), and hostile ones.
        var tags = Enumerable.Range(0, _random.Next(3)).Select(_ => Text(unique: true)).Prepend(Words[_random.Next(3)]).ToList();
        var paths = new JsonObject();
        for (var i = 0; i < operations; i++)
        {
            var (path, parameters) = Path(v31);
            var method = new[] { "get", "post", "put", "patch", "delete" }[_random.Next(5)];
            var operation = new JsonObject
            {
                ["operationId"] = Text(unique: true),
                ["summary"] = Text(),
                ["description"] = Text(),
                ["tags"] = new JsonArray(tags[_random.Next(tags.Count)]),
                ["parameters"] = parameters,
                ["responses"] = Responses(v31, names),
            };
            if (method is "post" or "put" or "patch")
            {
                var media = new JsonObject { ["schema"] = Schema(3, v31, names) };
                if (_random.Next(4) == 0)
                {
                    media["example"] = Example();
                }

                operation["requestBody"] = new JsonObject { ["required"] = _random.Next(4) != 0, ["content"] = new JsonObject { [MediaType()] = media } };
            }

            paths[path] = new JsonObject { [method] = operation };
        }

        var (schemeName, scheme, login) = Security();
        if (login is not null)
        {
            paths["/auth/login"] = login;
        }

        var document = new JsonObject
        {
            ["openapi"] = v31 ? "3.1.0" : "3.0.3",
            ["info"] = new JsonObject { ["title"] = Text(), ["description"] = Text(), ["version"] = "1.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = components },
        };
        if (scheme is not null)
        {
            document["components"]!["securitySchemes"] = new JsonObject { [schemeName] = scheme };
            document["security"] = new JsonArray(new JsonObject { [schemeName] = new JsonArray() });
        }

        return document;
    }

    private (string Path, JsonArray Parameters) Path(bool v31)
    {
        var segments = new List<string>();
        var parameters = new JsonArray();
        for (var i = 0; i < 1 + _random.Next(3); i++)
        {
            // Literal segments carry hostile text (no '/', '{', '}', which would change the template).
            segments.Add(Sanitize(Text(unique: true)));
            if (_random.Next(2) == 0)
            {
                var name = Sanitize(Text(unique: true));
                segments.Add("{" + name + "}");
                parameters.Add(Parameter(name, "path", required: true, v31));
            }
        }

        for (var i = 0; i < _random.Next(3); i++)
        {
            parameters.Add(Parameter(Text(unique: true), _random.Next(3) == 0 ? "header" : "query", required: _random.Next(2) == 0, v31));
        }

        return ("/" + string.Join("/", segments), parameters);
    }

    private static string Sanitize(string text) => text.Replace('/', '_').Replace('{', '(').Replace('}', ')').Replace('?', '_').Replace('#', '_');

    private JsonObject Parameter(string name, string location, bool required, bool v31)
    {
        var schema = _random.Next(3) switch
        {
            0 => new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => (JsonNode?)Text())]) },
            1 => new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 1 + _random.Next(1000) },
            _ => new JsonObject { ["type"] = "string", ["example"] = Text(), ["maxLength"] = 40 },
        };
        SchemaCount++;
        var parameter = new JsonObject { ["name"] = name, ["in"] = location, ["required"] = required, ["description"] = Text(), ["schema"] = schema };
        if (_random.Next(3) == 0)
        {
            parameter["example"] = Text();
        }

        return parameter;
    }

    private string MediaType() => _random.Next(6) switch
    {
        0 => "application/x-www-form-urlencoded",
        1 => "application/vnd.api+json; profile=\"" + Text().Replace("\"", "'") + "\"",
        _ => "application/json",
    };

    private JsonObject Responses(bool v31, List<string> names)
    {
        var status = new[] { "200", "201", "202", "204" }[_random.Next(4)];
        var response = new JsonObject { ["description"] = Text() };
        if (status != "204")
        {
            response["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Schema(2, v31, names) } };
        }

        return new JsonObject { [status] = response, ["404"] = new JsonObject { ["description"] = Text() } };
    }

    private (string Name, JsonObject? Scheme, JsonObject? Login) Security()
    {
        var name = "scheme" + _random.Next(100);
        switch (_random.Next(6))
        {
            case 0:
            case 1:
                return (name, new JsonObject { ["type"] = "apiKey", ["in"] = _random.Next(2) == 0 ? "header" : "query", ["name"] = Text(), ["description"] = Text() }, null);
            case 2:
                // Bearer with a login operation: the generated scripts log in; the token sits under a hostile member.
                var holder = Text(unique: true);
                var login = new JsonObject
                {
                    ["post"] = new JsonObject
                    {
                        ["operationId"] = "login",
                        ["security"] = new JsonArray(),
                        ["requestBody"] = new JsonObject
                        {
                            ["content"] = new JsonObject
                            {
                                ["application/json"] = new JsonObject
                                {
                                    ["schema"] = new JsonObject
                                    {
                                        ["type"] = "object",
                                        ["required"] = new JsonArray("username", "password"),
                                        ["properties"] = new JsonObject { ["username"] = new JsonObject { ["type"] = "string" }, ["password"] = new JsonObject { ["type"] = "string" } },
                                    },
                                },
                            },
                        },
                        ["responses"] = new JsonObject
                        {
                            ["200"] = new JsonObject
                            {
                                ["description"] = Text(),
                                ["content"] = new JsonObject
                                {
                                    ["application/json"] = new JsonObject
                                    {
                                        ["schema"] = new JsonObject
                                        {
                                            ["type"] = "object",
                                            ["properties"] = new JsonObject { [holder] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["token"] = new JsonObject { ["type"] = "string" } } } },
                                        },
                                    },
                                },
                            },
                        },
                    },
                };
                SchemaCount += 5;
                return (name, new JsonObject { ["type"] = "http", ["scheme"] = "bearer" }, login);
            case 3:
                return (name, new JsonObject { ["type"] = "http", ["scheme"] = "bearer" }, null);
            case 4:
                return (name, new JsonObject { ["type"] = "http", ["scheme"] = "basic" }, null);
            default:
                return (name, null, null);
        }
    }

    /// <summary>A random schema of at most <paramref name="depth"/> levels; <paramref name="self"/> allows recursion into itself.</summary>
    private JsonObject Schema(int depth, bool v31, List<string> names, string? self = null)
    {
        SchemaCount++;
        var choice = depth <= 0 ? _random.Next(6) : _random.Next(16);
        var schema = choice switch
        {
            0 => new JsonObject { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = 1 + _random.Next(40) },
            1 => new JsonObject { ["type"] = "integer", ["minimum"] = -_random.Next(100), ["maximum"] = _random.Next(1, 100000) },
            2 => new JsonObject { ["type"] = "number", ["minimum"] = 0, ["maximum"] = 1000, ["multipleOf"] = 0.01 },
            3 => new JsonObject { ["type"] = "boolean" },
            4 => new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. Enumerable.Range(0, 1 + _random.Next(4)).Select(_ => (JsonNode?)Text())]) },
            5 => new JsonObject { ["type"] = "string", ["pattern"] = Pattern() },
            6 or 7 or 8 => Object(depth, v31, names, self),
            9 => new JsonObject { ["type"] = "array", ["minItems"] = _random.Next(2), ["maxItems"] = 3, ["items"] = Object(depth - 1, v31, names, self) },
            10 => new JsonObject { ["type"] = "array", ["items"] = Schema(depth - 1, v31, names, self) },
            11 => new JsonObject { ["type"] = "object" },
            12 => new JsonObject { ["oneOf"] = Alternatives(depth, v31, names, self) },
            13 => new JsonObject { ["anyOf"] = Alternatives(depth, v31, names, self) },
            14 => new JsonObject { ["allOf"] = new JsonArray(Object(depth - 1, v31, names, self), Object(depth - 1, v31, names, self)) },
            _ => Reference(names, self),
        };

        if (_random.Next(5) == 0 && schema["type"] is JsonValue typeValue)
        {
            var type = typeValue.GetValue<string>();
            // Nullable: 3.0's keyword, or 3.1's type list.
            if (v31)
            {
                schema["type"] = new JsonArray(type, "null");
            }
            else
            {
                schema["nullable"] = true;
            }
        }

        if (_random.Next(4) == 0 && schema.ContainsKey("type"))
        {
            schema["description"] = Text();
            schema["example"] = Example();
        }

        return schema;
    }

    private JsonArray Alternatives(int depth, bool v31, List<string> names, string? self) =>
        new([.. Enumerable.Range(0, 2 + _random.Next(2)).Select(_ => (JsonNode?)Schema(depth - 1, v31, names, self))]);

    private JsonObject Reference(List<string> names, string? self) =>
        new() { ["$ref"] = "#/components/schemas/" + (self is not null && _random.Next(3) == 0 ? self : names[_random.Next(names.Count)]) };

    /// <summary>An object with 0-6 members with hostile names, a random required subset, maybe a recursive member.</summary>
    private JsonObject Object(int depth, bool v31, List<string> names, string? self)
    {
        SchemaCount++;
        var properties = new JsonObject();
        var required = new JsonArray();
        for (var i = 0; i < _random.Next(7); i++)
        {
            var name = Text(unique: true);
            properties[name] = depth > 0 ? Schema(depth - 1, v31, names, self) : new JsonObject { ["type"] = "string", ["example"] = Text() };
            if (_random.Next(2) == 0)
            {
                required.Add(name);
            }
        }

        if (self is not null && _random.Next(3) == 0)
        {
            // Recursion: the schema refers to itself (a tree of children).
            properties["children"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = "#/components/schemas/" + self } };
            SchemaCount += 2;
        }

        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        return schema;
    }

    private string Pattern() => _random.Next(5) switch
    {
        0 => "^[a-z]{3,8}$",
        1 => "^ord_[0-9a-f]{8}$",
        2 => "^\"[A-Z]'`\\$\\{x\\}$",
        3 => "^(cat|dog)-\\d{2,4}$",
        _ => "^[\\u00e9\\w]{2}\\*/\\n$",
    };

    private JsonNode? Example() => _random.Next(5) switch
    {
        0 => JsonValue.Create(Text()),
        1 => JsonValue.Create(_random.Next(1000)),
        2 => new JsonObject { [Text(unique: true)] = Text() },
        3 => new JsonArray(Text(), Text()),
        _ => JsonValue.Create(1e300),
    };
}
