using System.Net;
using System.Net.Sockets;

namespace MediaGateway.TestSupport;

/// <summary>
/// A loopback TCP proxy in front of a real Postgres or Redis, so a test can make the service look stopped
/// (connections refused and cut) or hung (connections open, nothing answered) and bring it back on the same
/// port, without touching the shared server that other test classes use.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private readonly Lock _gate = new();
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();
    private TaskCompletionSource _flowing = Flowing();
    private int _heldChunks;

    public TcpProxy(string targetHost, int targetPort)
    {
        _target = new IPEndPoint(IPAddress.Parse(targetHost == "localhost" ? "127.0.0.1" : targetHost), targetPort);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Start();
    }

    public int Port { get; }

    /// <summary>Chunks read while paused, in either direction: a test's signal that a call reached the hung server.</summary>
    public int HeldChunks => Volatile.Read(ref _heldChunks);

    /// <summary>Accepts and forwards connections on <see cref="Port"/>.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_listener is not null)
            {
                return;
            }

            _stop = new CancellationTokenSource();
            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Start();
            _ = AcceptLoopAsync(_listener, _stop.Token);
        }
    }

    /// <summary>Refuses new connections and cuts the open ones, as a stopped server would.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stop.Cancel();
            _listener?.Stop();
            _listener = null;
            foreach (var client in _open)
            {
                client.Dispose();
            }

            _open.Clear();
        }
    }

    /// <summary>
    /// Holds every byte in both directions while keeping the connections open, as a hung server would: callers
    /// wait for answers that do not come. New connections are accepted and held too.
    /// </summary>
    public void Pause()
    {
        lock (_gate)
        {
            if (_flowing.Task.IsCompleted)
            {
                _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>Forwards what <see cref="Pause"/> held, in order, and everything after it.</summary>
    public void Resume()
    {
        lock (_gate)
        {
            _flowing.TrySetResult();
        }
    }

    private static TaskCompletionSource Flowing()
    {
        var flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        flowing.SetResult();
        return flowing;
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(stop);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ForwardAsync(inbound, stop);
        }
    }

    private async Task ForwardAsync(TcpClient inbound, CancellationToken stop)
    {
        var outbound = new TcpClient();
        lock (_gate)
        {
            _open.Add(inbound);
            _open.Add(outbound);
        }

        try
        {
            await outbound.ConnectAsync(_target, stop);
            var a = inbound.GetStream();
            var b = outbound.GetStream();
            await Task.WhenAny(PumpAsync(a, b, stop), PumpAsync(b, a, stop));
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A cut connection is what Stop() is for.
        }
        finally
        {
            inbound.Dispose();
            outbound.Dispose();
            lock (_gate)
            {
                _open.Remove(inbound);
                _open.Remove(outbound);
            }
        }
    }

    // Stream.CopyToAsync, except that a read chunk waits while paused before it is written on.
    private async Task PumpAsync(NetworkStream from, NetworkStream to, CancellationToken stop)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await from.ReadAsync(buffer, stop)) > 0)
        {
            Task flowing;
            lock (_gate)
            {
                flowing = _flowing.Task;
            }

            if (!flowing.IsCompleted)
            {
                Interlocked.Increment(ref _heldChunks);
            }

            await flowing.WaitAsync(stop);
            await to.WriteAsync(buffer.AsMemory(0, read), stop);
        }
    }

    public ValueTask DisposeAsync()
    {
        Resume();
        Stop();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
