namespace LoadTest.Tasks.Planning;

/// <summary>Reads and replaces values inside a planned body by dotted member path (<c>user.email</c>).</summary>
internal static class RulePaths
{
    /// <summary>
    /// The body with the value at <paramref name="path"/> replaced, that member and every object around it made
    /// always-sent (a value a flow feeds must reach the server); null when the body has no such member.
    /// </summary>
    public static ValueRule? Replace(ValueRule rule, ReadOnlySpan<string> path, Func<ValueRule, ValueRule> replace)
    {
        if (path.Length == 0)
        {
            return replace(rule);
        }

        if (rule is not ObjectRule obj)
        {
            return null;
        }

        var members = obj.Members.ToList();
        var name = path[0];
        var index = members.FindIndex(m => m.Name == name);
        if (index < 0 || Replace(members[index].Value, path[1..], replace) is not { } inner)
        {
            return null;
        }

        members[index] = members[index] with { Value = inner, Probability = 1 };
        return new ObjectRule(members);
    }

    /// <summary>The value at <paramref name="path"/>, or null.</summary>
    public static ValueRule? Get(ValueRule rule, ReadOnlySpan<string> path)
    {
        if (path.Length == 0)
        {
            return rule;
        }

        var name = path[0];
        return rule is ObjectRule obj && obj.Members.FirstOrDefault(m => m.Name == name) is { } member ? Get(member.Value, path[1..]) : null;
    }
}
