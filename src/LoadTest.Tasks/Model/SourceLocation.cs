namespace LoadTest.Tasks.Model;

/// <summary>Where something came from: a file, a 1-based line and column, and for JSON/YAML a JSON pointer.</summary>
public sealed record SourceLocation(string File, int Line = 0, int Column = 0, string? Pointer = null)
{
    public override string ToString() =>
        Line > 0 ? $"{File}({Line},{Math.Max(Column, 1)})" : File;
}
