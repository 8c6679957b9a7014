namespace MediaGateway.Domain.Common;

/// <summary>A domain rule was broken. The message is safe to show to the caller.</summary>
public sealed class DomainException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
