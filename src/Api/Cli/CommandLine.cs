namespace MediaGateway.Api.Cli;

/// <summary>Just enough option parsing for two small commands: `--name value` pairs and bare flags.</summary>
internal sealed class CommandLine(IReadOnlyList<string> args)
{
    public IReadOnlyList<string> Values(string name)
    {
        var values = new List<string>();
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == name)
            {
                values.Add(args[i + 1]);
            }
        }

        return values;
    }

    public string? Value(string name) => Values(name).LastOrDefault();

    public bool Flag(string name) => args.Contains(name);
}
