using MediaGateway.Api.Cli.Seed;
using Microsoft.Extensions.Time.Testing;

namespace MediaGateway.Api.IntegrationTests.Seed;

public sealed class SeedProgressTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly StringWriter _output = new();

    [Fact]
    public void Redirected_WritesPlainLines_AtMostEveryFiveSeconds_AndOneAtTheEnd()
    {
        var progress = new SeedProgress(_output, interactive: false, _time);

        progress.Start("titles", 1000);
        for (var second = 0; second < 12; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            progress.Advance(50);
        }

        progress.Complete();

        var lines = _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain('\r', _output.ToString());
        Assert.Equal(["titles: 250/1,000 (25.0%)  50 rows/s  ETA 0:00:15", "titles: 500/1,000 (50.0%)  50 rows/s  ETA 0:00:10",
            "titles: 600 rows in 0:00:12 (50 rows/s)"], lines);
    }

    [Fact]
    public void Interactive_RewritesOneLineInPlace_AndEndsItWithANewline()
    {
        var progress = new SeedProgress(_output, interactive: true, _time);

        progress.Start("interactions", 200);
        for (var i = 0; i < 4; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            progress.Advance(50);
        }

        progress.Complete();

        var text = _output.ToString();
        Assert.StartsWith("\rinteractions: 0/200 (0.0%)  -- rows/s  ETA --:--", text);
        Assert.Equal(6, text.Count(c => c == '\r'));
        Assert.Contains("\rinteractions: 150/200 (75.0%)  50 rows/s  ETA 0:00:01", text);
        const string last = "\rinteractions: 200/200 (100.0%)  50 rows/s  ETA 0:00:00";
        const string summary = "\rinteractions: 200 rows in 0:00:04 (50 rows/s)";
        Assert.EndsWith(last + summary + new string(' ', last.Length - summary.Length) + _output.NewLine, text);
        Assert.Equal(1, text.Count(c => c == '\n'));
    }

    [Fact]
    public void Interactive_RedrawsAtMostEveryRedrawInterval()
    {
        var progress = new SeedProgress(_output, interactive: true, _time) { RedrawInterval = TimeSpan.FromSeconds(1) };

        progress.Start("titles", 100);
        for (var i = 0; i < 10; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(300));
            progress.Advance(1);
        }

        // The start line, then redraws after 1.2 and 2.4 seconds; 3.0 is less than a second after 2.4.
        Assert.Equal(3, _output.ToString().Count(c => c == '\r'));
    }

    [Fact]
    public void Eta_ComesFromTheAverageRate()
    {
        var progress = new SeedProgress(_output, interactive: false, _time);

        progress.Start("embeddings", 10_000);
        _time.Advance(TimeSpan.FromSeconds(20));
        progress.Advance(500);

        // 500 rows in 20 s is 25 rows/s; 9,500 more take 380 s.
        Assert.Equal("embeddings: 500/10,000 (5.0%)  25 rows/s  ETA 0:06:20", _output.ToString().TrimEnd());
    }

    [Fact]
    public void UnknownTotal_ShowsCountAndRateWithoutEta()
    {
        var progress = new SeedProgress(_output, interactive: false, _time);

        progress.Start("users", 0);
        _time.Advance(TimeSpan.FromSeconds(6));
        progress.Advance(60);

        Assert.Equal("users: 60  10 rows/s", _output.ToString().TrimEnd());
    }

    [Fact]
    public void Phases_RunOneAtATime()
    {
        var progress = new SeedProgress(_output, interactive: false, _time);

        Assert.Throws<InvalidOperationException>(() => progress.Advance(1));
        progress.Start("titles", 10);
        Assert.Throws<InvalidOperationException>(() => progress.Start("users", 10));
        progress.Complete();
        progress.Start("users", 10);
    }

    [Fact]
    public void Duration_ShowsHoursBeyondADay()
    {
        Assert.Equal("27:03:04", SeedProgress.Duration(new TimeSpan(1, 3, 3, 4)));
    }
}
