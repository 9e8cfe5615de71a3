using LoadTest.Tasks.Model;
using LoadTest.Tasks.Planning.Inference;

namespace LoadTest.Tasks.Planning;

/// <summary>
/// The virtual user's session as a producer: what its sign-up sent and what its sign-up and login returned can feed
/// flow steps (a profile by the user's own name) and the login itself (the credentials just registered). Collects the
/// captures those uses need, and puts them on the session's steps at the end.
/// </summary>
internal sealed class SessionBinder(SessionOperations operations)
{
    public const string SignUpStepId = "signup";
    public const string LoginStepId = "login";

    private readonly Dictionary<string, List<CapturePlan>> _captures = new(StringComparer.Ordinal)
    {
        [SignUpStepId] = [],
        [LoginStepId] = [],
    };

    public SessionOperations Operations { get; } = operations;

    /// <summary>False until the auth plan has a login: without a session there is nothing to take values from.</summary>
    public bool Active { get; set; }

    /// <summary>The session's operations as producers (empty when inactive).</summary>
    public IReadOnlyList<ApiOperation> Producers => Active ? Operations.Producers : [];

    public bool IsSession(ApiOperation operation) => Producers.Contains(operation, SameOperation.Comparer);

    /// <summary>The session variable holding <paramref name="output"/>; records the capture on its session step.</summary>
    public string Capture(ValueOutput output)
    {
        var stepId = ReferenceEquals(output.Operation, Operations.SignUp) ? SignUpStepId : LoginStepId;
        var capture = CaptureFor(stepId, output);
        if (!_captures[stepId].Contains(capture))
        {
            _captures[stepId].Add(capture);
        }

        return capture.Variable;
    }

    /// <summary>The capture of <paramref name="output"/> by the step <paramref name="stepId"/>: one variable per value.</summary>
    public static CapturePlan CaptureFor(string stepId, ValueOutput output) => output.Place switch
    {
        OutputPlace.Location => new CapturePlan($"{stepId}_location_id", "Location") { Source = CaptureSource.Location },
        OutputPlace.Request => new CapturePlan($"{stepId}_sent_{Naming.Snake(output.Path)}", output.Path) { Source = CaptureSource.Request },
        _ => new CapturePlan($"{stepId}_{Naming.Snake(output.Path)}", output.Path),
    };

    /// <summary>The auth plan with the captures its session steps must make.</summary>
    public AuthPlan Apply(AuthPlan auth) => auth with
    {
        SignUpStep = auth.SignUpStep is { } signUp ? signUp with { Captures = [.. signUp.Captures.Union(_captures[SignUpStepId])] } : null,
        LoginStep = auth.LoginStep is { } login ? login with { Captures = [.. login.Captures.Union(_captures[LoginStepId])] } : null,
    };
}
