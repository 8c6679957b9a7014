using System.Text.Json.Serialization;
using MediaGateway.Api.Endpoints;
using MediaGateway.Api.Endpoints.Account;
using MediaGateway.Api.Endpoints.Admin;
using MediaGateway.Api.Endpoints.Catalog;
using MediaGateway.Api.Endpoints.Devices;
using MediaGateway.Api.Endpoints.EntityResolution;
using MediaGateway.Api.Endpoints.Recommendations;
using MediaGateway.Api.Endpoints.Sync;
using MediaGateway.Api.Errors;
using MediaGateway.Api.Health;
using MediaGateway.Api.OpenApi;
using MediaGateway.Api.Security;
using MediaGateway.Application;
using MediaGateway.Application.Common.Behaviors;
using MediaGateway.Infrastructure;
using MediaGateway.Infrastructure.Platform.Telemetry;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace MediaGateway.Api;

/// <summary>Composes the layers into the web application. Program.cs only picks between this and the CLI commands.</summary>
public static class MediaGatewayApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.Services
            .AddApplication()
            .AddInfrastructure(builder.Configuration)
            .AddMediaGatewayAuth();

        builder.Services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(MediaGateway.Application.DependencyInjection).Assembly];
            options.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
        });

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] =
                System.Diagnostics.Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        });
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.AddSingleton<DependencyOutageLog>();
        // Body and header binding failures become a BadHttpRequestException, which the handler above turns into
        // a 400 ProblemDetails that says what could not be read.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // Strict JSON (docs/api-rules.md): "600" is not a number and a key sent twice is an error, not "last one wins".
        // Unknown fields stay ignored, everywhere: a newer app may send fields this version does not know yet.
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            options.SerializerOptions.AllowDuplicateProperties = false;
        });
        // The batch endpoints raise this for themselves (BodyLimits).
        builder.WebHost.ConfigureKestrel(options => options.Limits.MaxRequestBodySize = BodyLimits.Default);

        builder.Services.AddMediaGatewayOpenApi();
        AddTelemetry(builder);

        // Graceful shutdown: in-flight requests and background writers get this long to finish.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseBodyLimits();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        app.MapHealthEndpoints();

        // Every API endpoint declares the statuses the pipeline gives it (401, 403, 400/413/415 for a body); each
        // feature declares its own (docs/api-contract.md).
        var api = app.MapGroup("").WithStandardResponses();
        api.MapAccountEndpoints();
        api.MapDeviceEndpoints();
        api.MapAdminEndpoints();
        api.MapProgressEndpoints();
        api.MapWatchlistEndpoints();
        api.MapSyncEndpoints();
        api.MapEntityEndpoints();
        api.MapCatalogEndpoints();
        api.MapRecommendationEndpoints();
        return app;
    }

    private static void AddTelemetry(WebApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("media-gateway"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(MediaGatewayMetrics.Name, "Npgsql"));

        // Traces and the OTLP export only where a collector is configured (OTEL_EXPORTER_OTLP_ENDPOINT): spans
        // that nobody exports still cost an activity and its tags per request and per database command. The
        // meters feed in-process listeners (dotnet-counters, dotnet-trace) either way.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation(options => options.Filter = context =>
                        !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                    .AddSource(MediaGatewayMetrics.Name)
                    .AddNpgsql())
                .UseOtlpExporter();
        }
    }
}
