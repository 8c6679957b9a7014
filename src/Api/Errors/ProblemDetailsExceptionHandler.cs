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
            BadHttpRequestException { InnerException: JsonException json } => JsonProblem(json),
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
            // Postgres refused a value (validation missed it): the same request would fail forever, so never 503.
            // The database's message names tables and SQL; it goes to the log only.
            var refused when DatabaseFailure.IsBadData(refused) => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request holds a value that cannot be stored; nothing was stored.",
                Detail = "Check text fields for NUL characters or unpaired surrogates and numbers for their range.",
            },
            // The database is unreachable or the writer is shutting down: nothing was stored, try again.
            var down when DatabaseFailure.IsUnavailable(down) => Unavailable(),
            TimeoutException or System.Threading.Channels.ChannelClosedException => Unavailable(),
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

        if (DatabaseFailure.IsBadData(exception))
        {
            logger.LogWarning(exception, "Postgres refused a value of {Method} {Path} that validation let through",
                httpContext.Request.Method, httpContext.Request.Path);
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

    private static ProblemDetails Unavailable() => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "The service is temporarily unavailable; nothing was stored. Retry shortly.",
    };

    // A body that is not JSON, or JSON that does not fit the request (a string for a number, a key twice, a required
    // field missing): 400 naming where, as the client wrote it ("operations[0].hlc"; "body" for the whole).
    // System.Text.Json's own message names .NET types, so the client gets a fixed one.
    private static HttpValidationProblemDetails JsonProblem(JsonException json)
    {
        var path = json.Path is null or "$" ? "body" : json.Path.TrimStart('$').TrimStart('.');
        return new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            [path] = ["Not readable here: the body must be well-formed JSON, numbers JSON numbers (not strings), each key once, and required fields present."],
        })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body could not be read.",
            Detail = "The request body is not valid JSON for this endpoint.",
        };
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
