using MediaGateway.Api.Security;

namespace MediaGateway.Api.Cli;

/// <summary>
/// <c>token --user U --tenant T [--role admin] [--role ingest] [--minutes 720]</c>: prints a signed token and
/// nothing else on stdout, so scripts can capture it. Uses Auth:SigningKey when configured, else the
/// checkout's local key (the same one the run script gives the service).
/// </summary>
internal static class TokenCommand
{
    public static int Run(IReadOnlyList<string> args, IConfiguration configuration)
    {
        var options = new CommandLine(args);
        var user = options.Value("--user");
        var tenant = options.Value("--tenant");
        if (string.IsNullOrWhiteSpace(user) || string.IsNullOrWhiteSpace(tenant))
        {
            Console.Error.WriteLine("usage: token --user <id> --tenant <id> [--role admin|ingest]... [--minutes N]");
            return 2;
        }

        var minutes = int.TryParse(options.Value("--minutes"), out var m) && m > 0 ? m : 720;
        var auth = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        if (string.IsNullOrWhiteSpace(auth.SigningKey))
        {
            auth.SigningKey = LocalSigningKey.ReadOrCreate();
        }

        Console.Out.WriteLine(TokenIssuer.Issue(
            auth, user, tenant, options.Values("--role"), TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(minutes)));
        return 0;
    }
}
