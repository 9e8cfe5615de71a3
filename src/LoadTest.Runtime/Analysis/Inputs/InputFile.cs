using System.IO.Compression;

namespace LoadTest.Runtime.Analysis.Inputs;

/// <summary>Opens result files as text, gunzipping when they start with the gzip magic (k6 writes <c>--out json=x.gz</c>).</summary>
internal static class InputFile
{
    public static StreamReader OpenText(string path)
    {
        var stream = File.OpenRead(path);
        var b1 = stream.ReadByte();
        var b2 = stream.ReadByte();
        stream.Position = 0;
        return b1 == 0x1f && b2 == 0x8b
            ? new StreamReader(new GZipStream(stream, CompressionMode.Decompress))
            : new StreamReader(stream);
    }

    public static string ReadAllText(string path)
    {
        using var reader = OpenText(path);
        return reader.ReadToEnd();
    }
}
