using Asp.Versioning;
using Microsoft.AspNetCore.Mvc;

namespace Shop.Controllers.V1;

[ApiController]
[ApiVersion("1.0")]
[Route("api/products")]
public class ProductsController : ControllerBase
{
    [HttpGet]
    public ActionResult<IEnumerable<Product>> List([FromQuery] int page = 1) => Ok(Array.Empty<Product>());

    [HttpGet("{id:int}")]
    public ActionResult<Product> Get(int id) => id > 0 ? Ok(new Product(id, "x", 1m)) : NotFound();

    [HttpPost]
    public ActionResult<Product> Create(Product product) => CreatedAtAction(nameof(Get), new { id = product.Id }, product);

    [HttpDelete("{id:int}")]
    public IActionResult Delete(int id) => NoContent();
}

public record Product(int Id, string Name, decimal Price);
