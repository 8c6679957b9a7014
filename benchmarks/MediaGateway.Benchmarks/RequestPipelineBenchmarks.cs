using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MediaGateway.Api.Security;
using MediaGateway.Application.Common.Behaviors;
using MediaGateway.Application.Devices;
using MediaGateway.Domain.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MediaGateway.Benchmarks;

/// <summary>What every request pays before its use case runs: token validation and the validation behaviour.</summary>
[MemoryDiagnoser]
public class RequestPipelineBenchmarks
{
    private static readonly AuthOptions Auth = new() { SigningKey = "benchmark-signing-key-0123456789abcdef" };
    private readonly JsonWebTokenHandler _handler = new();
    private readonly ValidationBehavior<RegisterDeviceCommand, RegisterDeviceResult> _validation = new([new RegisterDeviceValidator()]);
    private readonly RegisterDeviceResult _result = new(null!, false);
    private string _token = "";
    private TokenValidationParameters _parameters = null!;
    private RegisterDeviceCommand _command = null!;

    [GlobalSetup]
    public void Setup()
    {
        _token = TokenIssuer.Issue(Auth, "user-1", "tenant-1", ["admin"], TimeProvider.System.GetUtcNow(), TimeSpan.FromHours(1));
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = Auth.Issuer,
            ValidAudience = Auth.Audience,
            IssuerSigningKey = new SymmetricSecurityKey(Auth.SigningKeyBytes()),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        };
        _command = new RegisterDeviceCommand(new UserRef("tenant-1", "user-1"), "tv-1", "TV", "Tizen", "5.2", "Living room",
            JsonDocument.Parse("{\"hdr\":true}").RootElement);
    }

    [Benchmark]
    public async Task<bool> ValidateJwt() => (await _handler.ValidateTokenAsync(_token, _parameters)).IsValid;

    [Benchmark]
    public async Task<RegisterDeviceResult> ValidationBehavior() =>
        await _validation.Handle(_command, (_, _) => ValueTask.FromResult(_result), CancellationToken.None);
}
