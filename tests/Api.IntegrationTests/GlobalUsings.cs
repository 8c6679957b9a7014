global using System.Net.Http.Json;
global using Xunit;
global using MediaGateway.Api.Endpoints.Account;
global using MediaGateway.Api.Endpoints.Devices;
