using System.Security.Cryptography;
using System.Text;
using ShopApi.Auth;
using ShopApi.Carts;
using ShopApi.Catalog;
using ShopApi.Data;
using ShopApi.Endpoints;
using ShopApi.Http;
using ShopApi.Monitoring;
using ShopApi.Orders;

namespace ShopApi;

/// <summary>Builds the shop's web application; shared by Program (dotnet run) and <see cref="ShopApiHost"/> (in-process).</summary>
public static class ShopApiApplication
{
    public static WebApplication Build(ShopApiOptions options, string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            // The entry assembly is a test host when embedded, so name the app and its root explicitly.
            ApplicationName = typeof(ShopApiApplication).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Warnings only: the app runs inside test processes and load tests, whose output it must not flood.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.Services.ConfigureHttpJsonOptions(json => ShopJson.Configure(json.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => new SimulatedDatabase(options));
        builder.Services.AddSingleton(new Hs256Jwt(SigningKey(options), options.TokenLifetime));
        builder.Services.AddSingleton(new UserDirectory(options.Users));
        builder.Services.AddSingleton<ProductCatalog>();
        builder.Services.AddSingleton<CartStore>();
        builder.Services.AddSingleton<OrderStore>();
        builder.Services.AddSingleton<HttpRequestMetrics>();
        builder.Services.AddSingleton<UserActivity>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseRequestMetrics();
        app.UseDbPoolExhaustedResponses();

        AuthEndpoints.Map(app);
        ProductEndpoints.Map(app);
        CartEndpoints.Map(app);
        OrderEndpoints.Map(app);
        OperationsEndpoints.Map(app);
        return app;
    }

    // A random key per process when none is configured: tokens then only work against this instance.
    private static byte[] SigningKey(ShopApiOptions options) =>
        options.JwtSecret is { } secret ? Encoding.UTF8.GetBytes(secret) : RandomNumberGenerator.GetBytes(32);
}
