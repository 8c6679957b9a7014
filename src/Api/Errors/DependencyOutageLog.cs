namespace MediaGateway.Api.Errors;

/// <summary>
/// Logs a dependency outage (Postgres unreachable, the writer shutting down) once when it starts and once when it
/// ends, with how many requests were answered 503 meanwhile, instead of a warning with a stack trace per request:
/// a 20 s outage under load wrote megabytes of identical traces. Each 503's exception still goes to the debug log.
/// The outage counts as over once no request has been answered 503 for <see cref="QuietPeriod"/>.
/// </summary>
internal sealed class DependencyOutageLog(TimeProvider time, ILogger<DependencyOutageLog> logger) : IDisposable
{
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private ITimer? _watch;
    private long _answered;
    private DateTimeOffset _since;
    private DateTimeOffset _last;

    /// <summary>A request was answered 503 because of <paramref name="exception"/>.</summary>
    public void Answered503(Exception exception, HttpContext httpContext)
    {
        logger.LogDebug(exception, "Dependency unavailable for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            _last = now;
            _answered++;
            if (_watch is not null)
            {
                return;
            }

            _since = now;
            _answered = 1;
            _watch = time.CreateTimer(_ => EndIfQuiet(), null, QuietPeriod / 2, QuietPeriod / 2);
        }

        logger.LogWarning("A dependency is unavailable ({Error}: {Message}); requests that need it are answered 503 until it answers again",
            exception.GetType().Name, exception.Message);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _watch?.Dispose();
            _watch = null;
        }
    }

    private void EndIfQuiet()
    {
        long answered;
        TimeSpan lasted;
        lock (_gate)
        {
            if (_watch is null || time.GetUtcNow() - _last < QuietPeriod)
            {
                return;
            }

            _watch.Dispose();
            _watch = null;
            answered = _answered;
            lasted = _last - _since;
        }

        logger.LogInformation("Dependencies answer again: {Count} requests were answered 503 over {Seconds:0.0} s",
            answered, lasted.TotalSeconds);
    }
}
