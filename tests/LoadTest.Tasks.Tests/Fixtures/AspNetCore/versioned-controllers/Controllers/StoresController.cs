using Asp.Versioning;
using Microsoft.AspNetCore.Mvc;

namespace Shop.Controllers;

[ApiController]
[ApiVersion("1.0")]
[ApiVersion("2.0")]
[Route("api/v{version:apiVersion}/stores")]
public class StoresController : ControllerBase
{
    [HttpGet]
    public IActionResult List() => Ok();

    [HttpGet("{id}")]
    [MapToApiVersion("2.0")]
    public IActionResult Get(string id) => Ok();
}

[ApiController]
[Route("api/legacy")]
public class LegacyController : ControllerBase
{
    [HttpGet]
    public IActionResult Get() => Ok();
}

[ApiController]
[ApiVersionNeutral]
[Route("health")]
public class HealthController : ControllerBase
{
    [HttpGet]
    public IActionResult Get() => Ok();
}
