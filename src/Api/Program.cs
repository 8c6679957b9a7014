using MediaGateway.Api;
using MediaGateway.Api.Cli;

// Two small commands share the API's configuration: `token` (sign a local token) and `migrate`.
switch (args.FirstOrDefault())
{
    case "token":
        return TokenCommand.Run(args.Skip(1).ToList(), CommandConfiguration.Build(args));
    case "migrate":
        return await MigrateCommand.RunAsync(args.Skip(1).ToList(), CommandConfiguration.Build(args));
}

var app = MediaGatewayApp.Build(args);
await app.RunAsync();
return 0;

public partial class Program;
