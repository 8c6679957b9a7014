using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Recommendations;
using MediaGateway.Infrastructure.Platform.Postgres;
using Npgsql;
using Pgvector;

namespace MediaGateway.Infrastructure.Recommendations;

/// <summary>A <c>user_profiles</c> row as read under its lock, before it is known which model's taste is wanted.</summary>
internal sealed record LockedProfile(string? Model, float[]? Mean, double WeightTotal, DateTimeOffset AsOf, int InteractionCount, float[]? Indexed)
{
    /// <summary>The row whose columns start at <paramref name="first"/>: taste_mean, embedding_model, weight_total, as_of, interaction_count, preference_vector.</summary>
    public static LockedProfile Read(NpgsqlDataReader reader, int first) => new(
        reader.IsDBNull(first + 1) ? null : reader.GetString(first + 1),
        reader.IsDBNull(first) ? null : reader.GetFieldValue<Vector>(first).ToArray(),
        reader.GetDouble(first + 2),
        reader.GetFieldValue<DateTimeOffset>(first + 3),
        reader.GetInt32(first + 4),
        reader.IsDBNull(first + 5) ? null : reader.GetFieldValue<Vector>(first + 5).ToArray());

    /// <summary>The taste in <paramref name="modelId"/>'s space and its indexed copy. A taste of another model is dropped (never mixed with this model's); the count is kept.</summary>
    public (TasteProfile Taste, float[]? Indexed) TasteOf(string modelId) => Model == modelId
        ? (new TasteProfile(Mean, WeightTotal, AsOf, InteractionCount), Indexed)
        : (TasteProfile.Empty with { InteractionCount = InteractionCount }, null);
}

/// <summary>Folding interactions into a <see cref="TasteProfile"/> and writing it back to its locked row.</summary>
internal static class StoredTastes
{
    /// <summary>Cosine distance between the taste and its indexed copy that marks the copy for the preference index job.</summary>
    internal const double IndexedTasteMaxDrift = 0.02;

    /// <summary>Adds each interaction; one whose title has no embedding of the taste's model says nothing about taste yet, but still counts.</summary>
    public static TasteProfile Fold(
        TasteProfile profile, IEnumerable<(double Weight, DateTimeOffset OccurredAt, float[]? Embedding)> interactions, TimeSpan halfLife)
    {
        foreach (var (weight, occurredAt, embedding) in interactions)
        {
            profile = embedding is null ? profile.CountOnly() : profile.Add(embedding, weight, occurredAt, halfLife);
        }

        return profile;
    }

    /// <summary>
    /// Writes the taste, and marks the indexed copy stale when it is missing or has drifted more than
    /// <see cref="IndexedTasteMaxDrift"/> from the taste. Rewriting an HNSW-indexed vector inserts a graph node (a few
    /// milliseconds of CPU): done on every interaction it held ingest to 240 events/s, and done in the interaction's
    /// transaction at the drift threshold it still took 80 % of a batch's time, for new users most of all.
    /// </summary>
    public static NpgsqlBatchCommand Update(UserRef user, string modelId, TasteProfile profile, float[]? indexed)
    {
        var stale = profile.Mean is null
            ? indexed is not null
            : indexed is null || 1 - VectorMath.Cosine(indexed, profile.Mean) > IndexedTasteMaxDrift;
        var update = new NpgsqlBatchCommand(InteractionSql.UpdateProfile);
        update.Parameters.AddUser(user);
        update.Parameters.Add(new NpgsqlParameter { DataTypeName = "vector", Value = profile.Mean is { } mean ? new Vector(mean) : DBNull.Value });
        update.Parameters.AddValue(modelId);
        update.Parameters.AddValue(profile.WeightTotal);
        update.Parameters.AddValue(profile.AsOf);
        update.Parameters.AddValue(profile.InteractionCount);
        update.Parameters.AddValue(stale);
        return update;
    }
}
