using System.Diagnostics;

namespace MediaGateway.TestSupport;

/// <summary>Waits on a condition rather than on a guess of how long something takes.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="deadline"/> passes; true when it held.</summary>
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (clock.Elapsed > deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }
    }
}
