using Asp.Versioning;
using Microsoft.AspNetCore.Mvc;
using Shop.Controllers.V1;

namespace Shop.Controllers.V2;

[ApiController]
[ApiVersion(2.0)]
[Route("api/products")]
public class ProductsController : ControllerBase
{
    [HttpGet]
    public ActionResult<IEnumerable<Product>> List([FromQuery] string category, [FromQuery] int page = 1) => Ok(Array.Empty<Product>());
}
