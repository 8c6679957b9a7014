using Mediator;

namespace MediaGateway.Application.Platform;

/// <summary>For operators: which schema version the database is at and what is still pending.</summary>
public sealed record GetDatabaseStatusQuery : IQuery<DatabaseStatusDto>;

public sealed record DatabaseStatusDto(
    string? CurrentMigration,
    IReadOnlyList<string> AppliedMigrations,
    IReadOnlyList<string> PendingMigrations);

public interface IDatabaseStatusReader
{
    Task<DatabaseStatusDto> ReadAsync(CancellationToken cancellationToken);
}

public sealed class GetDatabaseStatusHandler(IDatabaseStatusReader reader)
    : IQueryHandler<GetDatabaseStatusQuery, DatabaseStatusDto>
{
    public async ValueTask<DatabaseStatusDto> Handle(GetDatabaseStatusQuery query, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken);
}
