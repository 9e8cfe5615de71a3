using LoadTest.Tasks.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoadTest.Tasks.Sources.AspNetCore;

/// <summary>
/// The documented responses of an endpoint or action: its typed-result return type (<c>Results&lt;Created&lt;T&gt;,
/// NotFound&gt;</c>), <c>.Produces&lt;T&gt;(201)</c> and <c>[ProducesResponseType]</c> metadata, and where none of them names
/// a success status, the results its body returns (<c>TypedResults.Created(…)</c>, <c>NoContent()</c>), else 200 with the
/// declared DTO.
/// </summary>
internal static class ResponseMetadata
{
    public static List<ResultStatus> ProducesResponseTypes(SyntaxList<AttributeListSyntax> attributes)
    {
        var statuses = new List<ResultStatus>();
        foreach (var attribute in attributes.SelectMany(l => l.Attributes).Where(a => DtoSchemaBuilder.ShortName(a) == "ProducesResponseType"))
        {
            var args = attribute.ArgumentList?.Arguments.Where(a => a.NameEquals is null).Select(a => a.Expression).ToList() ?? [];
            var type = (attribute.Name as GenericNameSyntax)?.TypeArgumentList.Arguments.FirstOrDefault()
                       ?? (args.FirstOrDefault() as TypeOfExpressionSyntax)?.Type;
            var codeExpression = args.FirstOrDefault(a => a is not TypeOfExpressionSyntax);
            statuses.Add(new ResultStatus(codeExpression is null ? "200" : ResultTypes.StatusCodeOf(codeExpression) ?? "200", type));
        }

        return statuses;
    }

    public static List<ApiResponse> Responses(DtoSchemaBuilder schemas, TypeSyntax? returnType, SyntaxNode? body, IReadOnlyList<ResultStatus> produces, bool controllerHelpers)
    {
        var statuses = new List<ResultStatus>(ResultTypes.FromReturnType(returnType) ?? []);
        statuses.AddRange(produces);
        if (!statuses.Any(IsSuccess))
        {
            // IResult, IActionResult, ActionResult<T> or a DTO: what the body returns, the DTO as its payload.
            var declared = ResultTypes.ActionResultValue(returnType) ?? returnType;
            var returned = ResultTypes.FromBody(body, controllerHelpers);
            if (returned.Any(IsSuccess))
            {
                statuses.AddRange(returned.Select(r => r.Payload is null && r.Code is "200" or "201" or "202" ? r with { Payload = declared } : r));
            }
            else
            {
                statuses.Insert(0, new ResultStatus("200", declared));
                statuses.AddRange(returned);
            }
        }

        var responses = new List<ApiResponse>();
        foreach (var group in statuses.GroupBy(s => s.Code).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var schema = group.Select(s => s.Payload is null ? null : schemas.FromType(s.Payload)).FirstOrDefault(IsPayload);
            responses.Add(schema is null ? new ApiResponse(group.Key) : new ApiResponse(group.Key) { Content = [new MediaContent("application/json", schema)] });
        }

        return responses;
    }

    private static bool IsSuccess(ResultStatus status) => status.Code.StartsWith('2');

    private static bool IsPayload(SchemaModel? schema) => schema is { Type: not null } or { RefName: not null };
}
