using Microsoft.AspNetCore.Mvc;

namespace Library.Controllers;

[ApiController]
[Area("admin")]
[Route("[area]/[controller]")]
public class ReportsController : ControllerBase
{
    [HttpGet("[action]")]
    public IActionResult DailyAsync([FromQuery] DateOnly day) => Ok();

    [AcceptVerbs("GET", "HEAD", Route = "status")]
    public IActionResult Status() => Ok();

    [HttpGet("search")]
    public IActionResult Search(SearchFilter filter) => Ok();
}
