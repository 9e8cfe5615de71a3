using Asp.Versioning;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
builder.Services.AddApiVersioning(options =>
{
    options.DefaultApiVersion = new ApiVersion(1, 0);
    options.ReportApiVersions = true;
    options.ApiVersionReader = ApiVersionReader.Combine(
        new HeaderApiVersionReader(ApiHeaders.Version),
        new UrlSegmentApiVersionReader());
}).AddMvc();

var app = builder.Build();
app.MapControllers();

var reports = app.NewApiVersionSet().HasApiVersion(new ApiVersion(3, 0)).ReportApiVersions().Build();
app.MapGet("/reports/daily", () => TypedResults.Ok(new Report("daily"))).WithApiVersionSet(reports);
app.MapPost("/reports", (Report report) => Results.Accepted("/reports/1", report)).WithApiVersionSet(reports).MapToApiVersion(3.0);

app.Run();

static class ApiHeaders
{
    public const string Version = "X-Api-Version";
}

record Report(string Name);
