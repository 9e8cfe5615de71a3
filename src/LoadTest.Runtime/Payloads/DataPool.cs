using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace LoadTest.Runtime.Payloads;

/// <summary>
/// Rows of a user data file (CSV with a header row, or a JSON array of objects) whose fields override generated
/// values, like the k6 script's <c>SharedArray</c>. The file is read once per process and shared by all virtual users.
/// </summary>
public sealed class DataPool
{
    private static readonly ConcurrentDictionary<string, DataPool> Loaded = new(StringComparer.Ordinal);

    private DataPool(IReadOnlyList<IReadOnlyDictionary<string, object?>> rows) => Rows = rows;

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows { get; }

    /// <summary>The pool of <paramref name="path"/>, read on first use; an empty pool when the file does not exist.</summary>
    public static DataPool Load(string path) =>
        Loaded.GetOrAdd(Path.GetFullPath(path), static full => new DataPool(File.Exists(full) ? Read(full) : []));

    /// <summary>A row picked uniformly at random (empty when the pool is).</summary>
    public IReadOnlyDictionary<string, object?> Pick(Random random) =>
        Rows.Count == 0 ? new Dictionary<string, object?>() : Rows[(int)Payload.Integer(random, 0, Rows.Count - 1)];

    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> Parse(string text, bool json) =>
        json ? ParseJson(text) : ParseCsv(text);

    private static IReadOnlyList<IReadOnlyDictionary<string, object?>> Read(string path) =>
        Parse(File.ReadAllText(path), path.EndsWith(".json", StringComparison.OrdinalIgnoreCase));

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
