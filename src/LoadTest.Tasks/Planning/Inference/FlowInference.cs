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

/// <summary>A default flow: its operations in order, and whether it is a business flow (chained by values) or a group.</summary>
internal sealed record InferredFlow(string Name, IReadOnlyList<ApiOperation> Operations, bool Business);

/// <summary>
/// The API's default flows. Operations joined by producer → consumer edges form business flows (create → read →
/// update → sub-resources → DELETEs last as cleanup, each consumer after its producer); the rest are grouped by tag
/// or first path segment as before. Login and sign-up belong to the virtual user's session; logout is left out.
/// </summary>
internal static class FlowInference
{
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
            var ordered = Order(component, dependencies, order);
            chained.UnionWith(ordered);
            flows.Add(new InferredFlow(BusinessName(ordered), ordered, true));
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
    internal static Dictionary<ApiOperation, List<ApiOperation>> Dependencies(DependencyGraph graph, IReadOnlyList<ApiOperation> operations, SessionOperations session)
    {
        // Reversed, so that on equal scores the producer declared first wins; the session last, so it wins ties.
        var producers = (IReadOnlyList<ApiOperation>)[.. operations.Reverse(), .. session.Producers];
        var dependencies = new Dictionary<ApiOperation, List<ApiOperation>>(SameOperation.Comparer);
        foreach (var operation in operations)
        {
            var from = new List<ApiOperation>();
            foreach (var input in graph.InputsOf(operation))
            {
                if (graph.Best(input, producers) is { } edge && Feeds(input, edge)
                    && !session.Producers.Contains(edge.From.Operation, SameOperation.Comparer)
                    && !from.Contains(edge.From.Operation, SameOperation.Comparer))
                {
                    from.Add(edge.From.Operation);
                }
            }

            dependencies[operation] = from;
        }

        return dependencies;
    }

    /// <summary>An optional input is only fed a value that identifies what its producer made, a link's or a credential.</summary>
    public static bool Feeds(ValueInput input, ValueEdge edge) =>
        input.Required || edge.From.Identifies || edge.Reason is EdgeReason.Link or EdgeReason.Credential;

    private static List<List<ApiOperation>> Components(IReadOnlyList<ApiOperation> operations, Dictionary<ApiOperation, List<ApiOperation>> dependencies)
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
                parent[Root(consumer)] = Root(producer);
            }
        }

        return [.. operations.GroupBy(Root, SameOperation.Comparer).Select(g => g.ToList())];
    }

    /// <summary>
    /// Producers before consumers; among ready operations creates first (a sign-up before a sign-in), then reads, then
    /// updates; DELETEs wait until everything else ran and go deepest first (a comment before its article). Operations
    /// that feed each other in a cycle run together, in that same preference, once what the cycle needs from outside ran.
    /// </summary>
    internal static List<ApiOperation> Order(IReadOnlyList<ApiOperation> component, Dictionary<ApiOperation, List<ApiOperation>> dependencies, IReadOnlyDictionary<ApiOperation, int> declared)
    {
        static bool IsDelete(ApiOperation o) => o.Method.Equals("DELETE", StringComparison.OrdinalIgnoreCase);
        (int, int, int, int, string, int) Key(ApiOperation o) => IsDelete(o)
            ? (1, -Depth(o.PathTemplate), 0, 0, o.PathTemplate, declared[o])
            : (0, MethodRank.GetValueOrDefault(o.Method, 9), OperationRoles.IsSignUp(o) ? 0 : OperationRoles.IsSignIn(o) ? 1 : 2, Depth(o.PathTemplate), o.PathTemplate, declared[o]);

        var members = new HashSet<ApiOperation>(component, SameOperation.Comparer);
        var cycleOf = StronglyConnected(component, o => dependencies[o].Where(members.Contains));
        var placed = new HashSet<ApiOperation>(SameOperation.Comparer);
        var result = new List<ApiOperation>();
        while (result.Count < component.Count)
        {
            var remaining = component.Where(o => !placed.Contains(o)).ToList();
            var nonDeletesLeft = remaining.Any(o => !IsDelete(o));
            // Ready: everything it needs ran, or belongs to its own cycle.
            var ready = remaining
                .Where(o => dependencies[o].All(d => placed.Contains(d) || !members.Contains(d) || cycleOf[d] == cycleOf[o]))
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
