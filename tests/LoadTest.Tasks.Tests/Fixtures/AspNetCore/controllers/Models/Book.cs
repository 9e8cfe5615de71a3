using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Library.Models;

public enum Genre
{
    Fiction = 1,
    Poetry,
    Science = 10,
}

/// <summary>A book on the shelf.</summary>
public class Book
{
    public int Id { get; set; }
    public string Title { get; set; } = "";
}

public class CreateBookRequest
{
    [Required]
    [StringLength(200, MinimumLength = 1)]
    public string Title { get; set; } = default!;

    [JsonPropertyName("isbn_13")]
    [RegularExpression(@"^[0-9]{13}$")]
    public string Isbn { get; set; } = default!;

    [Range(typeof(decimal), "0.01", "999.99")]
    public decimal Price { get; set; }

    public Genre Genre { get; set; }

    [MinLength(1), MaxLength(5)]
    public List<string> Authors { get; set; } = [];

    [EmailAddress]
    public string? ContactEmail { get; set; }

    public Dictionary<string, int>? Stock { get; set; }

    [JsonIgnore]
    public string? Internal { get; set; }

    public DateTime? PublishedAt { get; set; }
}

public class SearchFilter
{
    public string? Q { get; set; }
}

public interface IBookRepository;
