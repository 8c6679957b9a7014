using System.Text;
using MediaGateway.Domain.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace MediaGateway.Api.Security;

public static class AuthenticationSetup
{
    public static IServiceCollection AddMediaGatewayAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                if (string.IsNullOrWhiteSpace(options.SigningKey) && environment.IsDevelopment())
                {
                    options.SigningKey = LocalSigningKey.ReadOrCreate();
                }
            })
            .Validate(
                options => Encoding.UTF8.GetByteCount(options.SigningKey ?? "") >= AuthOptions.MinimumKeyBytes,
                $"Auth:SigningKey (env Auth__SigningKey) must be set to at least {AuthOptions.MinimumKeyBytes} bytes. " +
                "Outside Development there is no default; `scripts/run.sh` generates a local one.")
            .ValidateOnStart();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, TimeProvider>((jwt, auth, time) =>
            {
                var options = auth.Value;
                jwt.MapInboundClaims = false;
                jwt.TokenHandlers.Clear();
                jwt.TokenHandlers.Add(new CachingJsonWebTokenHandler(time) { MapInboundClaims = false });
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Audience,
                    IssuerSigningKey = new SymmetricSecurityKey(options.SigningKeyBytes()),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = ClaimNames.Subject,
                    RoleClaimType = ClaimNames.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    // The lifetime check reads the registered clock, as the handler's cache does.
                    LifetimeValidator = TokenLifetime.On(time),
                };
                jwt.Events = new JwtBearerEvents
                {
                    // Every user-scoped row is keyed by tenant and user: a token without both is no identity here.
                    OnTokenValidated = context =>
                    {
                        var tenant = context.Principal?.FindFirst(ClaimNames.Tenant)?.Value;
                        var subject = context.Principal?.FindFirst(ClaimNames.Subject)?.Value;
                        if (!IsId(tenant) || !IsId(subject))
                        {
                            context.Fail("The token must carry non-empty 'sub' and 'tenant' claims.");
                        }

                        return Task.CompletedTask;
                    },
                };
            });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Ingest, policy => policy.RequireRole(Roles.Ingest, Roles.Admin));
        return services;
    }

    private static bool IsId(string? value) => !string.IsNullOrWhiteSpace(value) && value.Length <= UserRef.MaxIdLength;
}
