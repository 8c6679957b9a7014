using System.Globalization;

namespace MediaGateway.Api.Cli.Seed;

/// <summary>
/// Progress of the seed command's phases (titles, embeddings, interactions…), one phase at a time: rows done of
/// the total, rows per second and the time left at that average rate. On a terminal it keeps one line and
/// rewrites it in place with <c>\r</c> (at most every <see cref="RedrawInterval"/>); when the output is redirected
/// to a file or a pipe it writes plain lines, at most one every <see cref="LineInterval"/>, so logs stay short.
/// Either way, <see cref="Complete"/> ends the phase with a summary line. Safe to call from several threads.
/// </summary>
public sealed class SeedProgress(TextWriter output, bool interactive, TimeProvider time)
{
    private readonly Lock _gate = new();
    private string? _phase;
    private long _total;
    private long _done;
    private long _startedAt;
    private long _writtenAt;
    private int _lineLength;

    /// <summary>Reports to the console: in place on a terminal, plain lines when stdout is redirected.</summary>
    public static SeedProgress ForConsole(TimeProvider time) => new(Console.Out, !Console.IsOutputRedirected, time);

    public TimeSpan RedrawInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan LineInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Starts a phase of <paramref name="total"/> rows (0 when unknown: then no percentage or time left).</summary>
    public void Start(string phase, long total)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phase);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        lock (_gate)
        {
            if (_phase is not null)
            {
                throw new InvalidOperationException($"Phase '{_phase}' has not completed.");
            }

            (_phase, _total, _done, _lineLength) = (phase, total, 0, 0);
            _startedAt = _writtenAt = time.GetTimestamp();
            if (interactive)
            {
                Redraw(Status(TimeSpan.Zero));
            }
        }
    }

    /// <summary>Counts <paramref name="rows"/> more rows done, and shows them if it is time to.</summary>
    public void Advance(long rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        lock (_gate)
        {
            if (_phase is null)
            {
                throw new InvalidOperationException("No phase has started.");
            }

            _done += rows;
            var now = time.GetTimestamp();
            var sinceWrite = time.GetElapsedTime(_writtenAt, now);
            if (sinceWrite < (interactive ? RedrawInterval : LineInterval))
            {
                return;
            }

            _writtenAt = now;
            var status = Status(time.GetElapsedTime(_startedAt, now));
            if (interactive)
            {
                Redraw(status);
            }
            else
            {
                output.WriteLine(status);
            }
        }
    }

    /// <summary>Ends the phase with a line of its rows, duration and rate.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            var phase = _phase ?? throw new InvalidOperationException("No phase has started.");
            var elapsed = time.GetElapsedTime(_startedAt);
            var rate = Rate(_done, elapsed);
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"{phase}: {_done:N0} rows in {Duration(elapsed)}{(rate is null ? "" : $" ({rate:N0} rows/s)")}");
            if (interactive)
            {
                Redraw(summary);
                output.WriteLine();
            }
            else
            {
                output.WriteLine(summary);
            }

            output.Flush();
            _phase = null;
        }
    }

    private string Status(TimeSpan elapsed)
    {
        var rate = Rate(_done, elapsed);
        var counts = _total > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{_done:N0}/{_total:N0} ({100.0 * _done / _total:0.0}%)")
            : string.Create(CultureInfo.InvariantCulture, $"{_done:N0}");
        var speed = rate is null ? "-- rows/s" : string.Create(CultureInfo.InvariantCulture, $"{rate:N0} rows/s");
        var left = (_total, rate) switch
        {
            ( <= 0, _) => "",
            (_, null or 0) => "  ETA --:--",
            _ => $"  ETA {Duration(TimeSpan.FromSeconds(Math.Ceiling(Math.Max(0, _total - _done) / rate.Value)))}",
        };
        return $"{_phase}: {counts}  {speed}{left}";
    }

    /// <summary>Rewrites the line, padding with spaces over what a longer previous line left.</summary>
    private void Redraw(string text)
    {
        output.Write('\r');
        output.Write(text);
        if (text.Length < _lineLength)
        {
            output.Write(new string(' ', _lineLength - text.Length));
        }

        _lineLength = text.Length;
        output.Flush();
    }

    private static double? Rate(long done, TimeSpan elapsed) => elapsed > TimeSpan.Zero ? done / elapsed.TotalSeconds : null;

    /// <summary>h:mm:ss, hours unbounded.</summary>
    internal static string Duration(TimeSpan span) => string.Create(CultureInfo.InvariantCulture,
        $"{(long)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}");
}
