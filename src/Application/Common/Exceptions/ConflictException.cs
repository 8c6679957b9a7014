namespace MediaGateway.Application.Common.Exceptions;

/// <summary>The request contradicts what is stored. The message is safe to show to the caller.</summary>
public sealed class ConflictException(string message, IReadOnlyDictionary<string, object?>? details = null)
    : Exception(message)
{
    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();
}
