using Npgsql;

namespace MediaGateway.Api.Errors;

/// <summary>
/// Tells the database failures a client can do something about apart. Only an unreachable or overloaded database
/// is a 503 ("retry shortly"): a retry of a request Postgres refused for its data fails the same way forever, so
/// such a refusal is a 400, and anything else from the database is a bug (500).
/// </summary>
internal static class DatabaseFailure
{
    /// <summary>
    /// Postgres cannot be reached, is shutting down or starting, is out of connections, or rolled the transaction
    /// back for a deadlock or serialization failure: nothing was stored, and the same request may well succeed soon.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => Find<NpgsqlException>(exception) switch
    {
        PostgresException postgres => postgres.IsTransient
            || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)    // connection exception
            || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)   // admin/crash shutdown, cannot connect now
            || postgres.SqlState is "53300" or "40P01" or "40001",
        { } npgsql => npgsql.IsTransient,   // socket errors, timeouts, a broken connection
        null => false,
    };

    /// <summary>
    /// Postgres refused the values themselves: SQLSTATE class 22, "data exception" (a NUL byte 22021, an escape
    /// jsonb cannot hold 22P05, a number out of range 22003...). Validation should have caught it first.
    /// </summary>
    public static bool IsBadData(Exception exception) =>
        Find<PostgresException>(exception) is { } postgres && postgres.SqlState.StartsWith("22", StringComparison.Ordinal);

    // EF Core wraps the driver's exception (DbUpdateException, or the retry strategy's own exception).
    private static T? Find<T>(Exception exception) where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }
}
