// Shaped like dotnet/eShop's Catalog.API and Ordering.API: versioned minimal API groups, TypedResults, and
// authorization applied where the group extensions are called.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddProblemDetails();
builder.Services.AddApiVersioning();
builder.Services.AddAuthentication().AddJwtBearer();
builder.Services.AddAuthorization();

var app = builder.Build();

app.MapCatalogApi();

var orders = app.NewVersionedApi("Orders");
orders.MapOrdersApiV1()
      .RequireAuthorization();

app.MapCatalogAdminApi().RequireAuthorization();

app.Run();
