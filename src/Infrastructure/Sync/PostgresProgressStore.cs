using MediaGateway.Infrastructure.Platform.Postgres;
using MediaGateway.Application.Sync.Progress;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;
using Npgsql;

namespace MediaGateway.Infrastructure.Sync;

/// <summary>Writes go through the group-commit writer; reads go straight to Postgres.</summary>
internal sealed class PostgresProgressStore(ProgressGroupCommitWriter writer, NpgsqlDataSource dataSource) : IProgressStore
{
    public Task<ProgressWriteResult> WriteAsync(UserRef user, string contentId, ContentProgress incoming, CancellationToken cancellationToken) =>
        writer.WriteAsync(user, contentId, incoming, cancellationToken);

    public async Task<StoredProgress?> FindAsync(UserRef user, string contentId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ProgressSql.Find);
        command.Parameters.AddUser(user);
        command.Parameters.AddValue(contentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ProgressSql.Read(reader, new ProgressSql.Ordinals(reader)) : null;
    }

    public async Task<IReadOnlyList<StoredProgress>> ListAsync(UserRef user, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ProgressSql.List);
        command.Parameters.AddUser(user);
        var items = new List<StoredProgress>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = new ProgressSql.Ordinals(reader);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ProgressSql.Read(reader, columns));
        }

        return items;
    }
}
