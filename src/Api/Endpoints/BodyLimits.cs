using Microsoft.AspNetCore.Http.Metadata;

namespace MediaGateway.Api.Endpoints;

/// <summary>
/// How large a request body may be: 1 MB unless an endpoint declares more with <see cref="WithBodyLimit"/>, sized to
/// the largest request it accepts. Beyond it the answer is 413 ProblemDetails and nothing is read or stored.
/// Kestrel enforces the limit while reading (chunked bodies included: routing applies an endpoint's limit);
/// <see cref="UseBodyLimits"/> refuses a declared Content-Length above it before anything is read, on any server.
/// docs/api-rules.md lists the numbers.
/// </summary>
public static class BodyLimits
{
    private const long Megabyte = 1024 * 1024;

    public const long Default = 1 * Megabyte;

    /// <summary>1,000 operations of up to about 1 KB each (two 255-character ids, a clock, progress fields).</summary>
    public const long Sync = 4 * Megabyte;

    /// <summary>1,000 titles with a 512-number embedding (about 8 KB as JSON) and text and metadata of usual size.</summary>
    public const long CatalogIngest = 16 * Megabyte;

    /// <summary>1,000 items with up to 32 external ids, a title and an optional 512-number embedding.</summary>
    public const long ResolveBatch = 16 * Megabyte;

    /// <summary>Declares the endpoint's body limit; routing hands it to Kestrel for this request.</summary>
    public static RouteHandlerBuilder WithBodyLimit(this RouteHandlerBuilder endpoint, long bytes) =>
        endpoint.WithMetadata(new BodyLimit(bytes));

    /// <summary>Refuses a body whose Content-Length is above the endpoint's limit (413, through the exception handler).</summary>
    public static IApplicationBuilder UseBodyLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? Default;
            if (context.Request.ContentLength > limit)
            {
                throw new BadHttpRequestException(
                    $"The request body is larger than the {limit / 1024} KB this endpoint accepts.", StatusCodes.Status413PayloadTooLarge);
            }

            await next(context);
        });

    private sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
