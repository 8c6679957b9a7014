using MediaGateway.Domain.Common;

namespace MediaGateway.Domain.EntityResolution;

/// <summary>An external id pointing at an entity, and how sure the service is of it.</summary>
public sealed record EntityMapping
{
    public EntityMapping(ExternalId externalId, Guid entityId, double confidence, ResolutionMethod method, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
        if (confidence is < 0 or > 1 || double.IsNaN(confidence))
        {
            throw new DomainException("confidence", "'confidence' must be between 0 and 1.");
        }

        if (method == ResolutionMethod.Cache)
        {
            throw new DomainException("method", "A mapping records how it was made; 'cache' only describes an answer.");
        }

        ExternalId = externalId;
        EntityId = entityId;
        Confidence = confidence;
        Method = method;
        CreatedAt = createdAt;
        UpdatedAt = updatedAt;
    }

    public ExternalId ExternalId { get; }

    public Guid EntityId { get; }

    public double Confidence { get; }

    public ResolutionMethod Method { get; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset UpdatedAt { get; }

    /// <summary>An upsert keeps the higher confidence: a weaker later match never downgrades a firmer one.</summary>
    public double MergedConfidence(double incoming) =>
        incoming is >= 0 and <= 1 ? Math.Max(Confidence, incoming) : throw new DomainException("confidence", "'confidence' must be between 0 and 1.");
}
