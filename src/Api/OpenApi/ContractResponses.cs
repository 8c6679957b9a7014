using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace MediaGateway.Api.OpenApi;

/// <summary>
/// How an endpoint declares the error statuses it can answer, for the OpenAPI document (docs/api-contract.md).
/// Alongside the framework's <c>.ProducesValidationProblem()</c> (400 with <c>errors</c>) and <c>.ProducesProblem(404)</c>.
/// Statuses that follow from the pipeline are added by <see cref="WithStandardResponses"/>: 401 and 403 from the
/// authorization metadata, 400 and 413 from a JSON body. OpenApiContractTests keeps both honest.
/// </summary>
public static class ContractResponses
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>
    /// Declares, on every endpoint of the group, the statuses the pipeline answers before or around the handler:
    /// 401 unless anonymous, 403 where a policy or role is required, and for a JSON body 400 (unreadable or invalid)
    /// and 413 (over the body limit). Runs last (<c>Finally</c>), so it sees the endpoint's own conventions.
    /// Not 415 (a body that is not JSON) nor 405: routing answers those before an operation is chosen, and a client
    /// generated from the document never sends them; the document's description states them once.
    /// </summary>
    public static RouteGroupBuilder WithStandardResponses(this RouteGroupBuilder group)
    {
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            var metadata = endpoint.Metadata;
            if (metadata.OfType<IAllowAnonymous>().Any())
            {
                return;
            }

            Declare(metadata, StatusCodes.Status401Unauthorized, typeof(ProblemDetails));
            if (metadata.OfType<IAuthorizeData>().Any(data => data.Policy is not null || data.Roles is not null))
            {
                Declare(metadata, StatusCodes.Status403Forbidden, typeof(ProblemDetails));
            }

            if (metadata.OfType<IAcceptsMetadata>().Any())
            {
                Declare(metadata, StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
                Declare(metadata, StatusCodes.Status413PayloadTooLarge, typeof(ProblemDetails));
            }
        });
        return group;
    }

    private static void Declare(IList<object> metadata, int status, Type body)
    {
        if (!metadata.OfType<IProducesResponseTypeMetadata>().Any(produces => produces.StatusCode == status))
        {
            metadata.Add(new ProducesResponseTypeMetadata(status, body, [ProblemJson]));
        }
    }

    /// <summary>503 with Retry-After when Postgres cannot be reached or is overloaded: nothing was stored, retry.</summary>
    public static TBuilder ProducesServiceUnavailable<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(ProblemDetails), [ProblemJson]));

    /// <summary>409 whose ProblemDetails carries the members of <typeparamref name="TProblem"/> (which entities, which limit).</summary>
    public static RouteHandlerBuilder ProducesConflict<TProblem>(this RouteHandlerBuilder endpoint) where TProblem : ProblemDetails =>
        endpoint.Produces<TProblem>(StatusCodes.Status409Conflict, ProblemJson);
}
