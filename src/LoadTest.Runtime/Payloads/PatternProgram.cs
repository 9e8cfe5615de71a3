using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace LoadTest.Runtime.Payloads;

/// <summary>
/// A regular expression (the common subset: literals, character classes and escapes, quantifiers, groups,
/// alternation, anchors) compiled into a small program that generates matching strings. The build uses it to
/// check schema patterns and writes the program into k6 scripts as JSON (<see cref="ToJson"/>); the JS helper
/// <c>pattern(program)</c> runs the same program. Back-references, look-around, word boundaries, flags and
/// Unicode classes are not supported: <see cref="TryParse"/> says why.
/// </summary>
public sealed class PatternProgram
{
    private static readonly ConcurrentDictionary<string, PatternProgram> Cache = new(StringComparer.Ordinal);

    /// <summary>Upper bound added to open quantifiers (<c>*</c>, <c>+</c>, <c>{n,}</c>): realistic lengths, not unbounded.</summary>
    public const int OpenRepeat = 5;

    private const string Printable = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";
    private const string Digits = "0123456789";
    private const string WordChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly IReadOnlyList<Node> _sequence;

    private PatternProgram(IReadOnlyList<Node> sequence) => _sequence = sequence;

    /// <summary>The parsed program for <paramref name="regex"/>, cached; throws <see cref="ArgumentException"/> if unsupported.</summary>
    public static PatternProgram Cached(string regex) =>
        Cache.GetOrAdd(regex, static r => TryParse(r, out var program, out var error)
            ? program!
            : throw new ArgumentException($"Unsupported pattern '{r}': {error}", nameof(regex)));

    public static bool TryParse(string regex, out PatternProgram? program, out string? error)
    {
        try
        {
            var parser = new Parser(regex);
            var sequence = parser.ParseAlternation();
            if (!parser.AtEnd)
            {
                throw new FormatException($"unbalanced ')' at position {parser.Position}");
            }

            program = new PatternProgram(sequence);
            error = null;
            return true;
        }
        catch (FormatException e)
        {
            program = null;
            error = e.Message;
            return false;
        }
    }

    public string Generate(Random random)
    {
        var text = new StringBuilder();
        Emit(_sequence, random, text);
        return text.ToString();
    }

    /// <summary>The program as JSON: a sequence of <c>["l",text]</c>, <c>["c",chars,min,max]</c>, <c>["g",[seq…],min,max]</c>.</summary>
    public string ToJson() => ToArray(_sequence).ToJsonString();

    private static JsonArray ToArray(IReadOnlyList<Node> sequence)
    {
        var array = new JsonArray();
        foreach (var node in sequence)
        {
            array.Add(node switch
            {
                Literal l => new JsonArray("l", l.Text),
                CharSet c => new JsonArray("c", c.Chars, c.Min, c.Max),
                Group g => new JsonArray("g", new JsonArray(g.Alternatives.Select(a => (JsonNode)ToArray(a)).ToArray()), g.Min, g.Max),
                _ => throw new InvalidOperationException(),
            });
        }

        return array;
    }

    private static void Emit(IReadOnlyList<Node> sequence, Random random, StringBuilder text)
    {
        foreach (var node in sequence)
        {
            switch (node)
            {
                case Literal l:
                    text.Append(l.Text);
                    break;
                case CharSet c:
                    for (var n = Payload.Integer(random, c.Min, c.Max); n > 0; n--)
                    {
                        text.Append(c.Chars[(int)Payload.Integer(random, 0, c.Chars.Length - 1)]);
                    }

                    break;
                case Group g:
                    for (var n = Payload.Integer(random, g.Min, g.Max); n > 0; n--)
                    {
                        Emit(g.Alternatives[(int)Payload.Integer(random, 0, g.Alternatives.Count - 1)], random, text);
                    }

                    break;
            }
        }
    }

    private abstract record Node;
    private sealed record Literal(string Text) : Node;
    private sealed record CharSet(string Chars, int Min, int Max) : Node;
    private sealed record Group(IReadOnlyList<IReadOnlyList<Node>> Alternatives, int Min, int Max) : Node;

    private sealed class Parser(string pattern)
    {
        private int _pos;

        public bool AtEnd => _pos >= pattern.Length;
        public int Position => _pos;

        public List<Node> ParseAlternation()
        {
            var alternatives = new List<IReadOnlyList<Node>> { ParseSequence() };
            while (!AtEnd && pattern[_pos] == '|')
            {
                _pos++;
                alternatives.Add(ParseSequence());
            }

            return alternatives.Count == 1 ? [.. alternatives[0]] : [new Group(alternatives, 1, 1)];
        }

        private List<Node> ParseSequence()
        {
            var sequence = new List<Node>();
            while (!AtEnd && pattern[_pos] is not ('|' or ')'))
            {
                var atom = ParseAtom();
                if (atom is null)
                {
                    continue;
                }

                var (min, max) = ParseQuantifier();
                sequence.Add(atom switch
                {
                    _ when (min, max) == (1, 1) => atom,
                    Literal l when l.Text.Length == 1 => new CharSet(l.Text, min, max),
                    Literal l => new Group([[l]], min, max),
                    CharSet c => c with { Min = c.Min * min, Max = c.Max * max },
                    Group g when (g.Min, g.Max) == (1, 1) => g with { Min = min, Max = max },
                    _ => new Group([[atom]], min, max),
                });
            }

            return MergeLiterals(sequence);
        }

        /// <summary>Adjacent literals become one (<c>cart_</c> rather than five one-letter nodes).</summary>
        private static List<Node> MergeLiterals(List<Node> sequence)
        {
            var merged = new List<Node>();
            foreach (var node in sequence)
            {
                if (node is Literal next && merged.Count > 0 && merged[^1] is Literal previous)
                {
                    merged[^1] = new Literal(previous.Text + next.Text);
                }
                else
                {
                    merged.Add(node);
                }
            }

            return merged;
        }

        private Node? ParseAtom()
        {
            var c = pattern[_pos++];
            switch (c)
            {
                case '^':
                case '$':
                    return null;
                case '.':
                    return new CharSet(Alnum, 1, 1);
                case '[':
                    return ParseClass();
                case '(':
                    return ParseGroup();
                case '\\':
                    return ParseEscape(inClass: false);
                case '*' or '+' or '?' or '{' when c != '{' || IsQuantifierBrace(_pos - 1):
                    throw new FormatException($"quantifier '{c}' with nothing to repeat at position {_pos - 1}");
                default:
                    return new Literal(c.ToString());
            }
        }

        private Node ParseGroup()
        {
            if (!AtEnd && pattern[_pos] == '?')
            {
                var rest = pattern[(_pos + 1)..];
                if (rest.StartsWith(':'))
                {
                    _pos += 2;
                }
                else if (rest.StartsWith('<') && rest.Length > 1 && rest[1] is not ('=' or '!'))
                {
                    var close = pattern.IndexOf('>', _pos);
                    if (close < 0)
                    {
                        throw new FormatException("unterminated group name");
                    }

                    _pos = close + 1;
                }
                else if (rest.StartsWith('P') && rest.Length > 1 && rest[1] == '<')
                {
                    var close = pattern.IndexOf('>', _pos);
                    if (close < 0)
                    {
                        throw new FormatException("unterminated group name");
                    }

                    _pos = close + 1;
                }
                else
                {
                    throw new FormatException($"look-around or inline flags '(?{(rest.Length > 0 ? rest[0] : ' ')}' at position {_pos - 1} are not supported");
                }
            }

            var inner = ParseAlternation();
            if (AtEnd || pattern[_pos] != ')')
            {
                throw new FormatException("missing ')'");
            }

            _pos++;
            return inner.Count == 1 && inner[0] is Group g ? g : new Group([inner], 1, 1);
        }

        private Node ParseClass()
        {
            var negated = !AtEnd && pattern[_pos] == '^';
            if (negated)
            {
                _pos++;
            }

            var chars = new SortedSet<char>();
            var first = true;
            while (true)
            {
                if (AtEnd)
                {
                    throw new FormatException("missing ']'");
                }

                var c = pattern[_pos];
                if (c == ']' && !first)
                {
                    _pos++;
                    break;
                }

                first = false;
                _pos++;
                string members;
                if (c == '\\')
                {
                    var escaped = ParseEscape(inClass: true);
                    members = escaped is CharSet set ? set.Chars : ((Literal)escaped).Text;
                }
                else if (c == '[' && !AtEnd && pattern[_pos] == ':')
                {
                    throw new FormatException("POSIX classes like [:alpha:] are not supported");
                }
                else
                {
                    members = c.ToString();
                }

                if (members.Length == 1 && _pos + 1 < pattern.Length && pattern[_pos] == '-' && pattern[_pos + 1] != ']')
                {
                    _pos++;
                    var end = pattern[_pos++];
                    if (end == '\\')
                    {
                        end = ((Literal)ParseEscape(inClass: true)).Text[0];
                    }

                    if (end < members[0])
                    {
                        throw new FormatException($"range '{members[0]}-{end}' is out of order");
                    }

                    for (var x = members[0]; x <= end; x++)
                    {
                        chars.Add(x);
                        if (x == char.MaxValue)
                        {
                            break;
                        }
                    }
                }
                else
                {
                    foreach (var m in members)
                    {
                        chars.Add(m);
                    }
                }
            }

            var text = negated
                ? new string(Printable.Where(p => !chars.Contains(p)).ToArray())
                : new string(chars.ToArray());
            if (text.Length == 0)
            {
                throw new FormatException("empty character class");
            }

            return new CharSet(text, 1, 1);
        }

        private Node ParseEscape(bool inClass)
        {
            if (AtEnd)
            {
                throw new FormatException("pattern ends with '\\'");
            }

            var c = pattern[_pos++];
            switch (c)
            {
                case 'd': return new CharSet(Digits, 1, 1);
                case 'w': return new CharSet(WordChars, 1, 1);
                case 's': return new CharSet(" ", 1, 1);
                case 'D': return new CharSet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 1, 1);
                case 'W': return new CharSet(" -.,!", 1, 1);
                case 'S': return new CharSet(Alnum, 1, 1);
                case 'n': return new Literal("\n");
                case 't': return new Literal("\t");
                case 'r': return new Literal("\r");
                case 'f': return new Literal("\f");
                case 'v': return new Literal("\v");
                case '0': return new Literal("\0");
                case 'x' when _pos + 2 <= pattern.Length:
                    _pos += 2;
                    return new Literal(((char)int.Parse(pattern.AsSpan(_pos - 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());
                case 'u' when _pos + 4 <= pattern.Length && pattern[_pos] != '{':
                    _pos += 4;
                    return new Literal(((char)int.Parse(pattern.AsSpan(_pos - 4, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());
                case 'b' when inClass: return new Literal("\b");
                case 'b' or 'B':
                    throw new FormatException($"word boundary '\\{c}' is not supported");
                case 'p' or 'P':
                    throw new FormatException($"Unicode class '\\{c}{{…}}' is not supported");
                case >= '1' and <= '9':
                    throw new FormatException($"back-reference '\\{c}' is not supported");
                case 'k':
                    throw new FormatException("named back-reference '\\k' is not supported");
                default:
                    if (char.IsLetterOrDigit(c))
                    {
                        throw new FormatException($"escape '\\{c}' is not supported");
                    }

                    return new Literal(c.ToString());
            }
        }

        private bool IsQuantifierBrace(int at)
        {
            var close = pattern.IndexOf('}', at);
            if (close < 0)
            {
                return false;
            }

            var body = pattern[(at + 1)..close];
            return body.Length > 0 && body.All(ch => char.IsAsciiDigit(ch) || ch == ',') && char.IsAsciiDigit(body[0]);
        }

        private (int Min, int Max) ParseQuantifier()
        {
            if (AtEnd)
            {
                return (1, 1);
            }

            (int, int) result;
            switch (pattern[_pos])
            {
                case '*':
                    _pos++;
                    result = (0, OpenRepeat);
                    break;
                case '+':
                    _pos++;
                    result = (1, 1 + OpenRepeat);
                    break;
                case '?':
                    _pos++;
                    result = (0, 1);
                    break;
                case '{' when IsQuantifierBrace(_pos):
                    var close = pattern.IndexOf('}', _pos);
                    var body = pattern[(_pos + 1)..close];
                    _pos = close + 1;
                    var parts = body.Split(',');
                    var min = int.Parse(parts[0], CultureInfo.InvariantCulture);
                    var max = parts.Length == 1 ? min
                        : parts[1].Length == 0 ? min + OpenRepeat
                        : int.Parse(parts[1], CultureInfo.InvariantCulture);
                    if (parts.Length > 2 || max < min)
                    {
                        throw new FormatException($"bad quantifier '{{{body}}}'");
                    }

                    result = (min, max);
                    break;
                default:
                    return (1, 1);
            }

            // Lazy and possessive suffixes change matching, not the language: ignore them.
            if (!AtEnd && pattern[_pos] is '?' or '+')
            {
                _pos++;
            }

            return result;
        }
    }
}
