namespace MediaGateway.TestSupport;

public static class RedisTestPrefix
{
    /// <summary>A key prefix no other test class or run shares.</summary>
    public static string New() => $"mg-test-{Guid.NewGuid():N}:";
}
