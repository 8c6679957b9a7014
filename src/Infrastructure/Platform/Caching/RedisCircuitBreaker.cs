using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaGateway.Infrastructure.Platform.Caching;

/// <summary>
/// Stops waiting on a Redis that is down: after <see cref="CacheOptions.FailuresToBreak"/> faults in a row the
/// circuit opens and L2 calls are skipped; after <see cref="CacheOptions.BreakSeconds"/> one trial call is let
/// through, and its success closes the circuit. Logs once per state change, never per call.
/// </summary>
public sealed class RedisCircuitBreaker(IOptions<CacheOptions> options, TimeProvider time, ILogger<RedisCircuitBreaker> logger)
{
    private readonly Lock _lock = new();
    private int _failures;
    private long _openUntil;
    private bool _open;
    private bool _trialInFlight;

    /// <summary>True while L2 is being skipped (open, or waiting on its trial call).</summary>
    public bool IsOpen
    {
        get
        {
            lock (_lock)
            {
                return _open;
            }
        }
    }

    /// <summary>Whether to call Redis now; a caller that gets true must report the outcome.</summary>
    public bool TryEnter()
    {
        lock (_lock)
        {
            if (!_open)
            {
                return true;
            }

            if (_trialInFlight || time.GetTimestamp() < _openUntil)
            {
                return false;
            }

            _trialInFlight = true;
            return true;
        }
    }

    public void Succeeded()
    {
        lock (_lock)
        {
            _failures = 0;
            _trialInFlight = false;
            if (_open)
            {
                _open = false;
                logger.LogInformation("Redis answers again: the cache uses L2 again");
            }
        }
    }

    /// <summary>
    /// The call ended without telling whether Redis works (its caller gave up, or it failed in a way that is no
    /// Redis fault): nothing is counted, but a trial it may have been is over, or no call would ever make the next
    /// one and the circuit would stay open for good. (Ending another call's trial early only lets one more trial in.)
    /// </summary>
    public void Abandoned()
    {
        lock (_lock)
        {
            _trialInFlight = false;
        }
    }

    public void Failed(Exception exception)
    {
        lock (_lock)
        {
            _failures++;
            var wasTrial = _trialInFlight;
            _trialInFlight = false;
            if (_open && !wasTrial)
            {
                return;
            }

            if (wasTrial || _failures >= options.Value.FailuresToBreak)
            {
                _openUntil = time.GetTimestamp() + (long)(options.Value.BreakSeconds * (double)time.TimestampFrequency);
                if (!_open)
                {
                    _open = true;
                    logger.LogWarning(exception,
                        "Redis failed {Failures} times in a row: the cache answers from L1 and the source, and tries Redis again every {Seconds} s",
                        _failures, options.Value.BreakSeconds);
                }
            }
        }
    }
}
