using MediaGateway.Domain.Identity;
using Npgsql;
using NpgsqlTypes;

namespace MediaGateway.Infrastructure.Platform.Postgres;

/// <summary>The few Npgsql helpers the raw-SQL adapters share.</summary>
internal static class NpgsqlExtensions
{
    /// <summary>Adds the caller's tenant and user as the next two positional parameters ($1, $2 in every user-scoped statement).</summary>
    public static void AddUser(this NpgsqlParameterCollection parameters, UserRef user)
    {
        parameters.AddValue(user.TenantId);
        parameters.AddValue(user.UserId);
    }

    public static void AddValue(this NpgsqlParameterCollection parameters, object value) =>
        parameters.Add(new NpgsqlParameter { Value = value });

    /// <summary>A typed array for set-based statements (<c>unnest($1::text[], ...)</c>).</summary>
    public static void AddArray<T>(this NpgsqlParameterCollection parameters, NpgsqlDbType elementType, T[] values) =>
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | elementType, Value = values });

    /// <summary>Statements that return no rows still occupy a result in a batch; moves to the first that has columns.</summary>
    public static async Task SkipToRowsAsync(this NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        while (reader.FieldCount == 0 && await reader.NextResultAsync(cancellationToken))
        {
        }
    }
}
