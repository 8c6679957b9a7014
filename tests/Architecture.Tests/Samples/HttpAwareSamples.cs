using System.Net;
using Microsoft.AspNetCore.Http;

namespace MediaGateway.Architecture.Tests.Samples;

// What an Application type must not look like, so the HTTP rule can be seen to fail. Only the rule tests use these.

/// <summary>A command that carries request headers (Microsoft.AspNetCore.Http).</summary>
internal sealed record HeaderCarryingCommand(IHeaderDictionary Headers);

/// <summary>A result that picks its own status code (System.Net.HttpStatusCode).</summary>
internal sealed record StatusCarryingResult(HttpStatusCode Status);

/// <summary>A handler that answers with an ASP.NET Core result; StatusCodes itself is a constant and invisible in IL, Results is not.</summary>
internal static class ResultReturningHandler
{
    public static IResult Handle() => Results.StatusCode(StatusCodes.Status404NotFound);
}

/// <summary>A port that takes an HTTP request message (System.Net.Http).</summary>
internal interface IRequestForwardingPort
{
    Task ForwardAsync(HttpRequestMessage request, CancellationToken cancellationToken);
}

/// <summary>Knows no HTTP: the rule must leave it alone.</summary>
internal sealed record PlainResult(string Id, bool Created);
