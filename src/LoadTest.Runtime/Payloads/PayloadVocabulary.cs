namespace LoadTest.Runtime.Payloads;

/// <summary>
/// The word lists realistic values are drawn from. The generator writes these same lists into the k6 helper module,
/// so JS and C# pick from identical vocabularies. ASCII only: every value is also a valid email local part.
/// </summary>
public static class PayloadVocabulary
{
    internal static readonly string[] Words =
    [
        "alpha", "bravo", "cedar", "delta", "ember", "fable", "garden", "harbor", "island", "jasper", "kettle", "lumen",
        "meadow", "nectar", "orbit", "pepper", "quartz", "river", "summit", "timber", "umber", "velvet", "willow", "zephyr",
    ];

    internal static readonly string[] FirstNames =
    [
        "Emma", "Liam", "Olivia", "Noah", "Ava", "Lucas", "Mia", "Ethan", "Sofia", "Mateo", "Amara", "Kenji", "Priya", "Tomas", "Chloe", "Omar",
    ];

    internal static readonly string[] LastNames =
    [
        "Smith", "Garcia", "Nguyen", "Muller", "Rossi", "Kowalski", "Haddad", "Tanaka", "Okafor", "Silva", "Johansson", "Dubois", "Patel", "Novak",
    ];

    internal static readonly string[] Cities =
    [
        "Lisbon", "Austin", "Osaka", "Lyon", "Toronto", "Krakow", "Melbourne", "Nairobi", "Bogota", "Utrecht", "Seattle", "Porto",
    ];

    internal static readonly string[] Countries =
    [
        "Portugal", "United States", "Japan", "France", "Canada", "Poland", "Australia", "Kenya", "Colombia", "Netherlands", "Germany", "Brazil",
    ];

    internal static readonly string[] CountryCodes = ["PT", "US", "JP", "FR", "CA", "PL", "AU", "KE", "CO", "NL", "DE", "BR"];
    internal static readonly string[] Currencies = ["USD", "EUR", "GBP", "JPY", "CAD", "AUD", "CHF", "BRL"];
    internal static readonly string[] CompanySuffixes = ["Ltd", "Inc", "GmbH", "Group", "Labs", "Partners"];
    internal static readonly string[] StreetNames = ["Oak", "Maple", "Harbor", "Mill", "Station", "Church", "Park", "Lake", "Hill", "King"];
    internal static readonly string[] StreetKinds = ["Street", "Avenue", "Road", "Lane", "Boulevard", "Way"];

    /// <summary>Every list by the name the JS helper module uses.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByName { get; } = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["words"] = Words,
        ["firstNames"] = FirstNames,
        ["lastNames"] = LastNames,
        ["cities"] = Cities,
        ["countries"] = Countries,
        ["countryCodes"] = CountryCodes,
        ["currencies"] = Currencies,
        ["companySuffixes"] = CompanySuffixes,
        ["streetNames"] = StreetNames,
        ["streetKinds"] = StreetKinds,
    };
}
