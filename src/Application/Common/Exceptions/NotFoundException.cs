namespace MediaGateway.Application.Common.Exceptions;

/// <summary>The thing asked for does not exist for this caller.</summary>
public sealed class NotFoundException(string resource, string key)
    : Exception($"{resource} '{key}' was not found.")
{
    public string Resource { get; } = resource;

    public string Key { get; } = key;
}
