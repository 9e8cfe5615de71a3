namespace LoadTest.Runtime.Http;

/// <summary>
/// k6's request timing phases in milliseconds (k6 <c>res.timings</c>). Duration = sending + waiting + receiving.
/// How each phase is measured on .NET is in docs/engine.md.
/// </summary>
public readonly record struct HttpTimings(
    double Blocked,
    double Connecting,
    double TlsHandshaking,
    double Sending,
    double Waiting,
    double Receiving)
{
    public double Duration => Sending + Waiting + Receiving;
}
