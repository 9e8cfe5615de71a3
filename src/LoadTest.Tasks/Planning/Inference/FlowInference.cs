using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Planning.Inference;

/// <summary>The operations a virtual user's session is made of, and those left out of every flow.</summary>
/// <param name="Login">The anonymous operation that returns a token (run once per VU, again when the token expires).</param>
/// <param name="SignUp">The anonymous operation that registers a user (run once per VU before the first login).</param>
/// <param name="LeftOut">Logout and the like: they would end the session the next steps need.</param>
internal sealed record SessionOperations(ApiOperation? Login, ApiOperation? SignUp, IReadOnlyList<ApiOperation> LeftOut)
{
    public static SessionOperations None { get; } = new(null, null, []);

    /// <summary>Login then sign-up: the operations whose outputs (token, credentials) every flow can use.</summary>
    public IReadOnlyList<ApiOperation> Producers => [.. new[] { SignUp, Login }.OfType<ApiOperation>()];

    public bool Contains(ApiOperation operation) =>
        ReferenceEquals(operation, Login) || ReferenceEquals(operation, SignUp) || LeftOut.Any(o => ReferenceEquals(o, operation));
}

/// <summary>An operation takes a value from <see cref="From"/>; <see cref="Required"/> when a required input needs it.</summary>
internal sealed record Dependency(ApiOperation From, bool Required);

/// <summary>A default flow: its operations in order, and whether it is a business flow (chained by values) or a group.</summary>
internal sealed record InferredFlow(string Name, IReadOnlyList<ApiOperation> Operations, bool Business);

/// <summary>
/// The API's default flows. Operations joined by producer → consumer edges form business flows (create → read →
/// update → sub-resources → DELETEs last as cleanup, each consumer after its producer); the rest are grouped by tag
/// or first path segment as before. Login and sign-up belong to the virtual user's session; logout is left out.
/// </summary>
internal static class FlowInference
{
    /// <summary>Business flows longer than this are split per resource.</summary>
    internal const int MaxFlowSteps = 20;

    private static readonly Dictionary<string, int> MethodRank = new(StringComparer.OrdinalIgnoreCase)
    {
        ["POST"] = 0, ["GET"] = 1, ["PUT"] = 2, ["PATCH"] = 3, ["HEAD"] = 4, ["OPTIONS"] = 5, ["DELETE"] = 6,
    };

    public static IReadOnlyList<InferredFlow> Infer(DependencyGraph graph, SessionOperations session)
    {
        var operations = graph.Model.Operations.Where(o => !session.Contains(o)).ToList();
        var order = operations.Select((o, i) => (o, i)).ToDictionary(p => p.o, p => p.i, SameOperation.Comparer);
        var dependencies = Dependencies(graph, operations, session);

        var components = Components(operations, dependencies);
        var flows = new List<InferredFlow>();
        var chained = new HashSet<ApiOperation>(SameOperation.Comparer);
        foreach (var component in components.Where(c => c.Count > 1).OrderBy(c => c.Min(o => order[o])))
        {
            if (component.Count <= MaxFlowSteps)
            {
                var ordered = Order(component, dependencies, order);
                chained.UnionWith(ordered);
                flows.Add(new InferredFlow(BusinessName(ordered), ordered, true));
                continue;
            }

            // A large API whose operations all hang off a few creates (everything under /projects/{id}) is not one
            // iteration of hundreds of requests: a flow per resource, each with what it needs created first.
            foreach (var (resource, part) in Split(component, dependencies, order))
            {
                var ordered = Order(part, dependencies, order);
                chained.UnionWith(ordered);
                flows.Add(new InferredFlow(Naming.Snake(resource.Length > 0 ? resource : BusinessName(ordered)), ordered, true));
            }
        }

        var businessNames = flows.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var group in operations.Where(o => !chained.Contains(o)).GroupBy(GroupName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = group
                .OrderBy(o => o.PathTemplate.Contains('{') ? 1 : 0)
                .ThenBy(o => MethodRank.GetValueOrDefault(o.Method, 9))
                .ThenBy(o => o.PathTemplate, StringComparer.Ordinal)
                .ThenBy(o => o.Method, StringComparer.Ordinal)
                .ToList();
            var name = Naming.Snake(group.Key);
            flows.Add(new InferredFlow(businessNames.Contains(name) ? name + "_browse" : name, ordered, false));
        }

        return flows;
    }

    /// <summary>
    /// For each operation, the operations it takes values from: required inputs take their best producer, optional
    /// ones only a producer whose value identifies what it created (an optional cartId ← the cart's own id). A value
    /// the session provides (the user's own name) makes no dependency: every flow has the session.
    /// </summary>
    internal static Dictionary<ApiOperation, List<Dependency>> Dependencies(DependencyGraph graph, IReadOnlyList<ApiOperation> operations, SessionOperations session)
    {
        // Reversed, so that on equal scores the producer declared first wins; the session last, so it wins ties.
        var producers = (IReadOnlyList<ApiOperation>)[.. operations.Reverse(), .. session.Producers];
        var dependencies = new Dictionary<ApiOperation, List<Dependency>>(SameOperation.Comparer);
        foreach (var operation in operations)
        {
            var from = new List<Dependency>();
            foreach (var input in graph.InputsOf(operation))
            {
                if (graph.Best(input, producers) is not { } edge || !Feeds(input, edge) || session.Producers.Contains(edge.From.Operation, SameOperation.Comparer))
                {
                    continue;
                }

                var known = from.FindIndex(d => ReferenceEquals(d.From, edge.From.Operation));
                if (known < 0)
                {
                    from.Add(new Dependency(edge.From.Operation, input.Required));
                }
                else if (input.Required)
                {
                    from[known] = from[known] with { Required = true };
                }
            }

            dependencies[operation] = from;
        }

        return dependencies;
    }

    /// <summary>
    /// A large component by the resource each operation acts on: each part is that resource's operations, their
    /// producers, and (transitively) what those need; optional references are followed one step only.
    /// </summary>
    private static IEnumerable<(string Resource, List<ApiOperation> Part)> Split(List<ApiOperation> component, Dictionary<ApiOperation, List<Dependency>> dependencies, Dictionary<ApiOperation, int> order)
    {
        var parts = Parts(component, dependencies, order).ToList();
        // A resource whose operations all run in other parts anyway (POST /projects, needed by every part) needs no flow of its own.
        return parts
            .Where(p => !p.Own.All(o => parts.Any(other => !ReferenceEquals(other.Own, p.Own) && other.Part.Contains(o, SameOperation.Comparer))))
            .Select(p => (p.Resource, p.Part));
    }

    private static IEnumerable<(string Resource, HashSet<ApiOperation> Own, List<ApiOperation> Part)> Parts(List<ApiOperation> component, Dictionary<ApiOperation, List<Dependency>> dependencies, Dictionary<ApiOperation, int> order)
    {
        foreach (var family in component.GroupBy(o => ResourceNames.OfPath(o.PathTemplate), StringComparer.Ordinal).OrderBy(g => g.Min(o => order[o])))
        {
            var own = new HashSet<ApiOperation>(family, SameOperation.Comparer);
            var part = new HashSet<ApiOperation>(family, SameOperation.Comparer);
            var queue = new Queue<ApiOperation>(family);
            while (queue.TryDequeue(out var operation))
            {
                foreach (var dependency in dependencies[operation].Where(d => d.Required || own.Contains(operation)))
                {
                    if (part.Add(dependency.From))
                    {
                        queue.Enqueue(dependency.From);
                    }
                }
            }

            yield return (family.Key, own, [.. component.Where(part.Contains)]);
        }
    }

    /// <summary>An optional input is only fed a value that identifies what its producer made, a link's or a credential.</summary>
    public static bool Feeds(ValueInput input, ValueEdge edge) =>
        input.Required || edge.From.Identifies || edge.Reason is EdgeReason.Link or EdgeReason.Credential;

    private static List<List<ApiOperation>> Components(IReadOnlyList<ApiOperation> operations, Dictionary<ApiOperation, List<Dependency>> dependencies)
    {
        var parent = operations.ToDictionary(o => o, o => o, SameOperation.Comparer);
        ApiOperation Root(ApiOperation o)
        {
            while (!ReferenceEquals(parent[o], o))
            {
                o = parent[o] = parent[parent[o]];
            }

            return o;
        }

        foreach (var (consumer, producers) in dependencies)
        {
            foreach (var producer in producers)
            {
                parent[Root(consumer)] = Root(producer.From);
            }
        }

        return [.. operations.GroupBy(Root, SameOperation.Comparer).Select(g => g.ToList())];
    }

    /// <summary>
    /// Producers before consumers; among ready operations creates first (a sign-up before a sign-in), then reads, then
    /// updates; DELETEs wait until everything else ran and go deepest first (a comment before its article). Operations
    /// that feed each other in a cycle run together, in that same preference, once what the cycle needs from outside ran.
    /// </summary>
    internal static List<ApiOperation> Order(IReadOnlyList<ApiOperation> component, Dictionary<ApiOperation, List<Dependency>> dependencies, IReadOnlyDictionary<ApiOperation, int> declared)
    {
        static bool IsDelete(ApiOperation o) => o.Method.Equals("DELETE", StringComparison.OrdinalIgnoreCase);
        (int, int, int, int, string, int) Key(ApiOperation o) => IsDelete(o)
            ? (1, -Depth(o.PathTemplate), 0, 0, o.PathTemplate, declared[o])
            : (0, MethodRank.GetValueOrDefault(o.Method, 9), OperationRoles.IsSignUp(o) ? 0 : OperationRoles.IsSignIn(o) ? 1 : 2, Depth(o.PathTemplate), o.PathTemplate, declared[o]);

        var members = new HashSet<ApiOperation>(component, SameOperation.Comparer);
        var cycleOf = StronglyConnected(component, o => dependencies[o].Select(d => d.From).Where(members.Contains));
        var placed = new HashSet<ApiOperation>(SameOperation.Comparer);
        var result = new List<ApiOperation>();
        while (result.Count < component.Count)
        {
            var remaining = component.Where(o => !placed.Contains(o)).ToList();
            var nonDeletesLeft = remaining.Any(o => !IsDelete(o));
            // Ready: everything it needs ran, or belongs to its own cycle.
            var ready = remaining
                .Where(o => dependencies[o].All(d => placed.Contains(d.From) || !members.Contains(d.From) || cycleOf[d.From] == cycleOf[o]))
                .Where(o => !IsDelete(o) || !nonDeletesLeft)
                .ToList();
            var next = (ready.Count > 0 ? ready : remaining.Where(o => !IsDelete(o) || !nonDeletesLeft)).MinBy(Key)!;
            placed.Add(next);
            result.Add(next);
        }

        return result;
    }

    /// <summary>Tarjan's strongly connected components: each operation's component number.</summary>
    private static Dictionary<ApiOperation, int> StronglyConnected(IReadOnlyList<ApiOperation> nodes, Func<ApiOperation, IEnumerable<ApiOperation>> edges)
    {
        var index = new Dictionary<ApiOperation, int>(SameOperation.Comparer);
        var low = new Dictionary<ApiOperation, int>(SameOperation.Comparer);
        var component = new Dictionary<ApiOperation, int>(SameOperation.Comparer);
        var stack = new Stack<ApiOperation>();
        var onStack = new HashSet<ApiOperation>(SameOperation.Comparer);
        var counter = 0;
        var components = 0;

        void Visit(ApiOperation node)
        {
            index[node] = low[node] = counter++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in edges(node))
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], index[next]);
                }
            }

            if (low[node] == index[node])
            {
                ApiOperation member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component[member] = components;
                }
                while (!ReferenceEquals(member, node));
                components++;
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return component;
    }

    private static int Depth(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>A business flow is named by the first path segments it touches: cart_orders, articles, pets.</summary>
    private static string BusinessName(IReadOnlyList<ApiOperation> operations) =>
        Naming.Snake(string.Join('_', operations
            .Select(o => Naming.MeaningfulSegments(o.PathTemplate).FirstOrDefault() ?? "root")
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(3)));

    internal static string GroupName(ApiOperation operation) =>
        operation.Tags.FirstOrDefault() ?? Naming.MeaningfulSegments(operation.PathTemplate).FirstOrDefault() ?? "root";
}
