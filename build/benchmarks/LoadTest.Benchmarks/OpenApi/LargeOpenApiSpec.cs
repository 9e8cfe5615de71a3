using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi.YamlReader;
using SharpYaml.Serialization;

namespace LoadTest.Benchmarks.OpenApi;

/// <summary>
/// Builds a large OpenAPI document from a real one by copying its paths under /v{n} prefixes (with distinct
/// operationIds) until the written file reaches the wanted size.
/// </summary>
internal static class LargeOpenApiSpec
{
    /// <summary>Finds shared/specs in an ancestor of the binaries or of the working folder (CI keeps shared/ beside the clone).</summary>
    public static string FindSharedSpec(string relativePath)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "specs", relativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"shared/specs/{relativePath} was not found above {AppContext.BaseDirectory}; run the benchmark from a clone that has shared/ beside it.");
    }

    /// <summary>Writes the multiplied document as YAML or JSON to <paramref name="target"/>.</summary>
    public static void Write(string source, string target, long minimumBytes, bool asYaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(source)));
        var root = (JsonObject)YamlConverter.ToJsonNode(stream.Documents[0].RootNode);
        var paths = (JsonObject)root["paths"]!;
        var originals = paths.Select(p => (p.Key, Item: p.Value!.DeepClone())).ToList();

        // Size one copy, then add as many as needed in one go.
        var baseSize = Serialize(root, asYaml).Length;
        foreach (var (key, item) in originals)
        {
            paths["/v1" + key] = Renamed(item, 1);
        }

        var perCopy = Math.Max(1, Serialize(root, asYaml).Length - baseSize);
        var copies = (int)Math.Ceiling((double)(minimumBytes - baseSize) / perCopy);
        for (var copy = 2; copy <= copies; copy++)
        {
            foreach (var (key, item) in originals)
            {
                paths[$"/v{copy}{key}"] = Renamed(item, copy);
            }
        }

        File.WriteAllText(target, Serialize(root, asYaml));
    }

    private static JsonNode Renamed(JsonNode item, int copy)
    {
        var clone = item.DeepClone();
        foreach (var (_, operation) in (JsonObject)clone)
        {
            if (operation is JsonObject op && op["operationId"] is JsonValue id)
            {
                op["operationId"] = id.ToString() + copy.ToString(CultureInfo.InvariantCulture);
            }
        }

        return clone;
    }

    private static string Serialize(JsonNode root, bool asYaml)
    {
        if (!asYaml)
        {
            return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        }

        var writer = new StringWriter();
        new YamlStream(new YamlDocument(YamlConverter.ToYamlNode(root))).Save(writer, true, 2);
        return writer.ToString();
    }
}
