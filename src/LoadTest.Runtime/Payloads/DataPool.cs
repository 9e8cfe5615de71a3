using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using LoadTest.Runtime.Execution;

namespace LoadTest.Runtime.Payloads;

/// <summary>
/// Rows of a user data file (CSV with a header row, or a JSON array of objects) whose fields override generated
/// values, like the k6 script's <c>SharedArray</c>. The file is read once per process and shared by all virtual users;
/// a missing, unreadable or empty file is an error (LT4100, LT4101), never an empty pool.
/// </summary>
public sealed class DataPool
{
    private static readonly ConcurrentDictionary<string, DataPool> Loaded = new(StringComparer.Ordinal);

    private long _next;

    private DataPool(IReadOnlyList<IReadOnlyDictionary<string, object?>> rows) => Rows = rows;

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows { get; }

    /// <summary>The pool of <paramref name="path"/> (relative to the current directory), read on first use.</summary>
    /// <exception cref="LoadTestConfigurationException">LT4100: the file is missing or unreadable; LT4101: it has no rows.</exception>
    public static DataPool Load(string path) =>
        Loaded.GetOrAdd(Path.GetFullPath(path), static full => new DataPool(Read(full)));

    /// <summary>A row picked uniformly at random.</summary>
    public IReadOnlyDictionary<string, object?> Pick(Random random) =>
        Rows.Count == 0 ? new Dictionary<string, object?>() : Rows[(int)Payload.Integer(random, 0, Rows.Count - 1)];

    /// <summary>
    /// The row for an iteration of virtual user <paramref name="vuId"/> (1-based): per-vu its own row (the same every
    /// iteration; VUs beyond the last row wrap around), sequential the next row of the pool, random any row. As k6's
    /// <c>exec.vu.idInTest</c> / <c>exec.scenario.iterationInTest</c> in the generated scripts.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Row(int vuId, Random random, DataMode mode) => mode switch
    {
        DataMode.PerVu => Rows[(int)((Math.Max(vuId, 1) - 1L) % Rows.Count)],
        DataMode.Sequential => Rows[(int)((Interlocked.Increment(ref _next) - 1) % Rows.Count)],
        _ => Pick(random),
    };

    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> Parse(string text, bool json) =>
        json ? ParseJson(text) : ParseCsv(text);

    private static IReadOnlyList<IReadOnlyDictionary<string, object?>> Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LoadTestConfigurationException("LT4100",
                $"data file {path} cannot be read ({(e is FileNotFoundException or DirectoryNotFoundException ? "it does not exist" : e.Message)}). " +
                $"Build the test project again (it copies LoadTestDataFile into the output), or point {DataPoolSettings.FileVariable} at the file.");
        }

        IReadOnlyList<IReadOnlyDictionary<string, object?>> rows;
        try
        {
            rows = Parse(text, path.EndsWith(".json", StringComparison.OrdinalIgnoreCase));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new LoadTestConfigurationException("LT4101", $"data file {path} is not a CSV with a header row or a JSON array of objects: {e.Message}");
        }

        return rows.Count > 0 && rows.Any(r => r.Count > 0)
            ? rows
            : throw new LoadTestConfigurationException("LT4101", $"data file {path} has no rows: give it a header row and at least one data row (CSV), or at least one object (JSON array).");
    }

    private static List<IReadOnlyDictionary<string, object?>> ParseJson(string text)
    {
        using var document = JsonDocument.Parse(text);
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var member in item.EnumerateObject())
            {
                row[member.Name] = member.Value.ValueKind switch
                {
                    JsonValueKind.String => member.Value.GetString(),
                    JsonValueKind.Number when member.Value.TryGetInt64(out var l) => l,
                    JsonValueKind.Number => member.Value.GetDouble(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Null => null,
                    _ => System.Text.Json.Nodes.JsonNode.Parse(member.Value.GetRawText()),
                };
            }

            rows.Add(row);
        }

        return rows;
    }

    private static List<IReadOnlyDictionary<string, object?>> ParseCsv(string text)
    {
        var lines = SplitRecords(text);
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        if (lines.Count == 0)
        {
            return rows;
        }

        var header = lines[0];
        foreach (var fields in lines.Skip(1))
        {
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                row[header[i]] = i < fields.Count ? fields[i] : "";
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks.</summary>
    private static List<List<string>> SplitRecords(string text)
    {
        var records = new List<List<string>>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString().Trim());
                field.Clear();
                records.Add(fields);
                fields = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString().Trim());
            records.Add(fields);
        }

        return records;
    }
}
