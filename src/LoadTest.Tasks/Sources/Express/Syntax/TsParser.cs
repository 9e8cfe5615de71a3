namespace LoadTest.Tasks.Sources.Express.Syntax;

/// <summary>
/// A forgiving recursive-descent reader for the subset of TypeScript/JavaScript an Express app declares its routes
/// and payload types with. What it does not understand it steps over by balanced brackets, so it always terminates
/// and never throws on damaged input.
/// </summary>
internal sealed class TsParser
{
    private const int MaxDepth = 150;

    private static readonly HashSet<string> AssignOps = ["=", "+=", "-=", "*=", "/=", "%=", "&&=", "||=", "??=", "**=", "<<=", "&=", "|=", "^="];

    private static readonly Dictionary<string, int> BinaryPrecedence = new()
    {
        ["??"] = 1, ["||"] = 1, ["&&"] = 2, ["|"] = 3, ["^"] = 4, ["&"] = 5,
        ["=="] = 6, ["!="] = 6, ["==="] = 6, ["!=="] = 6,
        ["<"] = 7, [">"] = 7, ["<="] = 7, [">="] = 7, [">>"] = 8, ["instanceof"] = 7, ["in"] = 7,
        ["<<"] = 8, ["+"] = 9, ["-"] = 9, ["*"] = 10, ["/"] = 10, ["%"] = 10, ["**"] = 11,
    };

    private static readonly HashSet<string> ClassModifiers =
        ["public", "private", "protected", "readonly", "static", "declare", "abstract", "override", "accessor"];

    private readonly IReadOnlyList<TsToken> _tokens;
    private int _pos;
    private int _depth;

    private TsParser(IReadOnlyList<TsToken> tokens) => _tokens = tokens;

    public static TsModuleSyntax ParseModule(string file, string text)
    {
        var tokens = TsTokenizer.Tokenize(text, 1, out var lexicalProblems);
        var parser = new TsParser(tokens);
        var statements = new List<TsStatement>();
        while (!parser.AtEnd)
        {
            var before = parser._pos;
            statements.Add(parser.ParseStatement());
            parser.EnsureProgress(before);
        }

        var problems = lexicalProblems.Concat(BracketProblems(tokens)).OrderBy(p => p.Line).ToList();
        return new TsModuleSyntax(file, statements) { Problems = problems };
    }

    /// <summary>Unmatched or mismatched brackets: the usual trace of a truncated or garbled file.</summary>
    private static IEnumerable<(int Line, string Message)> BracketProblems(IReadOnlyList<TsToken> tokens)
    {
        var open = new Stack<TsToken>();
        foreach (var token in tokens)
        {
            if (IsOpener(token))
            {
                open.Push(token);
            }
            else if (IsCloser(token))
            {
                var expected = token.Text switch { ")" => "(", "]" => "[", _ => "{" };
                if (open.Count == 0)
                {
                    yield return (token.Line, $"'{token.Text}' closes nothing");
                }
                else if (open.Peek().Text != expected)
                {
                    var opener = open.Pop();
                    yield return (token.Line, $"'{token.Text}' does not match '{opener.Text}' opened on line {opener.Line}");
                    yield break;
                }
                else
                {
                    open.Pop();
                }
            }
        }

        if (open.Count > 0)
        {
            var first = open.Last();
            yield return (first.Line, $"'{first.Text}' opened here is never closed");
        }
    }

    /// <summary>Parses a free-standing type, e.g. from a JSDoc <c>@type</c> tag.</summary>
    public static TsType ParseTypeText(string text)
    {
        var parser = new TsParser(TsTokenizer.Tokenize(text));
        return parser.ParseType();
    }

    // ---------- token helpers ----------

    private TsToken Current => _tokens[Math.Min(_pos, _tokens.Count - 1)];

    private TsToken PeekToken(int ahead) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    private bool AtEnd => Current.Kind == TsTokenKind.End;

    private bool Is(string text) => Current.Is(text);

    private bool IsIdent => Current.Kind == TsTokenKind.Identifier;

    private TsToken Advance()
    {
        var token = Current;
        if (!AtEnd)
        {
            _pos++;
        }

        return token;
    }

    private bool Accept(string text)
    {
        if (!Is(text))
        {
            return false;
        }

        Advance();
        return true;
    }

    private void EnsureProgress(int before)
    {
        if (_pos == before)
        {
            Advance();
        }
    }

    private static bool IsOpener(TsToken t) => t.Kind == TsTokenKind.Punct && t.Text is "(" or "[" or "{";

    private static bool IsCloser(TsToken t) => t.Kind == TsTokenKind.Punct && t.Text is ")" or "]" or "}";

    /// <summary>From an opening bracket, moves past its matching closer (or to the end of the file).</summary>
    private void SkipBalanced()
    {
        if (!IsOpener(Current))
        {
            Advance();
            return;
        }

        var depth = 0;
        do
        {
            if (IsOpener(Current))
            {
                depth++;
            }
            else if (IsCloser(Current))
            {
                depth--;
            }

            Advance();
        }
        while (depth > 0 && !AtEnd);
    }

    /// <summary>Index of the token matching the opener at <paramref name="index"/>, or -1.</summary>
    private int MatchingIndex(int index)
    {
        var depth = 0;
        for (var i = index; i < _tokens.Count; i++)
        {
            if (IsOpener(_tokens[i]))
            {
                depth++;
            }
            else if (IsCloser(_tokens[i]) && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private bool Adjacent(TsToken a, TsToken b) => a.Line == b.Line && a.Column + a.Text.Length == b.Column;

    private T Guarded<T>(Func<T> parse, Func<T> fallback)
    {
        if (_depth > MaxDepth)
        {
            SkipBalanced();
            return fallback();
        }

        _depth++;
        try
        {
            return parse();
        }
        finally
        {
            _depth--;
        }
    }

    // ---------- statements ----------

    private TsStatement ParseStatement() => Guarded(ParseStatementCore, () => new EmptyStatement(Current.Line));

    private TsStatement ParseStatementCore()
    {
        var token = Current;
        var line = token.Line;
        if (token.Kind == TsTokenKind.Punct)
        {
            switch (token.Text)
            {
                case ";":
                    Advance();
                    return new EmptyStatement(line);
                case "{":
                    return ParseBlock();
                case "@":
                    SkipDecorators();
                    return ParseStatement();
                case "}" or ")" or "]":
                    Advance();
                    return new EmptyStatement(line);
            }
        }

        if (token.Kind == TsTokenKind.Identifier)
        {
            var next = PeekToken(1);
            switch (token.Text)
            {
                case "import" when !next.Is("(") && !next.Is("."):
                    return ParseImport();
                case "export":
                    return ParseExport();
                case "const" when next.Is("enum"):
                    Advance();
                    return ParseStatement();
                case "const" or "let" or "var" or "using" when next.Kind == TsTokenKind.Identifier || next.Is("{") || next.Is("["):
                    return ParseVarStatement(exported: false);
                case "function":
                    return new FunctionStatement(ParseFunction(), false, false, line);
                case "async" when next.Is("function"):
                    Advance();
                    return new FunctionStatement(ParseFunction(), false, false, line);
                case "class" or "abstract" when next.Kind == TsTokenKind.Identifier:
                    return new TypeDeclStatement(ParseClass(token.JsDoc), false, false, line);
                case "interface" when next.Kind == TsTokenKind.Identifier:
                    return new TypeDeclStatement(ParseInterface(), false, false, line);
                case "type" when next.Kind == TsTokenKind.Identifier && (PeekToken(2).Is("=") || PeekToken(2).Is("<")):
                    return new TypeDeclStatement(ParseTypeAlias(), false, false, line);
                case "enum" when next.Kind == TsTokenKind.Identifier:
                    return new TypeDeclStatement(ParseEnum(), false, false, line);
                case "declare" when next.Kind == TsTokenKind.Identifier:
                    Advance();
                    return ParseStatement();
                case "namespace" or "module" when next.Kind == TsTokenKind.Identifier || next.Kind == TsTokenKind.String:
                    Advance();
                    while (!AtEnd && !Is("{") && !Is(";"))
                    {
                        Advance();
                    }

                    return Is("{") ? ParseBlock() : new EmptyStatement(line);
                case "return":
                    Advance();
                    if (Is(";") || Is("}") || Current.Line != line)
                    {
                        Accept(";");
                        return new ReturnStatement(null, line);
                    }

                    var value = ParseExpression();
                    Accept(";");
                    return new ReturnStatement(value, line);
                case "if" or "while" or "for" or "switch" or "with":
                    return ParseCompound();
                case "do" or "try" or "else" or "finally":
                    return ParseCompound();
                case "throw" or "break" or "continue":
                    Advance();
                    if (token.Text == "throw")
                    {
                        ParseExpression();
                    }
                    else if (IsIdent && Current.Line == line)
                    {
                        Advance();
                    }

                    Accept(";");
                    return new EmptyStatement(line);
            }
        }

        var expr = ParseExpression();
        while (Accept(","))
        {
            ParseAssignment();
        }

        Accept(";");
        return new ExprStatement(expr, line);
    }

    private TsBlock ParseBlock()
    {
        var line = Current.Line;
        var statements = new List<TsStatement>();
        if (!Accept("{"))
        {
            return new TsBlock(statements, line);
        }

        while (!AtEnd && !Is("}"))
        {
            var before = _pos;
            statements.Add(ParseStatement());
            EnsureProgress(before);
        }

        Accept("}");
        return new TsBlock(statements, line);
    }

    /// <summary>if/for/while/switch/try/do: every body is kept (route discovery visits all branches once).</summary>
    private TsStatement ParseCompound()
    {
        var line = Current.Line;
        var keyword = Advance().Text;
        var bodies = new List<TsStatement>();
        switch (keyword)
        {
            case "if" or "while" or "for" or "with":
                Accept("await");
                if (keyword != "for" && Is("(") && MatchingIndex(_pos) is > 0 and var close)
                {
                    // keep the condition: handlers read headers and query values in it
                    Advance();
                    bodies.Add(new ExprStatement(ParseExpression(), line));
                    _pos = Math.Max(_pos, close);
                    Accept(")");
                }
                else if (Is("("))
                {
                    SkipBalanced();
                }

                bodies.Add(ParseStatement());
                if (keyword == "if" && Is("else"))
                {
                    Advance();
                    bodies.Add(ParseStatement());
                }

                break;
            case "switch":
                if (Is("("))
                {
                    SkipBalanced();
                }

                if (Accept("{"))
                {
                    while (!AtEnd && !Is("}"))
                    {
                        var before = _pos;
                        if (Is("case"))
                        {
                            Advance();
                            ParseExpression();
                            Accept(":");
                        }
                        else if (Is("default") && PeekToken(1).Is(":"))
                        {
                            Advance();
                            Advance();
                        }
                        else
                        {
                            bodies.Add(ParseStatement());
                        }

                        EnsureProgress(before);
                    }

                    Accept("}");
                }

                break;
            case "try" or "finally" or "else":
                bodies.Add(ParseStatement());
                while (Is("catch") || Is("finally"))
                {
                    Advance();
                    if (Is("("))
                    {
                        SkipBalanced();
                    }

                    bodies.Add(ParseStatement());
                }

                break;
            case "do":
                bodies.Add(ParseStatement());
                if (Accept("while") && Is("("))
                {
                    SkipBalanced();
                }

                Accept(";");
                break;
        }

        return new CompoundStatement(bodies, line);
    }

    private void SkipDecorators() => ParseDecorators();

    private List<TsDecorator> ParseDecorators()
    {
        var decorators = new List<TsDecorator>();
        while (Is("@"))
        {
            var line = Advance().Line;
            var name = "";
            while (IsIdent)
            {
                name = Advance().Text;
                if (!Accept("."))
                {
                    break;
                }
            }

            IReadOnlyList<TsExpr> args = [];
            if (Is("("))
            {
                args = ParseArguments();
            }

            decorators.Add(new TsDecorator(name, args, line));
        }

        return decorators;
    }

    private TsStatement ParseImport()
    {
        var line = Advance().Line;
        Accept("type");
        string? defaultName = null;
        string? namespaceName = null;
        var named = new List<(string, string)>();
        if (Current.Kind == TsTokenKind.String)
        {
            var bare = Advance().Text;
            SkipImportAttributes();
            return new ImportStatement(bare, null, null, named, line);
        }

        if (IsIdent && !Is("from") || IsIdent && PeekToken(1).Is("from") && PeekToken(2).Kind == TsTokenKind.String)
        {
            defaultName = Advance().Text;
            if (Is("="))
            {
                // import x = require('m')
                Advance();
                var value = ParseExpression();
                Accept(";");
                var module = value is CallExpr { Arguments: [StringExpr s] } ? s.Value : "";
                return new ImportStatement(module, null, defaultName, named, line);
            }

            Accept(",");
        }

        if (Accept("*"))
        {
            Accept("as");
            namespaceName = IsIdent ? Advance().Text : null;
        }
        else if (Is("{"))
        {
            named.AddRange(ParseNamedSpecifiers());
        }

        var from = "";
        if (Accept("from") && Current.Kind == TsTokenKind.String)
        {
            from = Advance().Text;
        }

        SkipImportAttributes();
        return new ImportStatement(from, defaultName, namespaceName, named, line);
    }

    private void SkipImportAttributes()
    {
        if ((Is("with") || Is("assert")) && PeekToken(1).Is("{"))
        {
            Advance();
            SkipBalanced();
        }

        Accept(";");
    }

    /// <summary><c>{ a, b as c, type d, default as e }</c> → (imported, local) pairs.</summary>
    private List<(string, string)> ParseNamedSpecifiers()
    {
        var names = new List<(string, string)>();
        Accept("{");
        while (!AtEnd && !Is("}"))
        {
            var before = _pos;
            if (Is("type") && PeekToken(1).Kind is TsTokenKind.Identifier or TsTokenKind.String && !PeekToken(1).Is("as"))
            {
                Advance();
            }

            if (IsIdent || Current.Kind == TsTokenKind.String)
            {
                var imported = Advance().Text;
                var local = imported;
                if (Accept("as") && (IsIdent || Current.Kind == TsTokenKind.String))
                {
                    local = Advance().Text;
                }

                names.Add((imported, local));
            }

            Accept(",");
            EnsureProgress(before);
        }

        Accept("}");
        return names;
    }

    private TsStatement ParseExport()
    {
        var line = Advance().Line;
        if (Is("default"))
        {
            Advance();
            var jsDoc = Current.JsDoc;
            if (Is("@"))
            {
                SkipDecorators();
            }

            if (Is("function") || Is("async") && PeekToken(1).Is("function"))
            {
                Accept("async");
                return new FunctionStatement(ParseFunction(), true, true, line);
            }

            if ((Is("class") || Is("abstract")) && !PeekToken(1).Is("{"))
            {
                return new TypeDeclStatement(ParseClass(jsDoc), true, true, line);
            }

            if (Is("interface"))
            {
                return new TypeDeclStatement(ParseInterface(), true, true, line);
            }

            var value = ParseAssignment();
            Accept(";");
            return new ExportDefaultStatement(value, line);
        }

        if (Is("="))
        {
            Advance();
            var value = ParseAssignment();
            Accept(";");
            return new ExportDefaultStatement(value, line);
        }

        if (Is("type") && PeekToken(1).Is("{") || Is("type") && PeekToken(1).Is("*"))
        {
            Advance();
        }

        if (Is("{") || Is("*"))
        {
            var names = new List<(string, string)>();
            var all = false;
            if (Accept("*"))
            {
                if (Accept("as") && IsIdent)
                {
                    names.Add(("*", Advance().Text));
                }
                else
                {
                    all = true;
                }
            }
            else
            {
                names.AddRange(ParseNamedSpecifiers());
            }

            string? from = null;
            if (Accept("from") && Current.Kind == TsTokenKind.String)
            {
                from = Advance().Text;
            }

            SkipImportAttributes();
            return new ExportNamesStatement(names, from, all, line);
        }

        Accept("declare");
        var statement = ParseStatement();
        return statement switch
        {
            VarStatement v => v with { Exported = true },
            FunctionStatement f => f with { Exported = true },
            TypeDeclStatement t => t with { Exported = true },
            _ => statement,
        };
    }

    private VarStatement ParseVarStatement(bool exported)
    {
        var line = Advance().Line;
        var declarators = new List<VarDeclarator>();
        do
        {
            var before = _pos;
            var declLine = Current.Line;
            var pattern = ParsePattern();
            Accept("!");
            TsType? type = null;
            if (Accept(":"))
            {
                type = ParseType();
            }

            TsExpr? init = null;
            if (Accept("="))
            {
                init = ParseAssignment();
            }

            declarators.Add(new VarDeclarator(pattern, type, init, declLine));
            if (_pos == before)
            {
                break;
            }
        }
        while (Accept(","));

        Accept(";");
        return new VarStatement(declarators, exported, line);
    }

    private TsPattern ParsePattern() => Guarded(ParsePatternCore, () => new NamePattern("", Current.Line));

    private TsPattern ParsePatternCore()
    {
        var line = Current.Line;
        if (Is("{"))
        {
            Advance();
            var members = new List<(string, TsPattern)>();
            while (!AtEnd && !Is("}"))
            {
                var before = _pos;
                if (Accept("..."))
                {
                    var rest = ParsePattern();
                    members.Add(("...", rest));
                }
                else if (IsIdent || Current.Kind is TsTokenKind.String or TsTokenKind.Number)
                {
                    var keyToken = Advance();
                    TsPattern value = new NamePattern(keyToken.Text, keyToken.Line);
                    if (Accept(":"))
                    {
                        value = ParsePattern();
                    }

                    if (Accept("="))
                    {
                        ParseAssignment();
                    }

                    members.Add((keyToken.Text, value));
                }
                else if (Is("["))
                {
                    SkipBalanced();
                    if (Accept(":"))
                    {
                        ParsePattern();
                    }
                }

                Accept(",");
                EnsureProgress(before);
            }

            Accept("}");
            return new ObjectPattern(members, line);
        }

        if (Is("["))
        {
            Advance();
            var elements = new List<TsPattern?>();
            while (!AtEnd && !Is("]"))
            {
                var before = _pos;
                if (Is(","))
                {
                    elements.Add(null);
                    Advance();
                    continue;
                }

                Accept("...");
                elements.Add(ParsePattern());
                if (Accept("="))
                {
                    ParseAssignment();
                }

                Accept(",");
                EnsureProgress(before);
            }

            Accept("]");
            return new ArrayPattern(elements, line);
        }

        if (IsIdent)
        {
            return new NamePattern(Advance().Text, line);
        }

        return new NamePattern("", line);
    }

    // ---------- functions ----------

    /// <summary>At <c>function</c>: name, parameters, body.</summary>
    private FunctionExpr ParseFunction()
    {
        var line = Advance().Line;
        Accept("*");
        string? name = IsIdent ? Advance().Text : null;
        return ParseFunctionRest(name, line);
    }

    private void ParseReturnType()
    {
        // `x is T` / `asserts x is T` predicates.
        if (Is("asserts"))
        {
            Advance();
        }

        if (IsIdent && PeekToken(1).Is("is"))
        {
            Advance();
            Advance();
        }

        ParseType();
    }

    private List<TsParam> ParseParameters()
    {
        var parameters = new List<TsParam>();
        Accept("(");
        while (!AtEnd && !Is(")"))
        {
            var before = _pos;
            var line = Current.Line;
            ParseDecorators();
            while (IsIdent && ClassModifiers.Contains(Current.Text) && PeekToken(1).Kind == TsTokenKind.Identifier)
            {
                Advance();
            }

            var isRest = Accept("...");
            var pattern = ParsePattern();
            Accept("?");
            TsType? type = null;
            if (Accept(":"))
            {
                type = ParseType();
            }

            TsExpr? defaultValue = null;
            if (Accept("="))
            {
                defaultValue = ParseAssignment();
            }

            parameters.Add(new TsParam(pattern, type, defaultValue, isRest, line));
            if (!Accept(","))
            {
                if (!Is(")"))
                {
                    // Something this reader does not understand: skip to the closing parenthesis.
                    while (!AtEnd && !Is(")"))
                    {
                        if (IsOpener(Current))
                        {
                            SkipBalanced();
                        }
                        else
                        {
                            Advance();
                        }
                    }
                }
            }

            EnsureProgress(before);
        }

        Accept(")");
        return parameters;
    }

    private void SkipTypeParameters()
    {
        if (!Is("<"))
        {
            return;
        }

        var depth = 0;
        do
        {
            if (Is("<"))
            {
                depth++;
            }
            else if (Is(">"))
            {
                depth--;
            }
            else if (Is("=>"))
            {
                // part of a default like `T = () => void`: no bracket change.
            }
            else if (IsOpener(Current))
            {
                SkipBalanced();
                continue;
            }
            else if (Is(";") || Is("{") && depth <= 0)
            {
                return;
            }

            Advance();
        }
        while (depth > 0 && !AtEnd);
    }

    private List<string> ParseTypeParameterNames()
    {
        var names = new List<string>();
        if (!Is("<"))
        {
            return names;
        }

        var start = _pos;
        Advance();
        if (IsIdent)
        {
            names.Add(Current.Text);
        }

        _pos = start;
        var depth = 0;
        do
        {
            if (Is("<"))
            {
                depth++;
            }
            else if (Is(">"))
            {
                depth--;
            }
            else if (Is(",") && depth == 1 && PeekToken(1).Kind == TsTokenKind.Identifier)
            {
                names.Add(PeekToken(1).Text);
            }
            else if (IsOpener(Current))
            {
                SkipBalanced();
                continue;
            }

            Advance();
        }
        while (depth > 0 && !AtEnd);

        return names;
    }

    /// <summary>Whether the tokens at the cursor start an arrow function.</summary>
    private bool LooksLikeArrow()
    {
        var i = _pos;
        if (_tokens[i].Is("async") && !_tokens[Math.Min(i + 1, _tokens.Count - 1)].Is("=>"))
        {
            var next = _tokens[Math.Min(i + 1, _tokens.Count - 1)];
            if (next.Line != _tokens[i].Line)
            {
                return false;
            }

            i++;
        }

        var t = _tokens[i];
        if (t.Kind == TsTokenKind.Identifier && _tokens[Math.Min(i + 1, _tokens.Count - 1)].Is("=>"))
        {
            return true;
        }

        if (t.Is("<"))
        {
            // generic arrow <T>(x: T) => …
            var depth = 0;
            for (; i < _tokens.Count; i++)
            {
                if (_tokens[i].Is("<"))
                {
                    depth++;
                }
                else if (_tokens[i].Is(">") && --depth == 0)
                {
                    i++;
                    break;
                }
                else if (_tokens[i].Is(";") || _tokens[i].Kind == TsTokenKind.End)
                {
                    return false;
                }
            }

            t = _tokens[Math.Min(i, _tokens.Count - 1)];
        }

        if (!t.Is("("))
        {
            return false;
        }

        var close = MatchingIndex(i);
        if (close < 0)
        {
            return false;
        }

        var after = _tokens[Math.Min(close + 1, _tokens.Count - 1)];
        if (after.Is("=>"))
        {
            return true;
        }

        if (!after.Is(":"))
        {
            return false;
        }

        // (a): T => …  — skip the return type speculatively.
        var save = _pos;
        _pos = close + 2;
        try
        {
            ParseReturnType();
            return Is("=>");
        }
        finally
        {
            _pos = save;
        }
    }

    private FunctionExpr ParseArrow()
    {
        var line = Current.Line;
        Accept("async");
        SkipTypeParameters();
        List<TsParam> parameters;
        if (IsIdent)
        {
            var name = Advance();
            parameters = [new TsParam(new NamePattern(name.Text, name.Line), null, null, false, name.Line)];
        }
        else
        {
            parameters = ParseParameters();
        }

        if (Accept(":"))
        {
            ParseReturnType();
        }

        Accept("=>");
        if (Is("{"))
        {
            return new FunctionExpr(null, parameters, ParseBlock(), null, line);
        }

        return new FunctionExpr(null, parameters, null, ParseAssignment(), line);
    }

    // ---------- expressions ----------

    private TsExpr ParseExpression() => ParseAssignment();

    private TsExpr ParseAssignment() => Guarded(ParseAssignmentCore, () => new OtherExpr(Current.Line));

    private TsExpr ParseAssignmentCore()
    {
        if (LooksLikeArrow())
        {
            return ParseArrow();
        }

        if (Is("yield"))
        {
            Advance();
            Accept("*");
            if (Is(")") || Is("]") || Is("}") || Is(",") || Is(";"))
            {
                return new OtherExpr(Current.Line);
            }
        }

        var left = ParseConditional();
        if (Current.Kind == TsTokenKind.Punct && AssignOps.Contains(Current.Text))
        {
            var line = Advance().Line;
            return new AssignExpr(left, ParseAssignment(), line);
        }

        // `a >>= b` and similar arrive as separate tokens; treat as an opaque assignment.
        return left;
    }

    private TsExpr ParseConditional()
    {
        var test = ParseBinary(0);
        if (!Is("?"))
        {
            return test;
        }

        var line = Advance().Line;
        var whenTrue = ParseAssignment();
        Accept(":");
        var whenFalse = ParseAssignment();
        return new ConditionalExpr(test, whenTrue, whenFalse, line);
    }

    private TsExpr ParseBinary(int minPrecedence)
    {
        var left = ParseUnary();
        while (true)
        {
            if (IsIdent && (Is("as") || Is("satisfies")))
            {
                var asLine = Advance().Line;
                var type = Is("const") ? new TypeRef(Advance().Text, [], asLine) : ParseType();
                left = new AsExpr(left, type, asLine);
                continue;
            }

            var op = Current.Text;
            var width = 1;
            if (Current.Kind == TsTokenKind.Punct && op == ">")
            {
                // `>` tokens are single so generics close cleanly; re-join `>=`, `>>`, `>>>` here.
                var next = PeekToken(1);
                if (Adjacent(Current, next) && next.Text is "=" or ">" or "==" or ">=")
                {
                    op = next.Text == "=" ? ">=" : ">>";
                    width = 2;
                }
            }

            var isOperatorToken = Current.Kind == TsTokenKind.Punct || IsIdent && op is "instanceof" or "in";
            if (!isOperatorToken || !BinaryPrecedence.TryGetValue(op, out var precedence) || precedence < minPrecedence)
            {
                return left;
            }

            var line = Current.Line;
            for (var i = 0; i < width; i++)
            {
                Advance();
            }

            var right = Guarded(() => ParseBinary(precedence + 1), () => new OtherExpr(line));
            left = new BinaryExpr(op, left, right, line);
        }
    }

    private TsExpr ParseUnary()
    {
        var token = Current;
        if (token.Kind == TsTokenKind.Punct && token.Text is "!" or "-" or "+" or "~" or "++" or "--"
            || token.Kind == TsTokenKind.Identifier && token.Text is "typeof" or "void" or "delete" or "await"
                && !PeekToken(1).Is(")") && !PeekToken(1).Is(",") && !PeekToken(1).Is(";") && !PeekToken(1).Is("=>"))
        {
            Advance();
            var operand = Guarded(ParseUnary, () => new OtherExpr(token.Line));
            return token.Text == "await" ? operand : new UnaryExpr(token.Text, operand, token.Line);
        }

        if (token.Is("<") && PeekToken(1).Kind == TsTokenKind.Identifier)
        {
            // <T>value type assertion
            var save = _pos;
            Advance();
            var type = ParseType();
            if (Accept(">"))
            {
                return new AsExpr(Guarded(ParseUnary, () => new OtherExpr(token.Line)), type, token.Line);
            }

            _pos = save;
        }

        return ParsePostfix();
    }

    private TsExpr ParsePostfix()
    {
        var expr = ParsePrimary();
        while (true)
        {
            var token = Current;
            if (token.Is(".") || token.Is("?."))
            {
                Advance();
                if (Is("#"))
                {
                    Advance();
                }

                if (IsIdent)
                {
                    expr = new MemberExpr(expr, Advance().Text, token.Line);
                }
                else if (Is("("))
                {
                    expr = new CallExpr(expr, ParseArguments(), [], token.Line);
                }
                else if (Is("["))
                {
                    Advance();
                    var index = ParseExpression();
                    Accept("]");
                    expr = new IndexExpr(expr, index, token.Line);
                }
            }
            else if (token.Is("("))
            {
                expr = new CallExpr(expr, ParseArguments(), [], expr.Line);
            }
            else if (token.Is("["))
            {
                Advance();
                var index = ParseExpression();
                Accept("]");
                expr = new IndexExpr(expr, index, token.Line);
            }
            else if (token.Is("!") && !PeekToken(1).Is("=") && Adjacent(_tokens[_pos - 1], token))
            {
                Advance();
            }
            else if ((token.Is("++") || token.Is("--")) && token.Line == _tokens[Math.Max(_pos - 1, 0)].Line)
            {
                Advance();
            }
            else if (token.Kind == TsTokenKind.Template)
            {
                Advance();
                expr = new CallExpr(expr, [], [], token.Line);
            }
            else if (token.Is("<") && TryParseTypeArgumentsBeforeCall(out var typeArgs))
            {
                expr = new CallExpr(expr, ParseArguments(), typeArgs, expr.Line);
            }
            else
            {
                return expr;
            }
        }
    }

    private bool TryParseTypeArgumentsBeforeCall(out IReadOnlyList<TsType> typeArgs)
    {
        // `f<T>(x)` is a generic call; `a < b` is a comparison: parse speculatively and rewind when it is not a call.
        var save = _pos;
        typeArgs = [];
        var args = ParseTypeArguments();
        if (args is not null && Is("("))
        {
            typeArgs = args;
            return true;
        }

        _pos = save;
        return false;
    }

    private List<TsExpr> ParseArguments()
    {
        var args = new List<TsExpr>();
        Accept("(");
        while (!AtEnd && !Is(")"))
        {
            var before = _pos;
            if (Is("..."))
            {
                var line = Advance().Line;
                args.Add(new SpreadExpr(ParseAssignment(), line));
            }
            else
            {
                args.Add(ParseAssignment());
            }

            if (!Accept(",") && !Is(")"))
            {
                // Damaged argument list: skip what is left of it.
                while (!AtEnd && !Is(")") && !Is(";") && !Is("}"))
                {
                    if (IsOpener(Current))
                    {
                        SkipBalanced();
                    }
                    else
                    {
                        Advance();
                    }
                }

                break;
            }

            EnsureProgress(before);
        }

        Accept(")");
        return args;
    }

    private TsExpr ParsePrimary()
    {
        var token = Current;
        var line = token.Line;
        switch (token.Kind)
        {
            case TsTokenKind.String:
                Advance();
                return new StringExpr(token.Text, line);
            case TsTokenKind.Number:
                Advance();
                return new NumberExpr(token.Text, line);
            case TsTokenKind.Regex:
                Advance();
                return new RegexExpr(token.Text, line);
            case TsTokenKind.Template:
                Advance();
                return new TemplateExpr(token.Quasis, token.Substitutions.Select(ParseSubstitution).ToList(), line);
            case TsTokenKind.End:
                return new OtherExpr(line);
        }

        if (token.Kind == TsTokenKind.Identifier)
        {
            switch (token.Text)
            {
                case "true" or "false" or "null" or "undefined" or "this" or "super":
                    Advance();
                    return new KeywordExpr(token.Text, line);
                case "function":
                    return ParseFunction();
                case "async" when PeekToken(1).Is("function"):
                    Advance();
                    return ParseFunction();
                case "class":
                    return new ClassExpr(ParseClass(token.JsDoc), line);
                case "new":
                    Advance();
                    if (Accept("."))
                    {
                        Advance();
                        return new OtherExpr(line);
                    }

                    var callee = ParseNewCallee();
                    if (Is("<"))
                    {
                        var save = _pos;
                        if (ParseTypeArguments() is null)
                        {
                            _pos = save;
                        }
                    }

                    var args = Is("(") ? ParseArguments() : [];
                    return new NewExpr(callee, args, line);
            }

            Advance();
            return new IdentExpr(token.Text, line);
        }

        switch (token.Text)
        {
            case "(":
            {
                Advance();
                var inner = ParseExpression();
                while (Accept(","))
                {
                    inner = ParseAssignment();
                }

                Accept(")");
                return inner;
            }
            case "[":
                return ParseArrayLiteral();
            case "{":
                return ParseObjectLiteral();
            case "@":
                ParseDecorators();
                return ParsePrimary();
            case "#":
                Advance();
                return ParsePrimary();
        }

        if (IsOpener(token))
        {
            SkipBalanced();
        }
        else if (!IsCloser(token) && !token.Is(";") && !token.Is(","))
        {
            Advance();
        }

        return new OtherExpr(line);
    }

    private TsExpr ParseNewCallee()
    {
        TsExpr callee = IsIdent ? new IdentExpr(Advance().Text, Current.Line) : ParsePrimary();
        while (Is(".") && PeekToken(1).Kind == TsTokenKind.Identifier)
        {
            Advance();
            var name = Advance();
            callee = new MemberExpr(callee, name.Text, name.Line);
        }

        return callee;
    }

    private static TsExpr ParseSubstitution(IReadOnlyList<TsToken> tokens)
    {
        var line = tokens.Count > 0 ? tokens[0].Line : 0;
        var withEnd = tokens.Append(new TsToken(TsTokenKind.End, "", line, 0)).ToList();
        var parser = new TsParser(withEnd);
        return parser.ParseExpression();
    }

    private TsExpr ParseArrayLiteral()
    {
        var line = Advance().Line;
        var elements = new List<TsExpr>();
        while (!AtEnd && !Is("]"))
        {
            var before = _pos;
            if (Is(","))
            {
                Advance();
                continue;
            }

            if (Is("..."))
            {
                var spreadLine = Advance().Line;
                elements.Add(new SpreadExpr(ParseAssignment(), spreadLine));
            }
            else
            {
                elements.Add(ParseAssignment());
            }

            if (!Accept(",") && !Is("]"))
            {
                break;
            }

            EnsureProgress(before);
        }

        Accept("]");
        return new ArrayExpr(elements, line);
    }

    private TsExpr ParseObjectLiteral()
    {
        var line = Advance().Line;
        var properties = new List<ObjectProperty>();
        while (!AtEnd && !Is("}"))
        {
            var before = _pos;
            var propLine = Current.Line;
            if (Is("..."))
            {
                Advance();
                properties.Add(new ObjectProperty("...", null, ParseAssignment(), propLine));
            }
            else
            {
                // get/set/async/* method prefixes
                if ((Is("get") || Is("set") || Is("async") || Is("static")) && PeekToken(1).Kind is TsTokenKind.Identifier or TsTokenKind.String || PeekToken(1).Is("["))
                {
                    if (!PeekToken(1).Is("(") && !PeekToken(1).Is(":") && !PeekToken(1).Is(",") && !PeekToken(1).Is("}"))
                    {
                        Advance();
                    }
                }

                Accept("*");
                string? key = null;
                TsExpr? computed = null;
                if (IsIdent || Current.Kind is TsTokenKind.String or TsTokenKind.Number)
                {
                    key = Advance().Text;
                }
                else if (Is("["))
                {
                    Advance();
                    computed = ParseAssignment();
                    Accept("]");
                }
                else
                {
                    if (IsOpener(Current))
                    {
                        SkipBalanced();
                    }
                    else
                    {
                        Advance();
                    }

                    Accept(",");
                    EnsureProgress(before);
                    continue;
                }

                Accept("?");
                if (Accept(":"))
                {
                    properties.Add(new ObjectProperty(key, computed, ParseAssignment(), propLine));
                }
                else if (Is("(") || Is("<"))
                {
                    properties.Add(new ObjectProperty(key, computed, ParseFunctionRest(key, propLine), propLine));
                }
                else
                {
                    if (Accept("="))
                    {
                        ParseAssignment();
                    }

                    properties.Add(new ObjectProperty(key, computed, new IdentExpr(key ?? "", propLine), propLine));
                }
            }

            if (!Accept(",") && !Is("}"))
            {
                // Damaged literal: resynchronise at the closing brace.
                while (!AtEnd && !Is("}") && !Is(","))
                {
                    if (IsOpener(Current))
                    {
                        SkipBalanced();
                    }
                    else if (IsCloser(Current) || Is(";"))
                    {
                        break;
                    }
                    else
                    {
                        Advance();
                    }
                }

                if (!Accept(","))
                {
                    break;
                }
            }

            EnsureProgress(before);
        }

        Accept("}");
        return new ObjectExpr(properties, line);
    }

    // ---------- declarations ----------

    private TsClass ParseClass(string? jsDoc)
    {
        var line = Current.Line;
        Accept("abstract");
        Accept("class");
        var name = IsIdent && !Is("extends") && !Is("implements") ? Advance().Text : "";
        SkipTypeParameters();
        TsType? extends = null;
        if (Accept("extends"))
        {
            extends = ParseTypeOperand();
            if (Is("("))
            {
                SkipBalanced();
            }
        }

        if (Accept("implements"))
        {
            do
            {
                ParseTypeOperand();
            }
            while (Accept(","));
        }

        var members = new List<TsMember>();
        var methods = new List<FunctionExpr>();
        var staticMethods = new List<FunctionExpr>();
        FunctionExpr? constructor = null;
        if (!Accept("{"))
        {
            return new TsClass(name, extends, members, jsDoc, line);
        }

        while (!AtEnd && !Is("}"))
        {
            var before = _pos;
            var memberDoc = Current.JsDoc;
            var decorators = ParseDecorators();
            memberDoc ??= Current.JsDoc;
            var isStatic = false;
            while (IsIdent && ClassModifiers.Contains(Current.Text)
                   && (PeekToken(1).Kind is TsTokenKind.Identifier or TsTokenKind.String || PeekToken(1).Is("[") || PeekToken(1).Is("#")))
            {
                isStatic |= Advance().Text == "static";
            }

            if (Is("static") && PeekToken(1).Is("{"))
            {
                Advance();
                SkipBalanced();
                continue;
            }

            if ((Is("get") || Is("set")) && PeekToken(1).Kind == TsTokenKind.Identifier)
            {
                // Accessors are neither data members nor methods a route calls.
                Advance();
                Advance();
                SkipMethodRest();
                continue;
            }

            if (Is("async") && PeekToken(1).Kind == TsTokenKind.Identifier)
            {
                Advance();
            }

            Accept("#");
            Accept("*");
            if (Is("constructor") && PeekToken(1).Is("("))
            {
                var constructorToken = Advance();
                var signature = ParseFunctionRest("constructor", constructorToken.Line);
                members.AddRange(ConstructorParameterProperties(signature));
                // Overload signatures have no body; the implementation is what runs.
                constructor = signature.Body is not null || constructor is null ? signature : constructor;
                continue;
            }

            if (Is("["))
            {
                var indexMember = ParseIndexSignature(memberDoc);
                if (indexMember is not null)
                {
                    members.Add(indexMember);
                }

                Accept(";");
                Accept(",");
                EnsureProgress(before);
                continue;
            }

            if (IsIdent || Current.Kind is TsTokenKind.String or TsTokenKind.Number)
            {
                var nameToken = Advance();
                if (Is("(") || Is("<"))
                {
                    var method = ParseFunctionRest(nameToken.Text, nameToken.Line);
                    if (method.Body is not null)
                    {
                        // Overload and abstract signatures have no body: only the implementation is called.
                        (isStatic ? staticMethods : methods).Add(method);
                    }

                    continue;
                }

                var optional = Accept("?");
                Accept("!");
                TsType? type = null;
                if (Accept(":"))
                {
                    type = ParseType();
                }

                TsExpr? init = null;
                if (Accept("="))
                {
                    init = ParseAssignment();
                }

                members.Add(new TsMember(nameToken.Text, optional, type, memberDoc, nameToken.Line) { Decorators = decorators, Initializer = init });
                Accept(";");
                Accept(",");
            }
            else if (IsOpener(Current))
            {
                SkipBalanced();
            }

            EnsureProgress(before);
        }

        Accept("}");
        return new TsClass(name, extends, members, jsDoc, line) { Methods = methods, StaticMethods = staticMethods, Constructor = constructor };
    }

    /// <summary>After a function's or method's name: type parameters, parameters, return type and body (none for an overload signature).</summary>
    private FunctionExpr ParseFunctionRest(string? name, int line)
    {
        SkipTypeParameters();
        var parameters = Is("(") ? ParseParameters() : [];
        if (Accept(":"))
        {
            ParseReturnType();
        }

        var body = Is("{") ? ParseBlock() : null;
        Accept(";");
        return new FunctionExpr(name, parameters, body, null, line);
    }

    private void SkipMethodRest()
    {
        SkipTypeParameters();
        if (Is("("))
        {
            SkipBalanced();
        }

        if (Accept(":"))
        {
            ParseReturnType();
        }

        if (Is("{"))
        {
            SkipBalanced();
        }

        Accept(";");
    }

    private static List<TsMember> ConstructorParameterProperties(FunctionExpr constructor)
    {
        var members = new List<TsMember>();
        foreach (var parameter in constructor.Parameters)
        {
            // Only parameters with an accessibility modifier become properties; ParseParameters drops the modifier,
            // so keep every named typed parameter: DTO classes rarely take other constructor arguments.
            if (parameter.Pattern is NamePattern { Name.Length: > 0 } name && parameter.Type is not null)
            {
                members.Add(new TsMember(name.Name, parameter.Default is not null, parameter.Type, null, parameter.Line));
            }
        }

        return members;
    }

    private TsInterface ParseInterface()
    {
        var jsDoc = Current.JsDoc;
        var line = Advance().Line;
        var name = IsIdent ? Advance().Text : "";
        var typeParameters = ParseTypeParameterNames();
        var extends = new List<TsType>();
        if (Accept("extends"))
        {
            do
            {
                extends.Add(ParseTypeOperand());
            }
            while (Accept(","));
        }

        var members = Is("{") ? ParseTypeMembers() : [];
        return new TsInterface(name, typeParameters, extends, members, jsDoc, line);
    }

    private TsTypeAlias ParseTypeAlias()
    {
        var jsDoc = Current.JsDoc;
        var line = Advance().Line;
        var name = Advance().Text;
        var typeParameters = ParseTypeParameterNames();
        Accept("=");
        var type = ParseType();
        Accept(";");
        return new TsTypeAlias(name, typeParameters, type, jsDoc, line);
    }

    private TsEnum ParseEnum()
    {
        var jsDoc = Current.JsDoc;
        var line = Advance().Line;
        var name = IsIdent ? Advance().Text : "";
        var members = new List<(string, TsExpr?)>();
        if (Accept("{"))
        {
            while (!AtEnd && !Is("}"))
            {
                var before = _pos;
                if (IsIdent || Current.Kind == TsTokenKind.String)
                {
                    var memberName = Advance().Text;
                    TsExpr? value = null;
                    if (Accept("="))
                    {
                        value = ParseAssignment();
                    }

                    members.Add((memberName, value));
                }

                if (!Accept(",") && !Is("}"))
                {
                    Advance();
                }

                EnsureProgress(before);
            }

            Accept("}");
        }

        return new TsEnum(name, members, jsDoc, line);
    }

    // ---------- types ----------

    private TsType ParseType() => Guarded(ParseTypeCore, () => new OtherType(Current.Line));

    private TsType ParseTypeCore()
    {
        var line = Current.Line;
        var type = ParseUnionType();
        if (Is("extends") && PeekToken(1).Kind != TsTokenKind.End)
        {
            // conditional type: T extends U ? X : Y
            Advance();
            ParseUnionType();
            if (Accept("?"))
            {
                ParseType();
                Accept(":");
                ParseType();
            }

            return new OtherType(line);
        }

        return type;
    }

    private TsType ParseUnionType()
    {
        var line = Current.Line;
        Accept("|");
        var types = new List<TsType> { ParseIntersectionType() };
        while (Is("|"))
        {
            Advance();
            types.Add(ParseIntersectionType());
        }

        return types.Count == 1 ? types[0] : new UnionType(types, line);
    }

    private TsType ParseIntersectionType()
    {
        var line = Current.Line;
        Accept("&");
        var types = new List<TsType> { ParseTypeOperand() };
        while (Is("&"))
        {
            Advance();
            types.Add(ParseTypeOperand());
        }

        return types.Count == 1 ? types[0] : new IntersectionType(types, line);
    }

    private TsType ParseTypeOperand() => Guarded(ParseTypeOperandCore, () => new OtherType(Current.Line));

    private TsType ParseTypeOperandCore()
    {
        var token = Current;
        var line = token.Line;
        TsType type;
        if (token.Is("keyof") || token.Is("unique") || token.Is("infer"))
        {
            Advance();
            ParseTypeOperand();
            type = new OtherType(line);
        }
        else if (token.Is("readonly"))
        {
            Advance();
            type = ParseTypeOperand();
        }
        else if (token.Is("typeof"))
        {
            Advance();
            TsExpr target = new IdentExpr(IsIdent ? Advance().Text : "", line);
            while (Is(".") && PeekToken(1).Kind == TsTokenKind.Identifier)
            {
                Advance();
                target = new MemberExpr(target, Advance().Text, line);
            }

            type = new TypeofType(target, line);
        }
        else if (token.Is("new") || token.Is("abstract") && PeekToken(1).Is("new"))
        {
            Accept("abstract");
            Advance();
            SkipTypeParameters();
            if (Is("("))
            {
                SkipBalanced();
            }

            if (Accept("=>"))
            {
                ParseType();
            }

            type = new OtherType(line);
        }
        else if (token.Is("(") || token.Is("<"))
        {
            var close = token.Is("(") ? MatchingIndex(_pos) : -1;
            if (token.Is("<") || close > 0 && _tokens[Math.Min(close + 1, _tokens.Count - 1)].Is("=>"))
            {
                SkipTypeParameters();
                if (Is("("))
                {
                    SkipBalanced();
                }

                Accept("=>");
                ParseReturnType();
                type = new OtherType(line);
            }
            else
            {
                Advance();
                type = ParseType();
                Accept(")");
            }
        }
        else if (token.Is("{"))
        {
            type = new TypeLiteral(ParseTypeMembers(), line);
        }
        else if (token.Is("["))
        {
            type = ParseTuple();
        }
        else if (token.Kind == TsTokenKind.String)
        {
            Advance();
            type = new LiteralType("string", token.Text, line);
        }
        else if (token.Kind == TsTokenKind.Template)
        {
            Advance();
            type = token.Substitutions.Count == 0 ? new LiteralType("string", token.Text, line) : new TypeRef("string", [], line);
        }
        else if (token.Kind == TsTokenKind.Number)
        {
            Advance();
            type = new LiteralType("number", token.Text, line);
        }
        else if (token.Is("-") && PeekToken(1).Kind == TsTokenKind.Number)
        {
            Advance();
            type = new LiteralType("number", "-" + Advance().Text, line);
        }
        else if (token.Kind == TsTokenKind.Identifier)
        {
            Advance();
            if (token.Text is "true" or "false")
            {
                type = new LiteralType("boolean", token.Text, line);
            }
            else if (token.Text == "null")
            {
                type = new LiteralType("null", "null", line);
            }
            else if (Is("is") && Current.Line == line)
            {
                Advance();
                ParseType();
                type = new OtherType(line);
            }
            else
            {
                var name = token.Text;
                while (Is(".") && PeekToken(1).Kind == TsTokenKind.Identifier)
                {
                    Advance();
                    name += "." + Advance().Text;
                }

                var args = Is("<") ? ParseTypeArguments() ?? [] : [];
                type = new TypeRef(name, args, line);
            }
        }
        else
        {
            if (IsOpener(token))
            {
                SkipBalanced();
            }
            else if (!IsCloser(token) && !token.Is(";") && !token.Is(",") && !token.Is("=") && !token.Is(">"))
            {
                Advance();
            }

            return new OtherType(line);
        }

        // postfix: T[] and T[K]
        while (Is("[") && Current.Line == _tokens[Math.Max(_pos - 1, 0)].Line)
        {
            if (PeekToken(1).Is("]"))
            {
                Advance();
                Advance();
                type = new ArrayType(type, line);
            }
            else
            {
                SkipBalanced();
                type = new OtherType(line);
            }
        }

        return type;
    }

    /// <summary>At <c>&lt;</c>: type arguments up to the matching <c>&gt;</c>; null when this is not a type argument list.</summary>
    private List<TsType>? ParseTypeArguments()
    {
        if (!Accept("<"))
        {
            return null;
        }

        var args = new List<TsType>();
        while (!AtEnd && !Is(">"))
        {
            var before = _pos;
            args.Add(ParseType());
            if (!Accept(","))
            {
                break;
            }

            EnsureProgress(before);
        }

        return Accept(">") ? args : null;
    }

    private TsType ParseTuple()
    {
        var line = Advance().Line;
        var elements = new List<TsType>();
        while (!AtEnd && !Is("]"))
        {
            var before = _pos;
            Accept("...");
            if (IsIdent && (PeekToken(1).Is(":") || PeekToken(1).Is("?") && PeekToken(2).Is(":")))
            {
                Advance();
                Accept("?");
                Accept(":");
            }

            elements.Add(ParseType());
            Accept("?");
            if (!Accept(",") && !Is("]"))
            {
                break;
            }

            EnsureProgress(before);
        }

        while (!AtEnd && !Is("]") && !Is(";") && !Is("}"))
        {
            if (IsOpener(Current))
            {
                SkipBalanced();
            }
            else
            {
                Advance();
            }
        }

        Accept("]");
        return new TupleType(elements, line);
    }

    private List<TsMember> ParseTypeMembers()
    {
        var members = new List<TsMember>();
        Accept("{");
        while (!AtEnd && !Is("}"))
        {
            var before = _pos;
            var jsDoc = Current.JsDoc;
            Accept("readonly");
            if (Is("-") || Is("+"))
            {
                Advance();
                Accept("readonly");
            }

            if (Is("["))
            {
                var indexMember = ParseIndexSignature(jsDoc);
                if (indexMember is not null)
                {
                    members.Add(indexMember);
                }
            }
            else if (Is("(") || Is("<") || Is("new"))
            {
                // call or construct signature
                Accept("new");
                SkipMethodRest();
            }
            else if (IsIdent || Current.Kind is TsTokenKind.String or TsTokenKind.Number)
            {
                var nameToken = Advance();
                var optional = Accept("?");
                if (Is("(") || Is("<"))
                {
                    SkipTypeParameters();
                    if (Is("("))
                    {
                        SkipBalanced();
                    }

                    if (Accept(":"))
                    {
                        ParseReturnType();
                    }
                }
                else
                {
                    TsType? type = null;
                    if (Accept(":"))
                    {
                        type = ParseType();
                    }

                    members.Add(new TsMember(nameToken.Text, optional, type, jsDoc ?? nameToken.JsDoc, nameToken.Line));
                }
            }

            if (!Accept(";") && !Accept(",") && !Is("}"))
            {
                // Damaged member: skip to the next separator.
                while (!AtEnd && !Is(";") && !Is(",") && !Is("}"))
                {
                    if (IsOpener(Current))
                    {
                        SkipBalanced();
                    }
                    else if (IsCloser(Current))
                    {
                        break;
                    }
                    else
                    {
                        Advance();
                    }
                }

                if (!Accept(";") && !Accept(",") && !Is("}"))
                {
                    break;
                }
            }

            EnsureProgress(before);
        }

        Accept("}");
        return members;
    }

    /// <summary>At <c>[</c> in a type or class body: an index signature, or a mapped/computed member (skipped: null).</summary>
    private TsMember? ParseIndexSignature(string? jsDoc)
    {
        var line = Current.Line;
        if (PeekToken(1).Kind == TsTokenKind.Identifier && PeekToken(2).Is(":"))
        {
            Advance();
            Advance();
            Advance();
            ParseType();
            Accept("]");
            Accept("?");
            TsType? valueType = null;
            if (Accept(":"))
            {
                valueType = ParseType();
            }

            return new TsMember("[key]", true, valueType, jsDoc, line) { IsIndexSignature = true };
        }

        SkipBalanced();
        Accept("?");
        Accept("-");
        Accept("?");
        if (Accept(":"))
        {
            ParseType();
        }

        if (Accept("="))
        {
            ParseAssignment();
        }

        return null;
    }
}
