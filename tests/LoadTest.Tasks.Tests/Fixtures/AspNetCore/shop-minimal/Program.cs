using System.Text.Json.Serialization;
using ShopApi.Contracts;
using ShopApi.Endpoints;

var builder = WebApplication.CreateBuilder(args);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.AddAuthentication().AddJwtBearer();
var app = builder.Build();

var api = app.MapGroup("/api");

api.MapPost("/auth/login", (LoginRequest request) => Results.Ok(new LoginResponse("jwt", 3600)))
   .AllowAnonymous()
   .WithName("Login");

api.MapGet("/products", (string? category, int? page, int? limit) => Results.Ok(Array.Empty<Product>()));

api.MapGroup("/cart").RequireAuthorization().MapCartEndpoints();
api.MapGroup(OrderEndpoints.Prefix).MapOrderEndpoints();

app.Run();
