using MediaGateway.Infrastructure.Platform.Postgres;

namespace MediaGateway.Infrastructure.Recommendations;

/// <summary>The interaction group-commit writer (section "InteractionWriter"); a batch's size counts interactions, not requests.</summary>
public sealed class InteractionWriterOptions : GroupCommitOptions
{
    public const string SectionName = "InteractionWriter";

    public InteractionWriterOptions() => MaxBatchSize = 2_000;
}
