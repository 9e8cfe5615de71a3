using System.Runtime.CompilerServices;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Sources.AspNetCore;
using LoadTest.Tasks.Sources.Express;
using LoadTest.Tasks.Sources.OpenApi;

namespace LoadTest.Tasks.Tests.Sources.Express;

/// <summary>
/// The same small API described three ways (samples/ShopApi/openapi.yaml, an Express + TypeScript app, an ASP.NET Core
/// minimal API) yields equivalent models: same operations, parameter names and locations, required body members and enums.
/// </summary>
public sealed class ShopThreeWaysTests
{
    private static string RepoFile(string relative, [CallerFilePath] string callerFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(callerFile) ?? "" })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, relative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException(relative);
    }

    private static ApiModel OpenApi()
    {
        var result = new OpenApiSourceReader().Read(RepoFile(Path.Combine("samples", "ShopApi", "openapi.yaml")));
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return result.Model!;
    }

    private static ApiModel ExpressApp()
    {
        var result = new ExpressSourceReader().Read(ExpressFixtures.PathOf("shop-ts/src"));
        Assert.Empty(result.Diagnostics);
        return result.Model!;
    }

    private static ApiModel AspNetCoreApp()
    {
        var result = new AspNetCoreSourceReader().Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "AspNetCore", "shop-minimal", "ShopApi.csproj"));
        Assert.Empty(result.Diagnostics);
        return result.Model!;
    }

    /// <summary>What must agree between descriptions, one line per operation.</summary>
    private static List<string> Signature(ApiModel model) =>
        model.Operations.OrderBy(o => o.DisplayName, StringComparer.Ordinal).Select(o =>
        {
            var parameters = string.Join(",", o.Parameters.Select(p => $"{p.In}:{p.Name}").Order(StringComparer.Ordinal));
            var body = o.RequestBody?.Content.FirstOrDefault(c => c.ContentType == "application/json")?.Schema;
            return $"{o.DisplayName} params[{parameters}] body[{(body is null ? "-" : Describe(model, body, 0))}]";
        }).ToList();

    private static string Describe(ApiModel model, SchemaModel schema, int depth)
    {
        schema = model.Resolve(schema);
        if (schema.Enum.Count > 0)
        {
            return "enum(" + string.Join("|", schema.EnumStrings().Order(StringComparer.Ordinal)) + ")";
        }

        if (schema.Properties.Count == 0 || depth > 2)
        {
            return schema.Type ?? "any";
        }

        // required members, with what they contain (enums and nested required members)
        return "{" + string.Join(",", schema.Required.Order(StringComparer.Ordinal).Select(name => $"{name}:{Describe(model, schema.Properties[name], depth + 1)}")) + "}";
    }

    [Fact]
    public void Express_and_AspNetCore_descriptions_match_the_OpenAPI_document()
    {
        // The sample's sign-up and per-user counts (for one identity per virtual user) have no twin in the two fixture apps.
        var openApi = Signature(OpenApi()).Where(l => !l.StartsWith("POST /api/auth/signup ", StringComparison.Ordinal) && !l.StartsWith("GET /stats/users ", StringComparison.Ordinal)).ToList();
        var express = Signature(ExpressApp());
        var aspNetCore = Signature(AspNetCoreApp());

        Assert.Equal(7, openApi.Count);
        Assert.Contains("POST /api/cart/add params[Query:cartId] body[{productId:string,quantity:integer,variant:enum(L|M|S|XL)}]", openApi);
        Assert.Contains(
            "POST /api/orders/create params[] body[{paymentMethod:enum(card|invoice|paypal),shippingAddress:{city:string,country:string,postalCode:string,street:string}}]",
            openApi);
        Assert.Contains("GET /api/products params[Query:page,Query:pageSize] body[-]", openApi);
        Assert.Equal(openApi, express, new LineComparer());
        Assert.Equal(openApi, aspNetCore, new LineComparer());
    }

    /// <summary>Compares everything but scalar type names (TypeScript has number where C# and OpenAPI say integer).</summary>
    private sealed class LineComparer : IEqualityComparer<string>
    {
        private static string Normalize(string line) => line.Replace(":integer", ":number", StringComparison.Ordinal);

        public bool Equals(string? x, string? y) => Normalize(x ?? "") == Normalize(y ?? "");

        public int GetHashCode(string obj) => Normalize(obj).GetHashCode(StringComparison.Ordinal);
    }

    [Fact]
    public void All_three_mark_the_same_operations_as_authenticated()
    {
        static string[] Secured(ApiModel model) => model.Operations
            .Where(o => (o.Security ?? model.DefaultSecurity).Count > 0)
            .Select(o => o.DisplayName).Order(StringComparer.Ordinal).ToArray();

        var expected = Secured(OpenApi());
        Assert.Equal(["GET /api/orders/{id}", "POST /api/cart/add", "POST /api/orders/create"], expected);
        Assert.Equal(expected, Secured(ExpressApp()));
        Assert.Equal(expected, Secured(AspNetCoreApp()));
    }
}
