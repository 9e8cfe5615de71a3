using System.Text.Json.Nodes;
using LoadTest.Tasks.Generation;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Sources.OpenApi;

namespace LoadTest.Tasks.Tests.Generation;

/// <summary>API models the generator tests use: a hand-built shop, the sample shop's openapi.yaml and the shared specs.</summary>
internal static class GenerationFixtures
{
    public static readonly GenerationOptions ShopOptions = new("ShopApi", "Shop.Tests")
    {
        Flows = [new FlowDeclaration("checkout", ["POST /api/cart/add", "POST /api/orders/create", "GET /api/orders/:id"])],
    };

    /// <summary>The product story's shop, by hand: login, products, cart add, orders create and get, bearer JWT.</summary>
    public static ApiModel Shop()
    {
        var location = new SourceLocation("shop.yaml", 1, 1);
        var bearer = new List<SecurityRequirement> { new("bearerAuth", []) };
        SchemaModel Str(int? min = null, int? max = null, string? pattern = null) => new() { Type = "string", MinLength = min, MaxLength = max, Pattern = pattern };
        var schemas = new Dictionary<string, SchemaModel>
        {
            ["Variant"] = new() { Type = "string", Enum = [JsonValue.Create("S"), JsonValue.Create("M"), JsonValue.Create("L"), JsonValue.Create("XL")] },
            ["CartAddRequest"] = new()
            {
                Type = "object",
                Required = ["productId", "quantity", "variant"],
                Properties = new Dictionary<string, SchemaModel>
                {
                    ["productId"] = Str(pattern: "^prod_([1-9]|[1-9][0-9]|[1-4][0-9][0-9]|500)$") with { Examples = [JsonValue.Create("prod_42")] },
                    ["quantity"] = new() { Type = "integer", Minimum = 1, Maximum = 10, Examples = [JsonValue.Create(2)] },
                    ["variant"] = SchemaModel.Ref("Variant"),
                    ["cartId"] = Str(pattern: "^cart_[0-9a-f]{32}$"),
                },
            },
            ["Cart"] = new()
            {
                Type = "object",
                Required = ["cartId", "itemCount"],
                Properties = new Dictionary<string, SchemaModel> { ["cartId"] = Str(pattern: "^cart_[0-9a-f]{32}$"), ["itemCount"] = SchemaModel.Of("integer") },
            },
            ["Address"] = new()
            {
                Type = "object",
                Required = ["street", "city", "postalCode", "country"],
                Properties = new Dictionary<string, SchemaModel>
                {
                    ["street"] = Str(1, 200),
                    ["city"] = Str(1, 100),
                    ["postalCode"] = Str(2, 10, "^[A-Za-z0-9 -]{2,10}$"),
                    ["country"] = Str(2, 2, "^[A-Z]{2}$"),
                },
            },
            ["OrderCreateRequest"] = new()
            {
                Type = "object",
                Required = ["paymentMethod", "shippingAddress"],
                Properties = new Dictionary<string, SchemaModel>
                {
                    ["cartId"] = Str(pattern: "^cart_[0-9a-f]{32}$"),
                    ["paymentMethod"] = new() { Type = "string", Enum = [JsonValue.Create("card"), JsonValue.Create("paypal"), JsonValue.Create("invoice")] },
                    ["shippingAddress"] = SchemaModel.Ref("Address"),
                    ["email"] = new() { Type = "string", Format = "email" },
                    ["total"] = new() { Type = "number", ExclusiveMinimum = 0, Maximum = 10000, MultipleOf = 0.01m },
                },
            },
            ["Order"] = new()
            {
                Type = "object",
                Required = ["id", "status"],
                Properties = new Dictionary<string, SchemaModel>
                {
                    ["id"] = Str(pattern: "^ord_[0-9a-f]{32}$") with { ReadOnly = true },
                    ["status"] = new() { Type = "string", Enum = [JsonValue.Create("created")] },
                },
            },
        };

        ApiResponse Json(string status, SchemaModel schema) => new(status) { Content = [new MediaContent("application/json", schema)] };
        ApiRequestBody Body(string schema) => new([new MediaContent("application/json", SchemaModel.Ref(schema))]) { Required = true };

        var operations = new List<ApiOperation>
        {
            new("POST", "/api/auth/login", location)
            {
                OperationId = "auth_login",
                Tags = ["auth"],
                Security = [],
                RequestBody = new([new MediaContent("application/json", new SchemaModel
                {
                    Type = "object",
                    Required = ["username", "password"],
                    Properties = new Dictionary<string, SchemaModel> { ["username"] = Str(1, 100), ["password"] = Str(1, 200) with { Format = "password" } },
                })]),
                Responses = [Json("200", new SchemaModel { Type = "object", Properties = new Dictionary<string, SchemaModel> { ["token"] = SchemaModel.Of("string") } })],
            },
            new("GET", "/api/products", location)
            {
                OperationId = "products_list",
                Tags = ["products"],
                Security = [],
                Parameters =
                [
                    new ApiParameter("page", ParameterLocation.Query, new SchemaModel { Type = "integer", Minimum = 1 }) { Required = true },
                    new ApiParameter("pageSize", ParameterLocation.Query, new SchemaModel { Type = "integer", Minimum = 1, Maximum = 100 }),
                ],
                Responses = [Json("200", SchemaModel.Of("object"))],
            },
            new("POST", "/api/cart/add", location) { OperationId = "cart_add", Tags = ["cart"], RequestBody = Body("CartAddRequest"), Responses = [Json("200", SchemaModel.Ref("Cart"))] },
            new("POST", "/api/orders/create", location) { OperationId = "orders_create", Tags = ["orders"], RequestBody = Body("OrderCreateRequest"), Responses = [Json("201", SchemaModel.Ref("Order"))] },
            new("GET", "/api/orders/{id}", location)
            {
                OperationId = "orders_get",
                Tags = ["orders"],
                Parameters = [new ApiParameter("id", ParameterLocation.Path, Str(pattern: "^ord_[0-9a-f]{32}$")) { Required = true }],
                Responses = [Json("200", SchemaModel.Ref("Order")), new ApiResponse("404")],
            },
        };

        return new ApiModel("Shop API", operations)
        {
            Schemas = schemas,
            SecuritySchemes = new Dictionary<string, SecurityScheme> { ["bearerAuth"] = new("bearerAuth", SecuritySchemeKind.HttpBearer) { BearerFormat = "JWT" } },
            DefaultSecurity = bearer,
        };
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LoadTest.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        return "/work/main";
    }

    public static string SharedSpecs()
    {
        var beside = Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "specs"));
        return Directory.Exists(beside) ? beside : "/work/shared/specs";
    }

    public static ApiModel Read(string path)
    {
        var result = new OpenApiSourceReader(new ReferenceRoots(Path.GetDirectoryName(path))).Read(path);
        Assert.True(result.Model is not null, $"{path}: {string.Join("; ", result.Diagnostics.Select(d => d.Message))}");
        return result.Model!;
    }

    public static ApiModel SampleShop() => Sample.Value;

    private static readonly Lazy<IReadOnlyList<(string Name, ApiModel Model)>> Shared = new(() => [.. ReadShared()]);
    private static readonly Lazy<ApiModel> Sample = new(() => Read(Path.Combine(RepoRoot(), "samples", "ShopApi", "openapi.yaml")));

    /// <summary>Every shared spec the OpenAPI reader turns into a model (read once per test run).</summary>
    public static IReadOnlyList<(string Name, ApiModel Model)> SharedModels() => Shared.Value;

    private static IEnumerable<(string Name, ApiModel Model)> ReadShared()
    {
        foreach (var file in Directory.EnumerateFiles(SharedSpecs(), "*.*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!(file.EndsWith(".yaml", StringComparison.Ordinal) || file.EndsWith(".json", StringComparison.Ordinal)) || file.Contains("arazzo", StringComparison.Ordinal))
            {
                continue;
            }

            // shared/specs plays the project folder: $refs may read anything under it.
            var reader = new OpenApiSourceReader(new ReferenceRoots(SharedSpecs()));
            if (!reader.CanRead(file))
            {
                continue;
            }

            var result = reader.Read(file);
            if (result.Model is { Operations.Count: > 0 } model)
            {
                yield return (Path.GetRelativePath(SharedSpecs(), file), model);
            }
        }
    }

    public static GeneratedFile FileAt(GenerationOutput output, string path) =>
        output.Files.Single(f => f.RelativePath == path);
}
