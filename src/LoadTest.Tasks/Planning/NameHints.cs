namespace LoadTest.Tasks.Planning;

/// <summary>
/// What a member's name says about realistic values: <c>email</c> gets an address, <c>quantity</c> a small count,
/// <c>productId</c> a hot-skewed id. Names are compared lower case without separators (first_name = firstName).
/// </summary>
internal static class NameHints
{
    public static string Normalize(string? name) =>
        name is null ? "" : new string(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>The string helper a name suggests, or null.</summary>
    public static string? StringHelper(string? name)
    {
        var n = Normalize(name);
        return n switch
        {
            "" => null,
            _ when n.Contains("email") => "email",
            "firstname" or "givenname" or "forename" => "firstName",
            "lastname" or "surname" or "familyname" => "lastName",
            "fullname" or "name" or "customername" or "displayname" or "contactname" => "fullName",
            "username" or "login" or "user" or "handle" => "username",
            "password" or "passwd" or "pwd" => "password",
            "city" or "town" => "city",
            "country" or "countryname" => "country",
            "countrycode" or "countryiso" => "countryCode",
            _ when n.Contains("phone") || n is "mobile" or "tel" or "telephone" => "phone",
            "street" or "address" or "addressline" or "addressline1" or "streetaddress" or "line1" => "street",
            "postalcode" or "zip" or "zipcode" or "postcode" => "postalCode",
            "currency" or "currencycode" => "currency",
            "company" or "companyname" or "organization" or "organisation" => "company",
            "url" or "website" or "homepage" or "link" or "imageurl" or "avatarurl" => "uri",
            "host" or "hostname" or "domain" => "hostname",
            "ip" or "ipaddress" => "ipv4",
            "uuid" or "guid" => "uuid",
            "description" or "comment" or "comments" or "note" or "notes" or "message" or "bio" or "body" or "summary" => "sentence",
            _ when n.EndsWith("date", StringComparison.Ordinal) || n == "birthday" || n == "dob" => "date",
            _ when n.EndsWith("at", StringComparison.Ordinal) && n.Length > 4 && (n.EndsWith("createdat", StringComparison.Ordinal) || n.EndsWith("updatedat", StringComparison.Ordinal)) => "dateTime",
            "title" or "label" or "tag" or "category" or "slug" or "word" or "keyword" => "word",
            _ => null,
        };
    }

    /// <summary>The resource an id-like name points at: productId → product, id → null (the step's own resource).</summary>
    public static bool IsId(string? name, out string resource)
    {
        var raw = name ?? "";
        var n = Normalize(raw);
        resource = "";
        if (n == "id")
        {
            return true;
        }

        if (n.Length > 2 && n.EndsWith("id", StringComparison.Ordinal) && !n.EndsWith("valid", StringComparison.Ordinal) && !n.EndsWith("paid", StringComparison.Ordinal))
        {
            resource = n[..^2];
            return true;
        }

        return false;
    }

    /// <summary>Short prefix of an id string: product → prod_, order → ord_, others as they are.</summary>
    public static string IdPrefix(string resource) => resource switch
    {
        "" => "id_",
        "product" => "prod_",
        "order" => "ord_",
        "customer" => "cust_",
        "category" => "cat_",
        _ => resource + "_",
    };

    /// <summary>Realistic integer range and distribution for a name, or null.</summary>
    public static (long Min, long Max, IntegerDistribution Distribution)? IntegerRange(string? name)
    {
        var n = Normalize(name);
        if (IsId(name, out _))
        {
            return (1, 500, IntegerDistribution.Zipf);
        }

        return n switch
        {
            "quantity" or "qty" or "count" or "amount" or "items" or "units" or "seats" or "guests" or "tickets" => (1, 10, IntegerDistribution.Small),
            "page" or "pagenumber" or "offset" or "skip" => (1, 5, IntegerDistribution.Small),
            "limit" or "size" or "pagesize" or "perpage" or "take" or "top" => (10, 50, IntegerDistribution.Uniform),
            "age" => (18, 80, IntegerDistribution.Uniform),
            "year" => (2000, 2026, IntegerDistribution.Uniform),
            "rating" or "stars" or "score" => (1, 5, IntegerDistribution.Uniform),
            "price" or "cost" or "total" => (1, 500, IntegerDistribution.Uniform),
            _ => null,
        };
    }

    /// <summary>Realistic number range for a name, or null.</summary>
    public static (decimal Min, decimal Max)? NumberRange(string? name) => Normalize(name) switch
    {
        "price" or "amount" or "total" or "cost" or "subtotal" or "unitprice" or "balance" => (1m, 500m),
        "lat" or "latitude" => (-90m, 90m),
        "lng" or "lon" or "long" or "longitude" => (-180m, 180m),
        "rating" or "score" => (1m, 5m),
        "percent" or "percentage" or "discount" => (0m, 100m),
        "weight" => (0.1m, 50m),
        _ => null,
    };

    /// <summary>Integer names whose distribution matters more than an example value.</summary>
    public static bool PrefersDistribution(string? name) => IntegerRange(name) is { Distribution: not IntegerDistribution.Uniform };
}
