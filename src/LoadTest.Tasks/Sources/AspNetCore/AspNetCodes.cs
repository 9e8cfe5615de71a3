namespace LoadTest.Tasks.Sources.AspNetCore;

/// <summary>The stable LT12xx codes of the ASP.NET Core reader (documented in docs/diagnostics/aspnetcore.md).</summary>
internal static class AspNetCodes
{
    public const string NoSources = "LT1200";
    public const string UnresolvedRoute = "LT1201";
    public const string UnresolvedGroup = "LT1202";
    public const string UnresolvedHandler = "LT1203";
    public const string ComplexParameterOnGet = "LT1204";
    public const string ActionWithoutVerb = "LT1205";
    public const string UnresolvedType = "LT1206";
    public const string UnreadableFile = "LT1207";
    public const string NoEndpoints = "LT1208";
    public const string SyntaxError = "LT1210";
    public const string VersionNotSendable = "LT1211";
    public const string UnresolvedVersion = "LT1212";
    public const string InternalError = "LT1299";
}
