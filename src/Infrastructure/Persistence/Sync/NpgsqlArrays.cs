using Npgsql;
using NpgsqlTypes;

namespace MediaGateway.Infrastructure.Persistence.Sync;

/// <summary>Typed array parameters for set-based statements (<c>unnest($1::text[], ...)</c>).</summary>
internal static class NpgsqlArrays
{
    public static void AddArray<T>(this NpgsqlBatchCommand command, NpgsqlDbType elementType, T[] values) =>
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | elementType, Value = values });

    public static void AddValue(this NpgsqlBatchCommand command, object value) =>
        command.Parameters.Add(new NpgsqlParameter { Value = value });
}
