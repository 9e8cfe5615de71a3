using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LoadTest.Tasks.Tests.Flows.Conduit;

/// <summary>
/// A small RealWorld ("Conduit") API on a loopback port, written for the tests from the public spec
/// (../shared/specs/openapi-3.1/realworld-conduit.yaml, gothinkster/realworld): users with sign-up and login,
/// <c>Authorization: Token &lt;token&gt;</c> (a Bearer prefix is refused), articles by slug (a new title makes a new
/// slug, as in the reference implementation), comments, favorites, profiles and follows, all in memory. It answers with
/// the statuses the spec documents, so a generated check fails exactly when a request was wrong.
/// </summary>
public sealed partial class ConduitServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly Dictionary<string, User> _byEmail = new(StringComparer.Ordinal);
    private readonly Dictionary<string, User> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, User> _byToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Article> _articles = new(StringComparer.Ordinal);
    private int _nextArticle;
    private int _nextComment;

    private ConduitServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Users that signed up; articles each user created; articles deleted (the flow's cleanup).</summary>
    public int SignedUp { get { lock (_gate) return _byName.Count; } }

    public IReadOnlyDictionary<string, int> ArticlesCreatedBy { get { lock (_gate) return _byName.Values.Where(u => u.ArticlesCreated > 0).ToDictionary(u => u.Username, u => u.ArticlesCreated); } }

    public int ArticlesDeleted { get; private set; }

    public int ArticlesLeft { get { lock (_gate) return _articles.Count; } }

    /// <summary>Requests refused for a missing or wrong token (Bearer instead of Token, unknown token).</summary>
    public int Unauthorized { get; private set; }

    public static async Task<ConduitServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new ConduitServer(app);
        server.Map(app);
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.Single().TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map(WebApplication app)
    {
        app.MapPost("/users", async (HttpRequest request) =>
        {
            var user = (await Body(request))?["user"];
            var (username, email, password) = (Text(user?["username"]), Text(user?["email"]), Text(user?["password"]));
            if (username is null || email is null || password is null)
            {
                return Invalid("username, email and password are required");
            }

            lock (_gate)
            {
                if (_byName.ContainsKey(username) || _byEmail.ContainsKey(email))
                {
                    return Invalid("username or email has already been taken");
                }

                var created = new User(username, email, password);
                _byName[username] = created;
                _byEmail[email] = created;
                return Results.Json(new JsonObject { ["user"] = UserJson(created, Issue(created)) }, statusCode: 201);
            }
        });

        app.MapPost("/users/login", async (HttpRequest request) =>
        {
            var user = (await Body(request))?["user"];
            var (email, password) = (Text(user?["email"]), Text(user?["password"]));
            if (email is null || password is null)
            {
                return Invalid("email and password are required");
            }

            lock (_gate)
            {
                return _byEmail.TryGetValue(email, out var found) && found.Password == password
                    ? Results.Json(new JsonObject { ["user"] = UserJson(found, Issue(found)) })
                    : Results.StatusCode(401);
            }
        });

        app.MapGet("/user", (HttpRequest request) => WithUser(request, user => Results.Json(new JsonObject { ["user"] = UserJson(user, user.Token!) })));

        app.MapPut("/user", async (HttpRequest request) =>
        {
            var changes = (await Body(request))?["user"];
            return WithUser(request, user =>
            {
                if (Text(changes?["username"]) is { } name && name != user.Username && _byName.ContainsKey(name)
                    || Text(changes?["email"]) is { } mail && mail != user.Email && _byEmail.ContainsKey(mail))
                {
                    return Invalid("username or email has already been taken");
                }

                if (Text(changes?["username"]) is { } username && username != user.Username)
                {
                    _byName.Remove(user.Username);
                    user.Username = username;
                    _byName[username] = user;
                }

                if (Text(changes?["email"]) is { } email && email != user.Email)
                {
                    _byEmail.Remove(user.Email);
                    user.Email = email;
                    _byEmail[email] = user;
                }

                user.Password = Text(changes?["password"]) ?? user.Password;
                user.Bio = Text(changes?["bio"]) ?? user.Bio;
                user.Image = Text(changes?["image"]) ?? user.Image;
                return Results.Json(new JsonObject { ["user"] = UserJson(user, user.Token!) });
            });
        });

        app.MapGet("/profiles/{username}", (string username, HttpRequest request) => Optional(request, viewer =>
            _byName.TryGetValue(username, out var profile) ? Results.Json(new JsonObject { ["profile"] = ProfileJson(profile, viewer) }) : Results.NotFound()));

        app.MapPost("/profiles/{username}/follow", (string username, HttpRequest request) => WithUser(request, user =>
        {
            if (!_byName.TryGetValue(username, out var profile))
            {
                return Results.NotFound();
            }

            user.Following.Add(profile.Username);
            return Results.Json(new JsonObject { ["profile"] = ProfileJson(profile, user) });
        }));

        app.MapDelete("/profiles/{username}/follow", (string username, HttpRequest request) => WithUser(request, user =>
        {
            if (!_byName.TryGetValue(username, out var profile))
            {
                return Results.NotFound();
            }

            user.Following.Remove(profile.Username);
            return Results.Json(new JsonObject { ["profile"] = ProfileJson(profile, user) });
        }));

        app.MapGet("/articles/feed", (HttpRequest request) => WithUser(request, user =>
            Articles(_articles.Values.Where(a => user.Following.Contains(a.Author.Username)), request, user)));

        app.MapGet("/articles", (HttpRequest request) => Optional(request, viewer =>
        {
            IEnumerable<Article> articles = _articles.Values;
            if (request.Query["tag"].FirstOrDefault() is { } tag)
            {
                articles = articles.Where(a => a.TagList.Contains(tag));
            }

            if (request.Query["author"].FirstOrDefault() is { } author)
            {
                articles = articles.Where(a => a.Author.Username == author);
            }

            if (request.Query["favorited"].FirstOrDefault() is { } favorited)
            {
                articles = articles.Where(a => a.FavoritedBy.Contains(favorited));
            }

            return Articles(articles, request, viewer);
        }));

        app.MapPost("/articles", async (HttpRequest request) =>
        {
            var input = (await Body(request))?["article"];
            return WithUser(request, user =>
            {
                var (title, description, body) = (Text(input?["title"]), Text(input?["description"]), Text(input?["body"]));
                if (title is null || description is null || body is null)
                {
                    return Invalid("title, description and body are required");
                }

                var article = new Article(Slug(title), title, description, body, user)
                {
                    TagList = input?["tagList"] is JsonArray tags ? [.. tags.Select(Text).OfType<string>()] : [],
                };
                _articles[article.Slug] = article;
                user.ArticlesCreated++;
                return Results.Json(new JsonObject { ["article"] = ArticleJson(article, user) }, statusCode: 201);
            });
        });

        app.MapGet("/articles/{slug}", (string slug, HttpRequest request) => Optional(request, viewer =>
            _articles.TryGetValue(slug, out var article) ? Results.Json(new JsonObject { ["article"] = ArticleJson(article, viewer) }) : Results.NotFound()));

        app.MapPut("/articles/{slug}", async (string slug, HttpRequest request) =>
        {
            var input = (await Body(request))?["article"];
            return WithArticle(request, slug, (user, article) =>
            {
                if (!ReferenceEquals(article.Author, user))
                {
                    return Results.StatusCode(403);
                }

                if (Text(input?["title"]) is { } title && title != article.Title)
                {
                    // A new title makes a new slug (as the reference implementation does): later requests need the new one.
                    _articles.Remove(article.Slug);
                    article.Title = title;
                    article.Slug = Slug(title);
                    _articles[article.Slug] = article;
                }

                article.Description = Text(input?["description"]) ?? article.Description;
                article.Body = Text(input?["body"]) ?? article.Body;
                article.UpdatedAt = DateTimeOffset.UtcNow;
                return Results.Json(new JsonObject { ["article"] = ArticleJson(article, user) });
            });
        });

        app.MapDelete("/articles/{slug}", (string slug, HttpRequest request) => WithArticle(request, slug, (user, article) =>
        {
            if (!ReferenceEquals(article.Author, user))
            {
                return Results.StatusCode(403);
            }

            _articles.Remove(article.Slug);
            ArticlesDeleted++;
            return Results.NoContent();
        }));

        app.MapGet("/articles/{slug}/comments", (string slug, HttpRequest request) => Optional(request, viewer =>
            _articles.TryGetValue(slug, out var article)
                ? Results.Json(new JsonObject { ["comments"] = new JsonArray([.. article.Comments.Select(c => (JsonNode)CommentJson(c, viewer))]) })
                : Results.NotFound()));

        app.MapPost("/articles/{slug}/comments", async (string slug, HttpRequest request) =>
        {
            var input = (await Body(request))?["comment"];
            return WithArticle(request, slug, (user, article) =>
            {
                if (Text(input?["body"]) is not { } body)
                {
                    return Invalid("body is required");
                }

                var comment = new Comment(++_nextComment, body, user);
                article.Comments.Add(comment);
                return Results.Json(new JsonObject { ["comment"] = CommentJson(comment, user) });
            });
        });

        app.MapDelete("/articles/{slug}/comments/{id}", (string slug, int id, HttpRequest request) => WithArticle(request, slug, (user, article) =>
        {
            var comment = article.Comments.FirstOrDefault(c => c.Id == id);
            if (comment is null)
            {
                return Results.NotFound();
            }

            if (!ReferenceEquals(comment.Author, user))
            {
                return Results.StatusCode(403);
            }

            article.Comments.Remove(comment);
            return Results.NoContent();
        }));

        app.MapPost("/articles/{slug}/favorite", (string slug, HttpRequest request) => WithArticle(request, slug, (user, article) =>
        {
            article.FavoritedBy.Add(user.Username);
            return Results.Json(new JsonObject { ["article"] = ArticleJson(article, user) });
        }));

        app.MapDelete("/articles/{slug}/favorite", (string slug, HttpRequest request) => WithArticle(request, slug, (user, article) =>
        {
            article.FavoritedBy.Remove(user.Username);
            return Results.Json(new JsonObject { ["article"] = ArticleJson(article, user) });
        }));

        app.MapGet("/tags", () =>
        {
            lock (_gate)
            {
                return Results.Json(new JsonObject { ["tags"] = new JsonArray([.. _articles.Values.SelectMany(a => a.TagList).Distinct().Order().Select(t => (JsonNode)t)]) });
            }
        });
    }

    private static async Task<JsonNode?> Body(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static IResult Invalid(string message) =>
        Results.Json(new JsonObject { ["errors"] = new JsonObject { ["body"] = new JsonArray(message) } }, statusCode: 422);

    /// <summary>The caller by its <c>Authorization: Token …</c> header, or null (and counted) when it has none that is valid.</summary>
    private User? Caller(HttpRequest request, bool required)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Token ", StringComparison.Ordinal) && _byToken.TryGetValue(header["Token ".Length..], out var user))
        {
            return user;
        }

        if (required || header.Length > 0)
        {
            Unauthorized++;
        }

        return null;
    }

    private IResult WithUser(HttpRequest request, Func<User, IResult> handle)
    {
        lock (_gate)
        {
            return Caller(request, required: true) is { } user ? handle(user) : Results.StatusCode(401);
        }
    }

    private IResult Optional(HttpRequest request, Func<User?, IResult> handle)
    {
        lock (_gate)
        {
            var hasHeader = request.Headers.Authorization.Count > 0;
            var user = Caller(request, required: false);
            return hasHeader && user is null ? Results.StatusCode(401) : handle(user);
        }
    }

    private IResult WithArticle(HttpRequest request, string slug, Func<User, Article, IResult> handle) =>
        WithUser(request, user => _articles.TryGetValue(slug, out var article) ? handle(user, article) : Results.NotFound());

    private IResult Articles(IEnumerable<Article> articles, HttpRequest request, User? viewer)
    {
        var offset = int.TryParse(request.Query["offset"], out var o) ? o : 0;
        var limit = int.TryParse(request.Query["limit"], out var l) ? l : 20;
        var list = articles.OrderByDescending(a => a.CreatedAt).ToList();
        return Results.Json(new JsonObject
        {
            ["articles"] = new JsonArray([.. list.Skip(offset).Take(limit).Select(a => (JsonNode)ArticleJson(a, viewer))]),
            ["articlesCount"] = list.Count,
        });
    }

    private string Issue(User user)
    {
        user.Token ??= "jwt." + Guid.NewGuid().ToString("N") + ".sig";
        _byToken[user.Token] = user;
        return user.Token;
    }

    private string Slug(string title) => SlugText().Replace(title.ToLowerInvariant(), "-").Trim('-') + "-" + ++_nextArticle;

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex SlugText();

    private static JsonObject UserJson(User user, string token) => new()
    {
        ["email"] = user.Email, ["token"] = token, ["username"] = user.Username, ["bio"] = user.Bio, ["image"] = user.Image,
    };

    private static JsonObject ProfileJson(User user, User? viewer) => new()
    {
        ["username"] = user.Username, ["bio"] = user.Bio, ["image"] = user.Image, ["following"] = viewer?.Following.Contains(user.Username) ?? false,
    };

    private static JsonObject ArticleJson(Article article, User? viewer) => new()
    {
        ["slug"] = article.Slug,
        ["title"] = article.Title,
        ["description"] = article.Description,
        ["body"] = article.Body,
        ["tagList"] = new JsonArray([.. article.TagList.Select(t => (JsonNode)t)]),
        ["createdAt"] = article.CreatedAt,
        ["updatedAt"] = article.UpdatedAt,
        ["favorited"] = viewer is not null && article.FavoritedBy.Contains(viewer.Username),
        ["favoritesCount"] = article.FavoritedBy.Count,
        ["author"] = ProfileJson(article.Author, viewer),
    };

    private static JsonObject CommentJson(Comment comment, User? viewer) => new()
    {
        ["id"] = comment.Id, ["createdAt"] = comment.CreatedAt, ["updatedAt"] = comment.CreatedAt, ["body"] = comment.Body, ["author"] = ProfileJson(comment.Author, viewer),
    };

    private sealed class User(string username, string email, string password)
    {
        public string Username { get; set; } = username;
        public string Email { get; set; } = email;
        public string Password { get; set; } = password;
        public string Bio { get; set; } = "";
        public string Image { get; set; } = "";
        public string? Token { get; set; }
        public HashSet<string> Following { get; } = [];
        public int ArticlesCreated { get; set; }
    }

    private sealed class Article(string slug, string title, string description, string body, User author)
    {
        public string Slug { get; set; } = slug;
        public string Title { get; set; } = title;
        public string Description { get; set; } = description;
        public string Body { get; set; } = body;
        public List<string> TagList { get; init; } = [];
        public User Author { get; } = author;
        public DateTimeOffset CreatedAt { get; } = DateTimeOffset.UtcNow;
        public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
        public HashSet<string> FavoritedBy { get; } = [];
        public List<Comment> Comments { get; } = [];
    }

    private sealed record Comment(int Id, string Body, User Author)
    {
        public DateTimeOffset CreatedAt { get; } = DateTimeOffset.UtcNow;
    }
}
