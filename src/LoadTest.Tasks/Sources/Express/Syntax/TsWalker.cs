namespace LoadTest.Tasks.Sources.Express.Syntax;

/// <summary>Enumerates the expressions and variable declarators inside a function body (nested functions included).</summary>
internal static class TsWalker
{
    private const int MaxNodes = 50_000;

    public static IEnumerable<object> Descendants(FunctionExpr function)
    {
        var pending = new Stack<object>();
        if (function.Body is not null)
        {
            pending.Push(function.Body);
        }

        if (function.ExpressionBody is not null)
        {
            pending.Push(function.ExpressionBody);
        }

        var visited = 0;
        while (pending.Count > 0 && visited++ < MaxNodes)
        {
            var node = pending.Pop();
            yield return node;
            foreach (var child in Children(node))
            {
                if (child is not null)
                {
                    pending.Push(child);
                }
            }
        }
    }

    private static IEnumerable<object?> Children(object node) => node switch
    {
        TsBlock b => b.Statements,
        ExprStatement e => [e.Expr],
        VarStatement v => v.Declarators,
        VarDeclarator d => [d.Init],
        ReturnStatement r => [r.Value],
        CompoundStatement c => c.Bodies,
        FunctionStatement f => [f.Function],
        MemberExpr m => [m.Target],
        IndexExpr i => [i.Target, i.Index],
        CallExpr c => [c.Callee, .. c.Arguments],
        NewExpr n => [n.Callee, .. n.Arguments],
        BinaryExpr b => [b.Left, b.Right],
        UnaryExpr u => [u.Operand],
        ConditionalExpr c => [c.Test, c.WhenTrue, c.WhenFalse],
        AssignExpr a => [a.Target, a.Value],
        AsExpr a => [a.Value],
        SpreadExpr s => [s.Value],
        ArrayExpr a => a.Elements,
        ObjectExpr o => o.Properties.Select(p => (object?)p.Value),
        TemplateExpr t => t.Substitutions,
        FunctionExpr f => [f.Body, f.ExpressionBody],
        _ => [],
    };
}
