using System.Text.Json;
using FluentValidation;
using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace MediaGateway.Api.Errors;

/// <summary>
/// Turns the few exceptions that mean "your request" into RFC 9457 ProblemDetails (400, 404, 409); anything
/// else is a bare 500 whose details go only to the log. Writes through IProblemDetailsService so every
/// response carries the same traceId and instance.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails, DependencyOutageLog outageLog, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException validation => ValidationProblem(validation),
            DomainException domain => new HttpValidationProblemDetails(
                new Dictionary<string, string[]> { [JsonNamingPolicy.CamelCase.ConvertName(domain.Field)] = [domain.Message] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more validation errors occurred.",
            },
            BadHttpRequestException badRequest => new ProblemDetails
            {
                Status = badRequest.StatusCode,
                Title = "The request could not be read.",
                Detail = badRequest.Message,
            },
            NotFoundException notFound => new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "Not found.",
                Detail = notFound.Message,
            },
            ConflictException conflict => Conflict(conflict),
            // The database is unreachable or the writer is shutting down: nothing was stored, try again.
            System.Data.Common.DbException or TimeoutException or System.Threading.Channels.ChannelClosedException => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service is temporarily unavailable; nothing was stored. Retry shortly.",
            },
            _ => null,
        };

        if (problem is null)
        {
            if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
            {
                return true;   // the client went away; nobody is left to answer
            }

            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
            };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            outageLog.Answered503(exception, httpContext);   // once per outage, not a stack trace per request
            httpContext.Response.Headers.RetryAfter = "1";
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static HttpValidationProblemDetails ValidationProblem(ValidationException validation)
    {
        var errors = validation.Errors
            .GroupBy(e => ToJsonPath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        return new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
        };
    }

    private static ProblemDetails Conflict(ConflictException conflict)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Conflict.",
            Detail = conflict.Message,
        };
        foreach (var (key, value) in conflict.Details)
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    // "Items[3].ExternalIds[0].Value" -> "items[3].externalIds[0].value": the names clients sent.
    // Header names ("X-Device-Id") are kept as they are.
    private static string ToJsonPath(string propertyName) =>
        propertyName.StartsWith("X-", StringComparison.Ordinal)
            ? propertyName
            : string.Join('.', propertyName.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
