using System.Globalization;
using System.Text;

namespace LoadTest.Tasks.Sources.Express.Syntax;

/// <summary>
/// Splits TypeScript/JavaScript into tokens. Tolerant by design: unterminated strings, comments or templates end
/// at the end of the file instead of failing, so damaged files still yield what can be read.
/// </summary>
internal sealed class TsTokenizer
{
    private static readonly string[] MultiCharPuncts =
    [
        "...", "===", "!==", "**=", "<<=", "&&=", "||=", "??=",
        "=>", "==", "!=", "<=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "**", "<<",
    ];

    private static readonly HashSet<string> KeywordsBeforeRegex =
        ["return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "yield", "await", "instanceof"];

    private readonly string _text;
    private readonly int _lineOffset;
    private int _pos;
    private int _line;
    private int _lineStart;
    private string? _pendingJsDoc;
    private TsToken? _previous;

    private TsTokenizer(string text, int firstLine)
    {
        _text = text;
        _line = firstLine;
        _lineOffset = firstLine;
    }

    private readonly List<(int Line, string Message)> _problems = [];

    public static IReadOnlyList<TsToken> Tokenize(string text, int firstLine = 1) => Tokenize(text, firstLine, out _);

    /// <summary>Tokenizes and reports what was unterminated (strings, templates, comments), with lines.</summary>
    public static IReadOnlyList<TsToken> Tokenize(string text, int firstLine, out IReadOnlyList<(int Line, string Message)> problems)
    {
        var tokenizer = new TsTokenizer(text, firstLine);
        var tokens = tokenizer.Run();
        problems = tokenizer._problems;
        return tokens;
    }

    private List<TsToken> Run()
    {
        var tokens = new List<TsToken>();
        while (true)
        {
            SkipTrivia();
            if (_pos >= _text.Length)
            {
                tokens.Add(new TsToken(TsTokenKind.End, "", _line, Column));
                return tokens;
            }

            var token = Next();
            if (_pendingJsDoc is not null)
            {
                token = token with { JsDoc = _pendingJsDoc };
                _pendingJsDoc = null;
            }

            tokens.Add(token);
            _previous = token;
        }
    }

    private int Column => _pos - _lineStart + 1;

    private void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                NewLine();
            }
            else if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                _pos++;
            }
            else if (c == '/' && Peek(1) == '/')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var start = _pos;
                var isDoc = Peek(2) == '*' && Peek(3) != '/';
                _pos += 2;
                while (_pos < _text.Length && !(_text[_pos] == '*' && Peek(1) == '/'))
                {
                    if (_text[_pos] == '\n')
                    {
                        NewLine();
                    }
                    else
                    {
                        _pos++;
                    }
                }

                if (_pos >= _text.Length)
                {
                    _problems.Add((_line, "unterminated comment"));
                }

                _pos = Math.Min(_pos + 2, _text.Length);
                if (isDoc)
                {
                    _pendingJsDoc = _text[start.._pos];
                }
            }
            else if (c == '#' && Peek(1) == '!' && _pos == 0)
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private void NewLine()
    {
        _pos++;
        _line++;
        _lineStart = _pos;
    }

    private char Peek(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private TsToken Next()
    {
        var line = _line;
        var column = Column;
        var c = _text[_pos];

        if (IsIdentifierStart(c))
        {
            var start = _pos;
            _pos++;
            while (_pos < _text.Length && IsIdentifierPart(_text[_pos]))
            {
                _pos++;
            }

            return new TsToken(TsTokenKind.Identifier, _text[start.._pos], line, column);
        }

        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1))))
        {
            return ReadNumber(line, column);
        }

        if (c is '\'' or '"')
        {
            return new TsToken(TsTokenKind.String, ReadString(c), line, column);
        }

        if (c == '`')
        {
            return ReadTemplate(line, column);
        }

        if (c == '/' && RegexAllowed())
        {
            return ReadRegex(line, column);
        }

        foreach (var punct in c is '.' or '=' or '!' or '*' or '<' or '&' or '|' or '?' or '+' or '-' or '/' or '%' or '^' ? MultiCharPuncts : [])
        {
            if (string.CompareOrdinal(_text, _pos, punct, 0, punct.Length) == 0)
            {
                // `a?.5:b` is a conditional, not optional chaining.
                if (punct == "?." && char.IsAsciiDigit(Peek(2)))
                {
                    break;
                }

                _pos += punct.Length;
                return new TsToken(TsTokenKind.Punct, punct, line, column);
            }
        }

        _pos++;
        return new TsToken(TsTokenKind.Punct, c.ToString(), line, column);
    }

    private bool RegexAllowed()
    {
        if (_previous is null)
        {
            return true;
        }

        return _previous.Kind switch
        {
            TsTokenKind.Identifier => KeywordsBeforeRegex.Contains(_previous.Text),
            TsTokenKind.Punct => _previous.Text is not (")" or "]"),
            _ => false,
        };
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c is '_' or '$' || c > 0x7f && char.IsLetterOrDigit(c);

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' || c == '\u200C' || c == '\u200D';

    private TsToken ReadNumber(int line, int column)
    {
        var start = _pos;
        if (_text[_pos] == '0' && (Peek(1) is 'x' or 'X' or 'b' or 'B' or 'o' or 'O'))
        {
            _pos += 2;
        }

        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '.'
                                       || (_text[_pos] is '+' or '-' && _text[_pos - 1] is 'e' or 'E' && !_text[start.._pos].StartsWith("0x", StringComparison.OrdinalIgnoreCase))))
        {
            _pos++;
        }

        var raw = _text[start.._pos].Replace("_", "", StringComparison.Ordinal).TrimEnd('n');
        return new TsToken(TsTokenKind.Number, raw, line, column);
    }

    private string ReadString(char quote)
    {
        var sb = new StringBuilder();
        _pos++;
        while (_pos < _text.Length && _text[_pos] != quote)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                // An unterminated string: stop at the line end so the rest of the file still tokenizes.
                _problems.Add((_line, "unterminated string literal"));
                return sb.ToString();
            }

            if (c == '\\')
            {
                ReadEscape(sb);
                continue;
            }

            sb.Append(c);
            _pos++;
        }

        if (_pos >= _text.Length)
        {
            _problems.Add((_line, "unterminated string literal at the end of the file"));
        }

        _pos = Math.Min(_pos + 1, _text.Length);
        return sb.ToString();
    }

    private void ReadEscape(StringBuilder sb)
    {
        _pos++;
        if (_pos >= _text.Length)
        {
            return;
        }

        var e = _text[_pos];
        _pos++;
        switch (e)
        {
            case 'n': sb.Append('\n'); break;
            case 't': sb.Append('\t'); break;
            case 'r': sb.Append('\r'); break;
            case 'b': sb.Append('\b'); break;
            case 'f': sb.Append('\f'); break;
            case 'v': sb.Append('\v'); break;
            case '0' when !char.IsAsciiDigit(Peek(0)): sb.Append('\0'); break;
            case '\n': _line++; _lineStart = _pos; break;
            case 'u':
                if (Peek(0) == '{')
                {
                    var close = _text.IndexOf('}', _pos);
                    if (close > 0 && int.TryParse(_text.AsSpan(_pos + 1, close - _pos - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var cp) && cp <= 0x10FFFF)
                    {
                        sb.Append(char.ConvertFromUtf32(cp));
                        _pos = close + 1;
                    }
                }
                else if (_pos + 4 <= _text.Length && int.TryParse(_text.AsSpan(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var u))
                {
                    sb.Append((char)u);
                    _pos += 4;
                }

                break;
            case 'x':
                if (_pos + 2 <= _text.Length && int.TryParse(_text.AsSpan(_pos, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var x))
                {
                    sb.Append((char)x);
                    _pos += 2;
                }

                break;
            default: sb.Append(e); break;
        }
    }

    private TsToken ReadTemplate(int line, int column)
    {
        var quasis = new List<string>();
        var substitutions = new List<IReadOnlyList<TsToken>>();
        var sb = new StringBuilder();
        _pos++;
        while (_pos < _text.Length && _text[_pos] != '`')
        {
            var c = _text[_pos];
            if (c == '\\')
            {
                ReadEscape(sb);
            }
            else if (c == '$' && Peek(1) == '{')
            {
                quasis.Add(sb.ToString());
                sb.Clear();
                _pos += 2;
                var exprLine = _line;
                var start = _pos;
                SkipBalancedTemplateExpression();
                var inner = _text[start..Math.Max(start, _pos)];
                var innerTokens = Tokenize(inner, exprLine);
                substitutions.Add(innerTokens.Take(innerTokens.Count - 1).ToList());
                _pos = Math.Min(_pos + 1, _text.Length);
            }
            else if (c == '\n')
            {
                sb.Append(c);
                NewLine();
            }
            else
            {
                sb.Append(c);
                _pos++;
            }
        }

        quasis.Add(sb.ToString());
        if (_pos >= _text.Length)
        {
            _problems.Add((line, "unterminated template literal"));
        }

        _pos = Math.Min(_pos + 1, _text.Length);
        return new TsToken(TsTokenKind.Template, string.Concat(quasis), line, column)
        {
            Quasis = quasis,
            Substitutions = substitutions,
        };
    }

    /// <summary>Moves to the <c>}</c> closing a <c>${</c>, stepping over nested braces, strings and templates.</summary>
    private void SkipBalancedTemplateExpression()
    {
        var depth = 0;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            switch (c)
            {
                case '{': depth++; _pos++; break;
                case '}' when depth == 0: return;
                case '}': depth--; _pos++; break;
                case '\'' or '"': ReadString(c); break;
                case '`': ReadTemplate(_line, Column); break;
                case '\n': NewLine(); break;
                default: _pos++; break;
            }
        }
    }

    private TsToken ReadRegex(int line, int column)
    {
        var start = _pos;
        _pos++;
        var inClass = false;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                break;
            }

            if (c == '\\')
            {
                _pos = Math.Min(_pos + 2, _text.Length);
                continue;
            }

            if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }
            else if (c == '/' && !inClass)
            {
                break;
            }

            _pos++;
        }

        var pattern = _text[(start + 1)..Math.Min(_pos, _text.Length)];
        _pos = Math.Min(_pos + 1, _text.Length);
        while (_pos < _text.Length && char.IsAsciiLetter(_text[_pos]))
        {
            _pos++;
        }

        return new TsToken(TsTokenKind.Regex, pattern, line, column);
    }
}
