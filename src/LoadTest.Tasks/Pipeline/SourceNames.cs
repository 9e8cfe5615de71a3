using System.Text;

namespace LoadTest.Tasks.Pipeline;

/// <summary>A C#-identifier-safe (ASCII) name for a source, from its file or folder name (openapi.yaml → Openapi, shop-api → ShopApi).</summary>
public static class SourceNames
{
    public static string FromPath(string path)
    {
        var trimmed = path.TrimEnd('/', '\\');
        var raw = File.Exists(trimmed) ? Path.GetFileNameWithoutExtension(trimmed) : Path.GetFileName(trimmed);
        var builder = new StringBuilder();
        var upper = true;
        foreach (var c in raw)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }
        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, "Api");
        }
        return builder.ToString();
    }
}
