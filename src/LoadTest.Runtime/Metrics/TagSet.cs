namespace LoadTest.Runtime.Metrics;

/// <summary>
/// An immutable set of metric tags, sorted by key, compared by value. Built once per series, never per sample.
/// </summary>
public sealed class TagSet : IEquatable<TagSet>
{
    public static readonly TagSet Empty = new([]);

    private readonly KeyValuePair<string, string>[] _tags;
    private readonly int _hash;

    private TagSet(KeyValuePair<string, string>[] sortedTags)
    {
        _tags = sortedTags;
        var hash = new HashCode();
        foreach (var (key, value) in _tags)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }
        _hash = hash.ToHashCode();
    }

    public static TagSet From(IEnumerable<KeyValuePair<string, string>> tags)
    {
        // Later entries win, so callers can layer scenario tags under request tags.
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            map[key] = value;
        }
        return new TagSet(map.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray());
    }

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _tags;

    public string? this[string key]
    {
        get
        {
            foreach (var (k, v) in _tags)
            {
                if (string.Equals(k, key, StringComparison.Ordinal)) return v;
            }
            return null;
        }
    }

    /// <summary>True when every filter tag is present with the same value (k6 sub-metric matching).</summary>
    public bool Matches(IReadOnlyList<KeyValuePair<string, string>> filter)
    {
        foreach (var (key, value) in filter)
        {
            if (!string.Equals(this[key], value, StringComparison.Ordinal)) return false;
        }
        return true;
    }

    public bool Equals(TagSet? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._hash != _hash || other._tags.Length != _tags.Length) return false;
        for (var i = 0; i < _tags.Length; i++)
        {
            if (!string.Equals(_tags[i].Key, other._tags[i].Key, StringComparison.Ordinal)
                || !string.Equals(_tags[i].Value, other._tags[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as TagSet);

    public override int GetHashCode() => _hash;

    public override string ToString() => "{" + string.Join(",", _tags.Select(t => $"{t.Key}:{t.Value}")) + "}";
}
