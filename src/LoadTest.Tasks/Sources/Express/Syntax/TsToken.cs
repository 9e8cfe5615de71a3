namespace LoadTest.Tasks.Sources.Express.Syntax;

internal enum TsTokenKind
{
    Identifier,
    String,
    Template,
    Number,
    Regex,
    Punct,
    End,
}

/// <summary>
/// One token of a TypeScript/JavaScript file. <see cref="Text"/> is the cooked value for strings, the pattern for
/// regexes and the raw text otherwise. <see cref="JsDoc"/> is the <c>/** … */</c> comment right before the token.
/// </summary>
internal sealed record TsToken(TsTokenKind Kind, string Text, int Line, int Column)
{
    public string? JsDoc { get; init; }

    /// <summary>For templates: the literal parts (one more than the substitutions).</summary>
    public IReadOnlyList<string> Quasis { get; init; } = [];

    /// <summary>For templates: the tokens of each <c>${…}</c> substitution.</summary>
    public IReadOnlyList<IReadOnlyList<TsToken>> Substitutions { get; init; } = [];

    public bool Is(string punctOrWord) =>
        (Kind == TsTokenKind.Punct || Kind == TsTokenKind.Identifier) && Text == punctOrWord;

    public override string ToString() => $"{Kind} '{Text}' @{Line}:{Column}";
}
