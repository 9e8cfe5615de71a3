using Microsoft.AspNetCore.Mvc;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

const string Files = "/files";
var v1 = app.MapGroup("/v1");
var users = v1.MapGroup("/users").WithTags("users");

users.MapGet("/{id:int:min(1)}", (int id) => Results.Ok());
users.MapGet("/{userId:guid}/avatar", (Guid userId, [FromQuery] int size = 64) => Results.Ok());
users.MapPut("/{id:int}", (int id, UpdateUser body, [FromHeader(Name = "If-Match")] string etag) => Results.NoContent());
users.MapGet("/search", ([AsParameters] UserQuery query) => Results.Ok());
users.MapPost("/upload", (IFormFile avatar, [FromForm] string caption) => Results.Ok());

app.MapGet("/posts/{slug?}", (string? slug) => Results.Ok());
app.MapGet($"{Files}/{{**path}}", (string path) => Results.Ok());
app.MapMethods("/ping", new[] { "GET", "HEAD" }, () => "pong");
app.MapDelete("/items/{id:long}", Handlers.DeleteItem);
app.MapGet("/report", (UserQuery query) => Results.Ok());
app.MapPost(Environment.GetEnvironmentVariable("ROUTE")!, () => Results.Ok());
app.MapGet("/dynamic", SomeDelegateFromElsewhere);
app.MapPatch("/range/{n:range(1,100)}", (int n, PatchBody? patch) => Results.Ok());

app.Run();

static class Handlers
{
    public static IResult DeleteItem(long id, [FromQuery] bool hard, HttpContext context) => Results.NoContent();
}

record UserQuery(string? Name, int Page = 1, [FromHeader(Name = "X-Tenant")] string? Tenant = null);

record UpdateUser(string DisplayName, [property: System.ComponentModel.DataAnnotations.Range(0, 150)] int Age);

record PatchBody(string? Note);
