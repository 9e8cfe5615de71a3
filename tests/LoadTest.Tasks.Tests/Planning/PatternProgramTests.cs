using System.Text.RegularExpressions;
using LoadTest.Runtime.Payloads;

namespace LoadTest.Tasks.Tests.Planning;

public sealed class PatternProgramTests
{
    [Theory]
    [InlineData("^prod_([1-9]|[1-9][0-9]|[1-4][0-9][0-9]|500)$")]
    [InlineData("^cart_[0-9a-f]{32}$")]
    [InlineData("^[A-Z]{2}-\\d{4}$")]
    [InlineData("^(?:\\+1)?\\d{3}[- ]?\\d{3}[- ]?\\d{4}$")]
    [InlineData("^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,6}$")]
    [InlineData("^(red|green|blue)(-(light|dark))?$")]
    [InlineData("^[^\\s@]{3,8}$")]
    [InlineData("^\\w+\\.\\w{2,3}$")]
    [InlineData("v\\d+\\.\\d+(\\.\\d+)*")]
    [InlineData("^(?<year>\\d{4})-(?<month>0[1-9]|1[0-2])$")]
    [InlineData("^[A-Za-z0-9 -]{2,10}$")]
    [InlineData("^a{2,}b*?c+$")]
    public void Generated_strings_match_the_pattern(string pattern)
    {
        Assert.True(PatternProgram.TryParse(pattern, out var program, out var error), error);
        var regex = new Regex(pattern);
        var random = new Random(3);
        var distinct = new HashSet<string>();
        for (var i = 0; i < 1000; i++)
        {
            var value = program!.Generate(random);
            Assert.Matches(regex, value);
            distinct.Add(value);
        }

        Assert.True(distinct.Count > 1, "a pattern with choices produced a single value");
    }

    [Theory]
    [InlineData("^(a)\\1$", "back-reference")]
    [InlineData("^(?=a)a$", "look-around")]
    [InlineData("^\\bword$", "word boundary")]
    [InlineData("^\\p{L}+$", "Unicode class")]
    [InlineData("^(?i)abc$", "inline flags")]
    [InlineData("^[z-a]$", "out of order")]
    [InlineData("^(abc$", "missing ')'")]
    public void Unsupported_constructs_are_refused_with_a_reason(string pattern, string reason)
    {
        Assert.False(PatternProgram.TryParse(pattern, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Program_json_is_what_the_k6_helper_interprets()
    {
        Assert.True(PatternProgram.TryParse("^ab[xy]{2}(c|d)?$", out var program, out _));

        Assert.Equal("""[["l","ab"],["c","xy",2,2],["g",[[["l","c"]],[["l","d"]]],0,1]]""", program!.ToJson());
    }
}
