namespace ShopApi;

/// <summary>Runs the shop as an app: <c>dotnet run --project samples/ShopApi -- --urls http://127.0.0.1:5080</c>.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        ShopApiOptions options;
        try
        {
            options = ShopApiOptions.FromEnvironment();
        }
        catch (ShopApiConfigurationException error)
        {
            await Console.Error.WriteLineAsync($"ShopApi: {error.Message}");
            return 2;
        }

        await using var app = ShopApiApplication.Build(options, args);
        try
        {
            await app.StartAsync();
        }
        catch (IOException error)
        {
            // Typically "address already in use": say so in one line instead of a stack trace.
            await Console.Error.WriteLineAsync($"ShopApi: could not listen ({error.Message}). Choose another port with --urls http://127.0.0.1:<port>.");
            return 1;
        }

        // Options print without passwords or the signing key (see ShopApiOptions.PrintMembers).
        Console.WriteLine($"ShopApi listening on {string.Join(", ", app.Urls)} with {options}");
        await app.WaitForShutdownAsync();
        return 0;
    }
}
