namespace LoadTest.Runtime.Configuration;

/// <summary>
/// The LT codes of run settings and run outcomes owned by the configuration and signal handling (LT4110–LT4139);
/// older codes kept for the settings that had them (LT4050/LT4051 target, LT4053 seed, LT4061 connection cap,
/// LT4070 heavy-profile guard, LT4080–LT4083 segments). See docs/diagnostics/runtime.md.
/// </summary>
public static class SettingCodes
{
    public const string NoTarget = "LT4050";
    public const string InvalidBaseUrl = "LT4051";
    public const string InvalidSeed = "LT4053";
    public const string InvalidMaxConnections = "LT4061";
    public const string InvalidSegment = "LT4080";

    public const string UnknownProfile = "LT4110";
    public const string InvalidVus = "LT4111";
    public const string InvalidDuration = "LT4112";
    public const string InvalidRate = "LT4113";
    public const string InvalidTimeScale = "LT4114";
    public const string InvalidThinkTime = "LT4115";
    public const string InvalidSwitch = "LT4116";
    public const string InvalidPath = "LT4117";
    public const string InvalidAllowedHosts = "LT4118";
    public const string MissingCredentials = "LT4119";
    public const string NoCompletedRequests = "LT4120";
    public const string Interrupted = "LT4121";
    public const string StoppedAtOnce = "LT4122";
    public const string UnknownVariable = "LT4123";
    public const string IgnoredSetting = "LT4124";
    public const string PlanTooLong = "LT4125";
}
