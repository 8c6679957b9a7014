using MediaGateway.Api;
using MediaGateway.Api.Cli;

// Small commands share the API's configuration: `token` (sign a local token), `migrate`, `seed` (a demo catalog)
// and `reembed` (after a model change).
switch (args.FirstOrDefault())
{
    case "token":
        return TokenCommand.Run(args.Skip(1).ToList(), CommandConfiguration.Build(args));
    case "migrate":
        return await MigrateCommand.RunAsync(args.Skip(1).ToList(), CommandConfiguration.Build(args));
    case "seed":
        return await SeedCommand.RunAsync(args.Skip(1).ToList(), CommandConfiguration.Build(args));
    case "reembed":
        return await ReembedCommand.RunAsync(args.Skip(1).ToList(), CommandConfiguration.Build(args));
}

var app = MediaGatewayApp.Build(args);
await app.RunAsync();
return 0;

public partial class Program;
