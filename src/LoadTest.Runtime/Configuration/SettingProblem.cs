using LoadTest.Runtime.Execution;

namespace LoadTest.Runtime.Configuration;

/// <summary>A setting that cannot be used (error) or is used differently than it may look (warning).</summary>
/// <param name="Code">Stable LT code.</param>
/// <param name="Setting">The variable, metadata key or build default it is about.</param>
/// <param name="Message">What is wrong and what is accepted, without the code.</param>
public sealed record SettingProblem(string Code, string Setting, string Message)
{
    public override string ToString() => $"{Code}: {Message}";

    /// <summary>One exception for every error found, so a user fixes them in one go; its code is the first one's.</summary>
    public static LoadTestConfigurationException ToException(IReadOnlyList<SettingProblem> errors)
    {
        if (errors.Count == 0) throw new ArgumentException("no errors", nameof(errors));
        var message = errors[0].Message;
        foreach (var more in errors.Skip(1)) message += Environment.NewLine + "  also " + more;
        return new LoadTestConfigurationException(errors[0].Code, message);
    }
}

/// <summary>The text of a setting and where it came from (an environment variable, assembly metadata, a build default).</summary>
/// <param name="Name">The variable or key, e.g. <c>LOADTEST_VUS</c>.</param>
/// <param name="Text">The trimmed value.</param>
/// <param name="Origin">How a message names it, e.g. <c>LOADTEST_VUS</c> or <c>LoadTestVus</c>.</param>
/// <param name="Note">Where that is, when it is not the environment, e.g. <c>build-time default</c>.</param>
public readonly record struct SettingText(string Name, string Text, string Origin, string? Note = null)
{
    private const int MaxShown = 80;

    /// <summary>The value as a message shows it: control characters escaped, long values cut.</summary>
    public string Shown
    {
        get
        {
            var text = string.Concat(Text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
            return text.Length <= MaxShown ? text : text[..MaxShown] + "…";
        }
    }

    public override string ToString() => $"{Origin}='{Shown}'" + (Note is null ? "" : $" ({Note})");
}
