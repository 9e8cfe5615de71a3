using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Planning.Inference;

/// <summary>
/// The producer → consumer graph of an API (after RESTler's inference): every value an operation produces (response
/// fields, a <c>Location</c> header, what a create sent) scored against every input that can take it (path, id-like
/// query/header parameters, id-like and credential body members), by name, resource and schema; OpenAPI Link
/// Objects are taken as stated. Built once per model; lookups are pure.
/// </summary>
internal sealed class DependencyGraph
{
    private const int LinkScore = 100;

    private readonly Dictionary<ApiOperation, IReadOnlyList<ValueInput>> _inputs = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ApiOperation, IReadOnlyList<ValueOutput>> _outputs = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, List<ValueOutput>> _outputsByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<ValueInput, List<ValueEdge>> _links = new(ReferenceEqualityComparer.Instance);
    private readonly List<IgnoredLink> _ignoredLinks = [];

    private DependencyGraph(ApiModel model) => Model = model;

    public ApiModel Model { get; }

    public static DependencyGraph Build(ApiModel model, Func<SchemaModel, SchemaModel> resolve)
    {
        var graph = new DependencyGraph(model);
        foreach (var operation in model.Operations)
        {
            graph._inputs[operation] = ValueSlotReader.Inputs(operation, resolve);
            var outputs = ValueSlotReader.Outputs(operation, resolve);
            graph._outputs[operation] = outputs;
            foreach (var output in outputs)
            {
                if (!graph._outputsByKey.TryGetValue(output.Key, out var list))
                {
                    graph._outputsByKey[output.Key] = list = [];
                }

                list.Add(output);
            }
        }

        foreach (var operation in model.Operations)
        {
            graph.AddLinks(operation, resolve);
        }

        return graph;
    }

    /// <summary>Link parameters the flows cannot follow (an expression not understood, a target that is not there): reported, not dropped silently.</summary>
    public IReadOnlyList<IgnoredLink> IgnoredLinks => _ignoredLinks;

    public IReadOnlyList<ValueInput> InputsOf(ApiOperation operation) => _inputs.GetValueOrDefault(operation) ?? [];

    public IReadOnlyList<ValueOutput> OutputsOf(ApiOperation operation) => _outputs.GetValueOrDefault(operation) ?? [];

    /// <summary>
    /// The best output of <paramref name="producers"/> for <paramref name="input"/>, or null. On equal scores the
    /// producer that comes later in the list wins (in a flow: the most recent step).
    /// </summary>
    public ValueEdge? Best(ValueInput input, IReadOnlyList<ApiOperation> producers)
    {
        ValueEdge? best = null;
        var bestRank = -1;
        foreach (var edge in Candidates(input, producers))
        {
            var rank = IndexOf(producers, edge.From.Operation);
            if (best is null || edge.Score > best.Score || (edge.Score == best.Score && rank > bestRank))
            {
                best = edge;
                bestRank = rank;
            }
        }

        return best;
    }

    /// <summary>Every edge from an output of <paramref name="producers"/> into <paramref name="input"/>.</summary>
    public IEnumerable<ValueEdge> Candidates(ValueInput input, IReadOnlyList<ApiOperation> producers)
    {
        var allowed = new HashSet<ApiOperation>(producers, SameOperation.Comparer);
        foreach (var link in _links.GetValueOrDefault(input) ?? [])
        {
            if (allowed.Contains(link.From.Operation))
            {
                yield return link;
            }
        }

        var keys = new HashSet<string>(StringComparer.Ordinal) { input.Key, "id" };
        if (input.Resource.Length > 0)
        {
            keys.Add(input.Resource + "id");
        }

        foreach (var key in keys)
        {
            foreach (var output in _outputsByKey.GetValueOrDefault(key) ?? [])
            {
                if (allowed.Contains(output.Operation) && !Echoes(output, input) && Score(input, output) is { } scored)
                {
                    yield return new ValueEdge(output, input, scored.Reason, scored.Score);
                }
            }
        }
    }

    /// <summary>
    /// How well <paramref name="output"/> fits <paramref name="input"/>, or null when it does not: the same name, the
    /// id of the resource the input refers to, or the same credential; then the producer's kind (a POST creates, a
    /// response beats an echo of the request) and the schemas (equal patterns agree, different ones disagree).
    /// </summary>
    public static (int Score, EdgeReason Reason)? Score(ValueInput input, ValueOutput output)
    {
        if (ReferenceEquals(input.Operation, output.Operation) || !TypesFit(input.Schema, output))
        {
            return null;
        }

        int score;
        EdgeReason reason;
        var isId = ResourceNames.IsId(input.Name, out var named);
        if (input.Key == output.Key && input.Key != "id")
        {
            if (ResourceNames.IsCredential(input.Name))
            {
                (score, reason) = (45, EdgeReason.Credential);
            }
            else if (isId && named.Length > 0)
            {
                // cartId names its resource: the cart's own cartId beats an order's reference to it.
                (score, reason) = (60 + (output.Identifies ? 20 : 0), EdgeReason.SameName);
            }
            else if (input.Resource.Length > 0 && output.Resource.Length > 0 && input.Resource != output.Resource)
            {
                // A slug of /tags/{slug} is not an article's slug.
                return null;
            }
            else
            {
                (score, reason) = (60 + (input.Resource == output.Resource ? 20 : 0), EdgeReason.SameName);
            }
        }
        else if (isId && input.Resource.Length > 0 && output.Resource == input.Resource && (output.Key == "id" || output.Key == input.Resource + "id"))
        {
            (score, reason) = (50 + (output.Identifies ? 20 : 0), EdgeReason.ResourceId);
        }
        else
        {
            return null;
        }

        score += output.Operation.Method.ToUpperInvariant() switch
        {
            "POST" => 10,
            "PUT" or "PATCH" => -5,
            _ => 0,
        };
        // A response beats an echo of the request, except for credentials: log in with exactly what was sent.
        score += output.Place switch
        {
            OutputPlace.Response => 5,
            OutputPlace.Location => 0,
            _ when reason == EdgeReason.Credential => 10,
            _ => -10,
        };
        if (input.Schema.Pattern is { } wanted && output.Schema?.Pattern is { } given)
        {
            score += wanted == given ? 5 : -15;
        }

        return (score, reason);
    }

    /// <summary>A GET /orders/{id} returns the id it was given: it echoes the value rather than producing it.</summary>
    private bool Echoes(ValueOutput output, ValueInput input) =>
        InputsOf(output.Operation).Any(own => own.Place == InputPlace.Path && own.Resource == input.Resource
            && (own.Key == input.Key || (ResourceNames.IsId(own.Name, out _) && ResourceNames.IsId(input.Name, out _))));

    /// <summary>Numbers do not feed strings and back (a Location header's last segment fits either); objects feed nothing.</summary>
    private static bool TypesFit(SchemaModel wanted, ValueOutput output)
    {
        if (output.Place == OutputPlace.Location)
        {
            return wanted.Type is null or "string" or "integer" or "number";
        }

        static string Kind(string? type) => type switch
        {
            null or "string" => "string",
            "integer" or "number" => "number",
            _ => type,
        };

        var want = Kind(wanted.Type);
        var give = Kind(output.Schema?.Type);
        return want == give && want is "string" or "number";
    }

    /// <summary>Link Objects of <paramref name="operation"/>'s responses become edges into the operations they name.</summary>
    private void AddLinks(ApiOperation operation, Func<SchemaModel, SchemaModel> resolve)
    {
        foreach (var response in operation.Responses.Where(r => r.StatusCode.StartsWith('2')))
        {
            foreach (var link in response.Links)
            {
                var target = Model.Operations.FirstOrDefault(o => link.OperationId is not null && string.Equals(o.OperationId, link.OperationId, StringComparison.Ordinal))
                    ?? Model.Operations.FirstOrDefault(o => link.OperationRef is not null && OperationRef(o) == Uri.UnescapeDataString(link.OperationRef.Split('#').Last()));
                if (target is null)
                {
                    _ignoredLinks.Add(new IgnoredLink(operation, link.OperationId ?? link.OperationRef ?? "?", "", "", "names no operation of the API"));
                    continue;
                }

                if (ReferenceEquals(target, operation))
                {
                    continue;
                }

                foreach (var (parameter, expression) in link.Parameters)
                {
                    var name = parameter.Contains('.', StringComparison.Ordinal) ? parameter[(parameter.IndexOf('.', StringComparison.Ordinal) + 1)..] : parameter;
                    var input = InputsOf(target).FirstOrDefault(i => i.Name == name && i.Place != InputPlace.Body);
                    if (input is null)
                    {
                        // Not an id-like input the flows bind (a page size, a filter): its value rules apply.
                        continue;
                    }

                    if (LinkOutput(operation, expression, resolve) is not { } output)
                    {
                        _ignoredLinks.Add(new IgnoredLink(operation, target.DisplayName, name, expression,
                            "only $response.body#/…, $request.body#/… and $response.header.Location are followed"));
                        continue;
                    }

                    if (!_links.TryGetValue(input, out var edges))
                    {
                        _links[input] = edges = [];
                    }

                    edges.Add(new ValueEdge(output, input, EdgeReason.Link, LinkScore));
                }
            }
        }
    }

    /// <summary><c>/paths/~1users~1{id}/get</c>: the form an operationRef points at an operation in.</summary>
    private static string OperationRef(ApiOperation operation) =>
        "/paths/" + operation.PathTemplate.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal) + "/" + operation.Method.ToLowerInvariant();

    /// <summary>
    /// The output a link's runtime expression names: <c>$response.body#/a/b</c> (array items by index, or one at random
    /// where the pointer goes on into an item, as a flow picks from a list), <c>$request.body#/a/b</c> (what the step sent)
    /// or <c>$response.header.Location</c>; null for any other expression.
    /// </summary>
    private ValueOutput? LinkOutput(ApiOperation operation, string expression, Func<SchemaModel, SchemaModel> resolve)
    {
        var resource = ResourceNames.OfPath(operation.PathTemplate);
        if (expression.StartsWith("$response.header.", StringComparison.OrdinalIgnoreCase)
            && expression["$response.header.".Length..].Equals("Location", StringComparison.OrdinalIgnoreCase))
        {
            return new ValueOutput(operation, OutputPlace.Location, "id", "Location", SchemaModel.Of("string"), resource, true);
        }

        const string ResponseBody = "$response.body#/", RequestBody = "$request.body#/";
        var (place, pointer, declared) = expression.StartsWith(ResponseBody, StringComparison.Ordinal)
            ? (OutputPlace.Response, expression[ResponseBody.Length..], ValueSlotReader.ResponseSchema(operation))
            : expression.StartsWith(RequestBody, StringComparison.Ordinal)
                ? (OutputPlace.Request, expression[RequestBody.Length..], ValueSlotReader.JsonBody(operation))
                : (OutputPlace.Response, "", null);
        var segments = pointer.Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
        if (pointer.Length == 0 || segments.Any(s => s.Length == 0 || s.IndexOfAny(['.', '[', ']']) >= 0))
        {
            return null;
        }

        // The capture's dotted path, and the schema there when the operation documents it (for the capture's type).
        SchemaModel? schema = declared is null ? null : resolve(declared);
        var path = "";
        foreach (var segment in segments)
        {
            var isIndex = segment.All(char.IsAsciiDigit);
            if (isIndex || schema is { Type: "array" })
            {
                if (place == OutputPlace.Request)
                {
                    return null; // what a step sent is captured by member names only
                }

                path += isIndex ? $"[{segment}]" : "[*]";
                schema = schema?.Items is { } items ? resolve(items) : null;
                if (isIndex)
                {
                    continue;
                }
            }

            path = path.Length == 0 ? segment : path + "." + segment;
            schema = schema?.Properties.GetValueOrDefault(segment) is { } next ? resolve(next) : null;
        }

        var name = segments.LastOrDefault(s => !s.All(char.IsAsciiDigit)) ?? "value";
        return new ValueOutput(operation, place, name, path, schema, resource, true);
    }

    private static int IndexOf(IReadOnlyList<ApiOperation> operations, ApiOperation operation)
    {
        for (var i = operations.Count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(operations[i], operation))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>A link parameter the flows do not follow, and why (LT2035).</summary>
internal sealed record IgnoredLink(ApiOperation Operation, string Target, string Parameter, string Expression, string Why);
