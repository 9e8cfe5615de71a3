using LoadTest.Tasks.Model;
using LoadTest.Tasks.Planning.Inference;

namespace LoadTest.Tasks.Planning;

/// <summary>
/// Turns operations into flows: by default the API's business flows inferred from its producer → consumer graph
/// (plus a flow per group for the rest), or the flows the user declared. Within a flow every input a producer can feed
/// takes the value from the latest earlier step that produces it (or from the virtual user's session), and the step's
/// bindings are recorded for the build log and flows.md.
/// </summary>
internal sealed class FlowPlanner(ApiModel model, StepBuilder steps, DependencyGraph graph, SessionBinder session, ICollection<SourceDiagnostic> diagnostics)
{
    /// <summary>Default flows: the inferred business flows, then a flow per group of the remaining operations.</summary>
    public IReadOnlyList<FlowPlan> InferredFlows(AuthPlan auth) =>
        Unique([.. FlowInference.Infer(graph, session.Operations).Select(f =>
        {
            var chain = ChainWithBindings([.. f.Operations.Select(o => (o, (IReadOnlyList<Binding>)[]))], auth);
            return new FlowPlan(f.Name, chain.Steps) { Origin = f.Business ? "inferred" : "group", Bindings = chain.Bindings };
        })]);

    /// <summary>Declared flows; unknown step references become LT2002 errors and the step is skipped.</summary>
    public IReadOnlyList<FlowPlan> DeclaredFlows(IEnumerable<(string Name, IReadOnlyList<string> Steps, SourceLocation Location)> declarations, AuthPlan auth)
    {
        var flows = new List<FlowPlan>();
        foreach (var (name, stepTexts, location) in declarations)
        {
            var resolved = new List<(ApiOperation, IReadOnlyList<Binding>)>();
            foreach (var text in stepTexts)
            {
                if (!StepReference.TryParse(text, out var reference, out var error))
                {
                    diagnostics.Add(SourceDiagnostic.Error("LT2009", $"Flow '{name}': step '{text}' is not understood: {error}.", location,
                        "Write a step as 'METHOD /path' or an operationId, optionally followed by bindings like 'id=2.data.id'."));
                    continue;
                }

                var operation = Find(reference!);
                if (operation is null)
                {
                    diagnostics.Add(SourceDiagnostic.Error("LT2002", $"Flow '{name}': step '{reference!.Operation}' matches no operation of {model.Title}.", location,
                        $"Use one of its {model.Operations.Count} operations (METHOD /path or operationId), listed one per line in the build log at detailed verbosity (-v:d): {string.Join(", ", model.Operations.Take(50).Select(o => o.OperationId ?? o.DisplayName))}{(model.Operations.Count > 50 ? $" and {model.Operations.Count - 50} more" : "")}."));
                    ListOperationsOnce();
                    continue;
                }

                resolved.Add((operation, reference!.Bindings));
            }

            if (resolved.Count > 0)
            {
                var chain = ChainWithBindings(resolved, auth);
                flows.Add(new FlowPlan(Naming.Snake(name), chain.Steps) { Origin = "declared", Bindings = chain.Bindings });
            }
        }

        return Unique(flows);
    }

    private bool _operationsListed;

    /// <summary>Every operation a step may name, one line each in the detailed build log (LT2002's list in full).</summary>
    private void ListOperationsOnce()
    {
        if (_operationsListed)
        {
            return;
        }

        _operationsListed = true;
        foreach (var operation in model.Operations)
        {
            diagnostics.Add(new SourceDiagnostic("LT2002", DiagnosticSeverity.Detail,
                $"Operation of {model.Title}: {operation.DisplayName}{(operation.OperationId is { } id ? $" (operationId {id})" : "")}", operation.Location));
        }
    }

    /// <summary>Finds an operation by operationId, or by method and path (OpenAPI <c>{id}</c> or Express <c>:id</c>, any parameter names).</summary>
    public ApiOperation? Find(StepReference reference)
    {
        if (reference.Method is null)
        {
            return model.Operations.FirstOrDefault(o => string.Equals(o.OperationId, reference.Operation, StringComparison.Ordinal))
                ?? model.Operations.FirstOrDefault(o => string.Equals(o.OperationId, reference.Operation, StringComparison.OrdinalIgnoreCase));
        }

        var shape = PathShape(reference.Path!);
        var candidates = model.Operations.Where(o => o.Method.Equals(reference.Method, StringComparison.OrdinalIgnoreCase)).ToList();
        return candidates.FirstOrDefault(o => o.PathTemplate == reference.Path)
            ?? candidates.FirstOrDefault(o => PathShape(o.PathTemplate) == shape);
    }

    private static string PathShape(string path) => string.Join('/', path.TrimEnd('/').Split('/')
        .Select(s => s.StartsWith('{') || s.StartsWith(':') ? "{}" : s.ToLowerInvariant()));

    private static IReadOnlyList<FlowPlan> Unique(List<FlowPlan> flows)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. flows.Select(f =>
        {
            var name = f.Name;
            for (var i = 2; !seen.Add(name); i++)
            {
                name = f.Name + "_" + i;
            }

            return f with { Name = name };
        })];
    }

    /// <summary>Builds the steps and wires values from earlier responses into later requests.</summary>
    public IReadOnlyList<StepPlan> Chain(IReadOnlyList<(ApiOperation Operation, IReadOnlyList<Binding> Bindings)> operations, AuthPlan auth) =>
        ChainWithBindings(operations, auth).Steps;

    /// <summary>
    /// Builds the steps; each input takes its value from a declared binding, else from the best producer among the
    /// earlier steps (the latest on a tie) and the session. A step that gets back what it consumed (PUT returning the
    /// article with its new slug) captures it again, so later steps use the current value.
    /// </summary>
    public ChainResult ChainWithBindings(IReadOnlyList<(ApiOperation Operation, IReadOnlyList<Binding> Bindings)> operations, AuthPlan auth)
    {
        var built = new List<StepPlan>();
        var captures = new List<List<CapturePlan>>();
        var notes = new List<BindingNote>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < operations.Count; index++)
        {
            var (operation, bindings) = operations[index];
            var baseId = Naming.Snake(Naming.StepLabel(operation.Method, operation.PathTemplate));
            var id = baseId;
            for (var n = 2; !ids.Add(id); n++)
            {
                id = baseId + "_" + n;
            }

            var step = steps.Build(operation, id, auth);
            captures.Add([]);
            var handled = new HashSet<string>(StringComparer.Ordinal);

            foreach (var binding in bindings)
            {
                var stepIndex = binding.ResolveStep(built);
                if (stepIndex is null)
                {
                    diagnostics.Add(SourceDiagnostic.Error("LT2009", $"Binding '{binding.Target}={binding.Source}.{binding.Path}' of {step.OperationName} names no earlier step.", operation.Location,
                        "Refer to an earlier step by its 1-based number, its operationId or its id (e.g. orders_create)."));
                    continue;
                }

                var variable = AddCapture(captures[stepIndex.Value], new CapturePlan($"{built[stepIndex.Value].Id}_{Naming.Snake(binding.Path)}", binding.Path));
                if (Apply(step, binding.Target, variable) is { } bound)
                {
                    step = bound;
                    handled.Add(binding.Target);
                    notes.Add(new BindingNote(index, binding.Target, $"step {stepIndex.Value + 1} {built[stepIndex.Value].OperationName} response {binding.Path} (declared)", null, true));
                }
            }

            var earlier = operations.Take(index).Select(o => o.Operation).ToList();
            foreach (var input in graph.InputsOf(operation))
            {
                if (handled.Contains(input.Name) || handled.Contains(input.Path))
                {
                    continue;
                }

                // On equal scores the latest earlier step wins; for credentials the session (who the user is) does.
                var producers = ResourceNames.IsCredential(input.Name)
                    ? (IReadOnlyList<ApiOperation>)[.. earlier, .. session.Producers]
                    : [.. session.Producers, .. earlier];
                var edge = graph.Best(input, producers);
                if (edge is not null && !FlowInference.Feeds(input, edge))
                {
                    edge = null;
                }

                if (edge is null)
                {
                    if (input.Required && Current(step, input) is { } fallback)
                    {
                        notes.Add(new BindingNote(index, input.ToString(), null, RuleText.Describe(fallback), true));
                    }

                    continue;
                }

                var fromSession = session.IsSession(edge.From.Operation);
                int producerIndex = -1;
                string variable;
                if (fromSession)
                {
                    variable = session.Capture(edge.From);
                }
                else
                {
                    producerIndex = earlier.FindLastIndex(o => ReferenceEquals(o, edge.From.Operation));
                    variable = AddCapture(captures[producerIndex], SessionBinder.CaptureFor(built[producerIndex].Id, edge.From));
                }

                if (Apply(step, input, variable) is not { } applied)
                {
                    continue;
                }

                step = fromSession ? applied with { UsesSession = true } : applied;
                var source = fromSession
                    ? $"session {edge.From.Operation.DisplayName} {edge.From} ({Reason(edge.Reason)})"
                    : $"step {producerIndex + 1} {built[producerIndex].OperationName} {edge.From} ({Reason(edge.Reason)})";
                notes.Add(new BindingNote(index, input.ToString(), source, null, input.Required));

                // PUT /articles/{slug} may answer with a new slug: later steps must use it. (Not a value picked from a list.)
                if (!fromSession && edge.From.Place == OutputPlace.Response && !edge.From.Path.Contains("[*]", StringComparison.Ordinal)
                    && graph.OutputsOf(operation).Any(o => o.Place == OutputPlace.Response && o.Path == edge.From.Path))
                {
                    AddCapture(captures[index], new CapturePlan(variable, edge.From.Path));
                }
            }

            built.Add(step);
        }

        return new ChainResult([.. built.Select((s, i) => s with { Captures = captures[i] })], notes);
    }

    private static string Reason(EdgeReason reason) => reason switch
    {
        EdgeReason.Link => "OpenAPI link",
        EdgeReason.SameName => "same name",
        EdgeReason.ResourceId => "id of that resource",
        _ => "credentials",
    };

    private static string AddCapture(List<CapturePlan> captures, CapturePlan capture)
    {
        var existing = captures.FirstOrDefault(c => c.Variable == capture.Variable);
        if (existing is null)
        {
            captures.Add(capture);
        }

        return capture.Variable;
    }

    /// <summary>The step's current value for <paramref name="input"/>, or null when the step does not send it.</summary>
    private static ValueRule? Current(StepPlan step, ValueInput input) => input.Place switch
    {
        InputPlace.Path => step.Path.FirstOrDefault(p => p.Parameter == input.Name)?.Value,
        InputPlace.Query => step.Query.FirstOrDefault(q => q.Name == input.Name)?.Value,
        InputPlace.Header => step.Headers.FirstOrDefault(h => h.Name == input.Name)?.Value,
        _ => step.Body is { } body ? RulePaths.Get(body.Value, input.Path.Split('.')) : null,
    };

    /// <summary>The step with <paramref name="input"/> taken from <paramref name="variable"/> (the planned value as fallback), or null.</summary>
    private static StepPlan? Apply(StepPlan step, ValueInput input, string variable) => Apply(step, input.Place, input.Name, input.Path, variable);

    /// <summary>A declared binding's target: a path or query parameter, a header, or a body member (dotted path allowed).</summary>
    private static StepPlan? Apply(StepPlan step, string target, string variable) =>
        new[] { InputPlace.Path, InputPlace.Query, InputPlace.Header, InputPlace.Body }
            .Select(place => Apply(step, place, target, target, variable))
            .FirstOrDefault(bound => bound is not null);

    private static StepPlan? Apply(StepPlan step, InputPlace place, string name, string path, string variable)
    {
        ValueRule Wire(ValueRule rule) => new CaptureRule(variable, TypeOf(rule), rule);
        switch (place)
        {
            case InputPlace.Path when step.Path.Any(p => p.Parameter == name && p.Value is not null):
                return step with { Path = [.. step.Path.Select(p => p.Parameter == name && p.Value is not null ? p with { Value = Wire(p.Value) } : p)] };
            case InputPlace.Query when step.Query.Any(q => q.Name == name):
                return step with { Query = [.. step.Query.Select(q => q.Name == name ? q with { Value = Wire(q.Value), Probability = 1 } : q)] };
            case InputPlace.Header when step.Headers.Any(h => h.Name == name):
                return step with { Headers = [.. step.Headers.Select(h => h.Name == name ? h with { Value = Wire(h.Value), Probability = 1 } : h)] };
            case InputPlace.Body when step.Body is { } body && RulePaths.Replace(body.Value, path.Split('.'), Wire) is { } value:
                return step with { Body = body with { Value = value } };
            default:
                return null;
        }
    }

    private static string? TypeOf(ValueRule rule) => rule switch
    {
        IntegerRule => "integer",
        DecimalRule => "number",
        BoolRule => "boolean",
        DataRule d => d.Type,
        CaptureRule c => c.Type,
        _ => "string",
    };
}

/// <summary>A chained flow's steps and where each of their inputs comes from.</summary>
internal sealed record ChainResult(IReadOnlyList<StepPlan> Steps, IReadOnlyList<BindingNote> Bindings);

/// <summary>A declared binding <c>target=source.path</c>: the value of <c>path</c> in step <c>source</c>'s response.</summary>
internal sealed record Binding(string Target, string Source, string Path)
{
    public int? ResolveStep(IReadOnlyList<StepPlan> earlier)
    {
        if (int.TryParse(Source, out var number))
        {
            return number >= 1 && number <= earlier.Count ? number - 1 : null;
        }

        var index = earlier.ToList().FindIndex(s => s.Id == Source || s.OperationId == Source);
        return index >= 0 ? index : null;
    }
}

/// <summary>A parsed declared step: <c>POST /api/orders</c> or <c>createOrder</c>, then optional bindings.</summary>
internal sealed record StepReference(string? Method, string? Path, string Operation, IReadOnlyList<Binding> Bindings)
{
    private static readonly HashSet<string> Methods = new(StringComparer.OrdinalIgnoreCase) { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" };

    public static bool TryParse(string text, out StepReference? reference, out string? error)
    {
        reference = null;
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (tokens.Length == 0)
        {
            error = "it is empty";
            return false;
        }

        string? method = null, path = null;
        string operation;
        var rest = 1;
        if (Methods.Contains(tokens[0]))
        {
            if (tokens.Length < 2 || !tokens[1].StartsWith('/'))
            {
                error = "a method must be followed by a path starting with '/'";
                return false;
            }

            method = tokens[0].ToUpperInvariant();
            path = tokens[1];
            operation = $"{method} {path}";
            rest = 2;
        }
        else
        {
            operation = tokens[0];
        }

        var bindings = new List<Binding>();
        foreach (var token in tokens.Skip(rest))
        {
            var eq = token.IndexOf('=');
            var dot = eq < 0 ? -1 : token.IndexOf('.', eq);
            if (eq <= 0 || dot < 0 || dot == token.Length - 1)
            {
                error = $"binding '{token}' should look like 'name=step.path' (e.g. id=2.data.id)";
                return false;
            }

            bindings.Add(new Binding(token[..eq].Trim('{', '}'), token[(eq + 1)..dot], token[(dot + 1)..].TrimStart('$', '.')));
        }

        reference = new StepReference(method, path, operation, bindings);
        error = null;
        return true;
    }
}
