namespace LoadTest.Runtime;

/// <summary>
/// <c>[assembly: LoadTestTargetProvider(typeof(MyServer))]</c>: used when neither BASE_URL nor the LoadTest.BaseUrl
/// metadata is set. The type needs a public parameterless constructor and must implement <see cref="ILoadTestTargetProvider"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class LoadTestTargetProviderAttribute(Type providerType) : Attribute
{
    public Type ProviderType { get; } = providerType;
}
