using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace MediaGateway.Api.Endpoints.Sync;

/// <summary>
/// The <c>GET /sync/events</c> stream: headers and a comment line at once, a comment line every heartbeat interval,
/// and a <c>change</c> event per notice. The framework's ServerSentEventsResult writes nothing (not even headers)
/// before the first event and has no comments, so clients and proxies could not tell a quiet stream from a dead one.
/// The stream does not depend on Redis: notices of this instance flow at once, other instances' once the channel bus
/// is subscribed (it keeps retrying while Redis is down).
/// </summary>
internal sealed class SyncEventStreamResult(
    Func<CancellationToken, IAsyncEnumerable<SyncEvent>> subscribe, TimeSpan heartbeat, TimeProvider time)
    : IResult, IEndpointMetadataProvider
{
    private static readonly byte[] HeartbeatLine = Encoding.UTF8.GetBytes(": heartbeat\n\n");

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        response.Headers["X-Accel-Buffering"] = "no";   // reverse proxies (nginx) pass each line on at once
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var json = httpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted);
        var events = subscribe(stop.Token).GetAsyncEnumerator(stop.Token);
        // Asked for before the headers go out: the subscription is registered on this instance by then, so a change
        // made through it after the client sees the first line reaches the client.
        var nextEvent = events.MoveNextAsync().AsTask();
        using var timer = new PeriodicTimer(heartbeat, time);
        Task<bool>? nextBeat = null;
        try
        {
            await response.StartAsync(stop.Token);
            await WriteAsync(response, HeartbeatLine, stop.Token);
            nextBeat = timer.WaitForNextTickAsync(stop.Token).AsTask();
            while (true)
            {
                if (await Task.WhenAny(nextEvent, nextBeat) == nextBeat)
                {
                    await nextBeat;
                    await WriteAsync(response, HeartbeatLine, stop.Token);
                    nextBeat = timer.WaitForNextTickAsync(stop.Token).AsTask();
                    continue;
                }

                if (!await nextEvent)
                {
                    return;
                }

                var data = JsonSerializer.Serialize(events.Current, json);
                await WriteAsync(response, Encoding.UTF8.GetBytes($"event: change\ndata: {data}\n\n"), stop.Token);
                nextEvent = events.MoveNextAsync().AsTask();
            }
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // the client went away
        }
        finally
        {
            // The subscription ends with the enumeration; it must not be disposed while a read is still pending.
            await stop.CancelAsync();
            await ((Task)nextEvent).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (nextBeat is not null)
            {
                await ((Task)nextBeat).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            await events.DisposeAsync();
        }
    }

    private static async Task WriteAsync(HttpResponse response, byte[] bytes, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(bytes, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(SyncEvent), ["text/event-stream"]));
}
