using FluentValidation;
using FluentValidation.Results;
using MediaGateway.Domain.Common;
using MediaGateway.Domain.EntityResolution;

namespace MediaGateway.Application.EntityResolution;

/// <summary>
/// Turns an external id as a client sent it into its canonical <see cref="ExternalId"/>. What is wrong with it
/// becomes a validation failure named after the client's field, so a request can report all its bad ids at once.
/// </summary>
public static class ExternalIdParser
{
    /// <summary>One id on its own; throws <see cref="ValidationException"/> naming the bad field (type, value or kind).</summary>
    public static ExternalId Parse(string? type, string? value, string? kind)
    {
        var failures = new List<ValidationFailure>();
        return TryParse(type, value, kind, "", failures) ?? throw new ValidationException(failures);
    }

    /// <summary>The id, or null after adding a failure named <paramref name="path"/> + field ("ExternalIds[2]." + "kind").</summary>
    internal static ExternalId? TryParse(string? type, string? value, string? kind, string path, List<ValidationFailure> failures)
    {
        try
        {
            return ExternalId.Parse(type, value, kind);
        }
        catch (DomainException e)
        {
            failures.Add(new ValidationFailure(path + e.Field, e.Message));
            return null;
        }
    }
}
