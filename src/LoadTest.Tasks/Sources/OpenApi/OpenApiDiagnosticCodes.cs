namespace LoadTest.Tasks.Sources.OpenApi;

/// <summary>Stable codes for OpenAPI findings; each is described in docs/diagnostics/openapi.md.</summary>
public static class OpenApiDiagnosticCodes
{
    public const string FileNotFound = "LT1001";
    public const string FileUnreadable = "LT1002";
    public const string SyntaxError = "LT1003";
    public const string NotOpenApi = "LT1004";
    public const string TooDeep = "LT1005";
    public const string UnknownReference = "LT1010";
    public const string InvalidReference = "LT1011";
    public const string ReferenceCycle = "LT1012";
    public const string ReferencedFileMissing = "LT1013";
    public const string RemoteReferenceSkipped = "LT1014";
    public const string LibraryFailure = "LT1020";
    public const string DocumentError = "LT1021";
    public const string ValidationWarning = "LT1030";
    public const string LibraryWarning = "LT1031";
    public const string NoOperations = "LT1040";
    public const string ReferenceOutsideRoots = "LT1050";
    public const string InvalidSchemaType = "LT1051";
    public const string InvalidParameter = "LT1052";
    public const string UndeclaredPathParameter = "LT1053";
    public const string PathParameterNotInPath = "LT1054";
    public const string WrongKind = "LT1055";
    public const string UnknownSecurityScheme = "LT1056";
}
