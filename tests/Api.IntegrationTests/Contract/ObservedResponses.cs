using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaGateway.Api.IntegrationTests.Contract;

/// <summary>One response a test received: which operation answered, and with which status.</summary>
public sealed record Observation(string Method, string Route, string? OperationId, int Status);

/// <summary>
/// Every (operation, status) any test of this run received, for <see cref="OpenApiContractTests"/>. Static on purpose:
/// it collects across all test classes (each has its own API instance) in the one test process.
/// </summary>
public static class ObservedResponses
{
    private const string Setting = "Tests:RecordResponses";

    private static readonly ConcurrentDictionary<Observation, byte> Seen = new();

    public static IReadOnlyCollection<Observation> All => Seen.Keys.ToList();

    /// <summary>
    /// For a host whose services a test replaced to force a failure the real ones cannot have (a data error from a
    /// query without input): what it answers says nothing about the contract.
    /// </summary>
    public static IWebHostBuilder NotRecorded(this IWebHostBuilder builder) => builder.UseSetting(Setting, "false");

    /// <summary>Outermost middleware of every test host (ApiFactory adds it), so it sees the final status of each response.</summary>
    public sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            if (app.ApplicationServices.GetRequiredService<IConfiguration>()[Setting] == "false")
            {
                next(app);
                return;
            }

            app.Use(async (context, nextMiddleware) =>
            {
                try
                {
                    await nextMiddleware(context);
                }
                finally
                {
                    Record(context);
                }
            });
            next(app);
        };
    }

    private static void Record(HttpContext context)
    {
        // The exception handler clears the endpoint before it writes the problem; it keeps it on its feature.
        var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        if (context.RequestAborted.IsCancellationRequested   // the client went away and never saw a status
            || endpoint is not RouteEndpoint route
            || endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true }
            || endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods
            || !methods.HttpMethods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase))   // 405 endpoints
        {
            return;
        }

        var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        Seen.TryAdd(new Observation(context.Request.Method, route.RoutePattern.RawText ?? "", name, context.Response.StatusCode), 0);
    }
}
