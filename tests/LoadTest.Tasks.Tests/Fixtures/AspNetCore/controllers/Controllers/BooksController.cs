using Library.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Library.Controllers;

[Authorize]
public class BooksController(IBookRepository books) : ApiControllerBase
{
    [HttpGet]
    [AllowAnonymous]
    public ActionResult<IEnumerable<Book>> List([FromQuery] string? author, [FromQuery(Name = "page_size")] int pageSize = 20) => Ok();

    [HttpGet("{id:int}")]
    [ProducesResponseType(typeof(Book), StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(int id, CancellationToken cancellationToken) => Ok();

    [HttpPost]
    public async Task<ActionResult<Book>> Create(CreateBookRequest request, [FromHeader(Name = "X-Request-Id")] string? requestId) => Ok();

    [HttpPut("{id:int}")]
    public IActionResult Update([FromRoute] int id, [FromBody] CreateBookRequest request) => NoContent();

    [HttpDelete("{id:int}")]
    public IActionResult Delete(int id) => NoContent();

    [HttpPost("[action]/{isbn:regex(^[0-9]{{13}}$)}")]
    public IActionResult Import(string isbn) => Ok();

    [HttpGet("~/api/authors/{authorId:guid}/books")]
    public IActionResult ByAuthor(Guid authorId) => Ok();

    public IActionResult Helper() => Ok();

    [NonAction]
    public void NotAnEndpoint() { }
}
