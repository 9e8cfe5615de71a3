using System.ComponentModel.DataAnnotations;
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

api.MapGet("/products", ([Range(1, 100000)] int? page, [Range(1, 100)] int? pageSize) => Results.Ok(Array.Empty<Product>()));

api.MapGroup("/cart").RequireAuthorization().MapCartEndpoints();
api.MapGroup(OrderEndpoints.Prefix).MapOrderEndpoints();

app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
app.MapGet("/metrics", () => Results.Text(""));

app.Run();
