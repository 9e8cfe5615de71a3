using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoadTest.Tasks.Sources.AspNetCore;

/// <summary>A status an endpoint answers with and the C# type of its payload, if it has one.</summary>
internal sealed record ResultStatus(string Code, TypeSyntax? Payload);

/// <summary>
/// What ASP.NET Core's result types and result helpers answer: <c>TypedResults.Created</c> is 201, <c>NoContent</c>
/// 204, <c>Results&lt;Created&lt;T&gt;, NotFound&gt;</c> 201 with T or 404 (the statuses ASP.NET Core itself documents
/// for them), and the controller helpers <c>CreatedAtAction</c>, <c>NoContent()</c>, <c>Ok(x)</c>.
/// </summary>
internal static class ResultTypes
{
    /// <summary>Result types (Microsoft.AspNetCore.Http.HttpResults and the IResult helpers' names) and their status.</summary>
    private static readonly Dictionary<string, string> Statuses = new(StringComparer.Ordinal)
    {
        ["Ok"] = "200", ["Created"] = "201", ["CreatedAtRoute"] = "201", ["CreatedAtAction"] = "201", ["Accepted"] = "202",
        ["AcceptedAtRoute"] = "202", ["AcceptedAtAction"] = "202", ["NoContent"] = "204", ["BadRequest"] = "400", ["ValidationProblem"] = "400",
        ["Unauthorized"] = "401", ["UnauthorizedHttpResult"] = "401", ["Challenge"] = "401", ["ChallengeHttpResult"] = "401",
        ["Forbid"] = "403", ["ForbidHttpResult"] = "403", ["NotFound"] = "404", ["Conflict"] = "409", ["UnprocessableEntity"] = "422",
        ["Problem"] = "500", ["ProblemHttpResult"] = "500", ["InternalServerError"] = "500",
        ["Json"] = "200", ["JsonHttpResult"] = "200", ["Text"] = "200", ["Content"] = "200", ["ContentHttpResult"] = "200",
        ["Utf8ContentHttpResult"] = "200", ["Bytes"] = "200", ["File"] = "200", ["Stream"] = "200", ["PhysicalFile"] = "200",
        ["VirtualFile"] = "200", ["FileContentHttpResult"] = "200", ["FileStreamHttpResult"] = "200", ["PhysicalFileHttpResult"] = "200",
        ["VirtualFileHttpResult"] = "200", ["PushStreamHttpResult"] = "200", ["Empty"] = "200", ["EmptyHttpResult"] = "200",
        ["Redirect"] = "302", ["LocalRedirect"] = "302", ["RedirectToRoute"] = "302", ["RedirectHttpResult"] = "302",
        ["RedirectToRouteHttpResult"] = "302", ["SignIn"] = "200", ["SignOut"] = "200", ["SignInHttpResult"] = "200", ["SignOutHttpResult"] = "200",
    };

    /// <summary>Results whose value argument (the last one) is the payload: <c>TypedResults.Created(uri, item)</c>.</summary>
    private static readonly HashSet<string> PayloadHelpers =
    [
        "Ok", "Created", "CreatedAtRoute", "CreatedAtAction", "Accepted", "AcceptedAtRoute", "AcceptedAtAction", "Json",
    ];

    /// <summary>Names of types that are results, not DTOs (so reading them is no LT1206).</summary>
    public static bool IsResultType(string name) =>
        Statuses.ContainsKey(name) || name is "IResult" or "IActionResult" or "ActionResult" or "Results" or "StatusCodeHttpResult"
            or "IStatusCodeHttpResult" or "INestedHttpResult" or "IValueHttpResult";

    /// <summary>
    /// The statuses a declared return type stands for (<c>Task&lt;Results&lt;Ok&lt;T&gt;, NotFound&gt;&gt;</c>), or null when it
    /// is not a typed result (a DTO, IResult, IActionResult): then the body decides.
    /// </summary>
    public static IReadOnlyList<ResultStatus>? FromReturnType(TypeSyntax? type)
    {
        type = Unwrap(type);
        switch (type)
        {
            case GenericNameSyntax { Identifier.ValueText: "Results" } union:
                return [.. union.TypeArgumentList.Arguments.SelectMany(a => FromReturnType(a) ?? [])];
            case GenericNameSyntax { Identifier.ValueText: var name } generic when Statuses.TryGetValue(name, out var code):
                return [new ResultStatus(code, generic.TypeArgumentList.Arguments.FirstOrDefault())];
            case IdentifierNameSyntax { Identifier.ValueText: var name } when Statuses.TryGetValue(name, out var code):
                return [new ResultStatus(code, null)];
            default:
                return null;
        }
    }

    /// <summary>The T of <c>ActionResult&lt;T&gt;</c> (also inside Task), the success payload of a controller action.</summary>
    public static TypeSyntax? ActionResultValue(TypeSyntax? type) =>
        Unwrap(type) is GenericNameSyntax { Identifier.ValueText: "ActionResult" } actionResult ? actionResult.TypeArgumentList.Arguments.FirstOrDefault() : null;

    private static TypeSyntax? Unwrap(TypeSyntax? type)
    {
        for (var i = 0; i < 8; i++)
        {
            switch (type)
            {
                case QualifiedNameSyntax qualified:
                    type = qualified.Right;
                    continue;
                case AliasQualifiedNameSyntax alias:
                    type = alias.Name;
                    continue;
                case NullableTypeSyntax nullable:
                    type = nullable.ElementType;
                    continue;
                case GenericNameSyntax { Identifier.ValueText: "Task" or "ValueTask", TypeArgumentList.Arguments.Count: 1 } task:
                    type = task.TypeArgumentList.Arguments[0];
                    continue;
            }

            return type;
        }

        return type;
    }

    /// <summary>
    /// The results a handler body returns: <c>TypedResults.X(…)</c> / <c>Results.X(…)</c> calls, and for controllers the
    /// helper calls (<c>CreatedAtAction(…)</c>, <c>NoContent()</c>) in return statements and expression bodies.
    /// The payload is the value argument's type when it is written as <c>new T(…)</c>.
    /// </summary>
    public static IReadOnlyList<ResultStatus> FromBody(SyntaxNode? body, bool controllerHelpers)
    {
        if (body is null)
        {
            return [];
        }

        var found = new List<ResultStatus>();
        foreach (var call in body.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>())
        {
            if (InsideNestedFunction(call, body))
            {
                continue;
            }

            var (name, helper) = call.Expression switch
            {
                MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "TypedResults" or "Results" }, Name: var member } => (member.Identifier.ValueText, true),
                IdentifierNameSyntax { Identifier.ValueText: var bare } when controllerHelpers && IsReturned(call) => (bare, true),
                GenericNameSyntax { Identifier.ValueText: var bareGeneric } when controllerHelpers && IsReturned(call) => (bareGeneric, true),
                _ => ("", false),
            };

            if (!helper)
            {
                continue;
            }

            if (name == "StatusCode" && call.ArgumentList.Arguments.FirstOrDefault()?.Expression is { } statusExpression && StatusCodeOf(statusExpression) is { } status)
            {
                found.Add(new ResultStatus(status, null));
                continue;
            }

            if (!Statuses.TryGetValue(name, out var code))
            {
                continue;
            }

            TypeSyntax? payload = null;
            if (PayloadHelpers.Contains(name))
            {
                payload = (call.Expression as MemberAccessExpressionSyntax)?.Name is GenericNameSyntax explicitType
                    ? explicitType.TypeArgumentList.Arguments.FirstOrDefault()
                    : call.ArgumentList.Arguments.LastOrDefault()?.Expression is ObjectCreationExpressionSyntax created ? created.Type : null;
            }

            found.Add(new ResultStatus(code, payload));
        }

        return found;
    }

    private static bool InsideNestedFunction(SyntaxNode node, SyntaxNode body)
    {
        foreach (var ancestor in node.AncestorsAndSelf())
        {
            if (ancestor == body)
            {
                return false;
            }

            if (ancestor is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A controller helper counts when its result is what the action returns (not e.g. a local value).</summary>
    private static bool IsReturned(InvocationExpressionSyntax call)
    {
        SyntaxNode node = call;
        while (node.Parent is ConditionalExpressionSyntax or ParenthesizedExpressionSyntax or AwaitExpressionSyntax or CastExpressionSyntax or SwitchExpressionArmSyntax or SwitchExpressionSyntax)
        {
            node = node.Parent;
        }

        return node.Parent is ReturnStatementSyntax or ArrowExpressionClauseSyntax;
    }

    /// <summary><c>201</c>, <c>StatusCodes.Status201Created</c> or <c>(int)HttpStatusCode.Created</c>-like members.</summary>
    public static string? StatusCodeOf(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NumericLiteralExpression) => literal.Token.ValueText,
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: var status } when status.StartsWith("Status", StringComparison.Ordinal) && status.Length >= 9
            && status[6..9].All(char.IsAsciiDigit) => status.Substring(6, 3),
        _ => null,
    };
}
