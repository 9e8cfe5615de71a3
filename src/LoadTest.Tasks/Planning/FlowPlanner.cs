using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Planning;

/// <summary>
/// Turns operations into flows: one per group (first tag, else first meaningful path segment) by default, or the
/// flows the user declared. Within a flow, later steps take ids and other id-like values from earlier responses
/// (create → get by the returned id), by property name, by resource, or by an explicit binding.
/// </summary>
internal sealed class FlowPlanner(ApiModel model, PayloadPlanner payloads, StepBuilder steps, ICollection<SourceDiagnostic> diagnostics)
{
    private static readonly Dictionary<string, int> MethodOrder = new(StringComparer.OrdinalIgnoreCase)
    {
        ["POST"] = 0, ["GET"] = 1, ["PUT"] = 2, ["PATCH"] = 3, ["HEAD"] = 4, ["OPTIONS"] = 5, ["DELETE"] = 6,
    };

    /// <summary>Default flows: a flow per group, login and DELETE left out (they belong in declared flows).</summary>
    public IReadOnlyList<FlowPlan> GroupFlows(AuthPlan auth, ApiOperation? login)
    {
        var groups = model.Operations
            .Where(o => !ReferenceEquals(o, login) && !o.Method.Equals("DELETE", StringComparison.OrdinalIgnoreCase))
            .GroupBy(GroupName, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        var flows = new List<FlowPlan>();
        foreach (var group in groups)
        {
            var ordered = group
                .OrderBy(o => o.PathTemplate.Contains('{') ? 1 : 0)
                .ThenBy(o => MethodOrder.GetValueOrDefault(o.Method, 9))
                .ThenBy(o => o.PathTemplate, StringComparer.Ordinal)
                .ThenBy(o => o.Method, StringComparer.Ordinal)
                .Select(o => (o, (IReadOnlyList<Binding>)[]))
                .ToList();
            flows.Add(new FlowPlan(Naming.Snake(group.Key), Chain(ordered, auth)) { Origin = "group" });
        }

        return Unique(flows);
    }

    private static string GroupName(ApiOperation operation) =>
        operation.Tags.FirstOrDefault() ?? Naming.MeaningfulSegments(operation.PathTemplate).FirstOrDefault() ?? "root";

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
                flows.Add(new FlowPlan(Naming.Snake(name), Chain(resolved, auth)) { Origin = "declared" });
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
    public IReadOnlyList<StepPlan> Chain(IReadOnlyList<(ApiOperation Operation, IReadOnlyList<Binding> Bindings)> operations, AuthPlan auth)
    {
        var built = new List<StepPlan>();
        var captures = new List<List<CapturePlan>>();
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
            step = Bind(step, operation, index, built, operations, captures, bindings);
            built.Add(step);
        }

        return [.. built.Select((s, i) => s with { Captures = captures[i] })];
    }

    private StepPlan Bind(
        StepPlan step,
        ApiOperation operation,
        int index,
        List<StepPlan> earlier,
        IReadOnlyList<(ApiOperation Operation, IReadOnlyList<Binding> Bindings)> operations,
        List<List<CapturePlan>> captures,
        IReadOnlyList<Binding> explicitBindings)
    {
        ValueRule Wire(string name, string hintName, ValueRule rule)
        {
            var source = Explicit(name) ?? Infer(name, hintName, index, operations);
            if (source is null)
            {
                return rule;
            }

            var (stepIndex, path) = source.Value;
            var variable = $"{earlier[stepIndex].Id}_{Naming.Snake(path)}";
            if (!captures[stepIndex].Any(c => c.Variable == variable))
            {
                captures[stepIndex].Add(new CapturePlan(variable, path));
            }

            return new CaptureRule(variable, TypeOf(rule), rule);
        }

        (int, string)? Explicit(string name)
        {
            var binding = explicitBindings.FirstOrDefault(b => b.Target == name);
            if (binding is null)
            {
                return null;
            }

            var stepIndex = binding.ResolveStep(earlier);
            if (stepIndex is null)
            {
                diagnostics.Add(SourceDiagnostic.Error("LT2009", $"Binding '{binding.Target}={binding.Source}.{binding.Path}' of {step.OperationName} names no earlier step.", operation.Location,
                    "Refer to an earlier step by its 1-based number, its operationId or its id (e.g. orders_create)."));
                return null;
            }

            return (stepIndex.Value, binding.Path);
        }

        var path = step.Path.Select(p => p.Parameter is { } parameter && p.Value is not null
            ? p with { Value = Wire(parameter, StepBuilder.HintName(parameter, operation.PathTemplate[..Math.Max(0, operation.PathTemplate.IndexOf("{" + parameter + "}", StringComparison.Ordinal))]), p.Value) }
            : p).ToList();
        var query = step.Query.Select(q => q with { Value = Wire(q.Name, q.Name, q.Value) }).ToList();
        var body = step.Body;
        if (body is { Value: ObjectRule obj })
        {
            body = body with
            {
                Value = new ObjectRule([.. obj.Members.Select(m => Wire(m.Name, m.Name, m.Value) is var wired && wired is CaptureRule
                    ? m with { Value = wired, Probability = 1 }
                    : m)]),
            };
        }

        return step with { Path = path, Query = query, Body = body };
    }

    private static string? TypeOf(ValueRule rule) => rule switch
    {
        IntegerRule => "integer",
        DecimalRule => "number",
        BoolRule => "boolean",
        DataRule d => d.Type,
        _ => "string",
    };

    /// <summary>
    /// Where an earlier response has this value: the same property name (productId ← productId), or the <c>id</c> of
    /// the step that created the resource the name refers to (orderId, or <c>{id}</c> under /orders ← POST /orders → id).
    /// </summary>
    private (int, string)? Infer(string name, string hintName, int index, IReadOnlyList<(ApiOperation Operation, IReadOnlyList<Binding> Bindings)> operations)
    {
        if (!NameHints.IsId(name, out _) && !NameHints.IsId(hintName, out _))
        {
            return null;
        }

        NameHints.IsId(hintName, out var resource);
        for (var i = index - 1; i >= 0; i--)
        {
            var properties = StepBuilder.ResponseProperties(StepBuilder.ResponseSchema(operations[i].Operation, payloads), payloads).ToList();
            var exact = properties.FirstOrDefault(p => NameHints.Normalize(p.Name) == NameHints.Normalize(name) && NameHints.Normalize(name) != "id");
            if (exact.Path is not null)
            {
                return (i, exact.Path);
            }

            var producer = Naming.MeaningfulSegments(operations[i].Operation.PathTemplate)
                .Where(s => !Naming.Verbs.Contains(s))
                .Select(s => NameHints.Normalize(StepBuilder.Singular(s)))
                .LastOrDefault();
            if (resource.Length > 0 && producer == resource)
            {
                var id = properties.FirstOrDefault(p => NameHints.Normalize(p.Name) == "id");
                id = id.Path is not null ? id : properties.FirstOrDefault(p => NameHints.Normalize(p.Name) == resource + "id");
                if (id.Path is not null)
                {
                    return (i, id.Path);
                }
            }
        }

        return null;
    }
}

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
