using System.Security.Cryptography;

namespace MediaGateway.Api.Security;

/// <summary>
/// The developer's own signing key in the git-ignored <c>.local/signing-key</c> of the checkout. The run script
/// and the `token` command both use it when <c>Auth__SigningKey</c> is not set, so a newcomer's tokens work
/// against their running service with no step in between. Never used outside Development or those two.
/// </summary>
public static class LocalSigningKey
{
    public static string ReadOrCreate()
    {
        var path = FilePath();
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        File.WriteAllText(path, key + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }

    /// <summary>The checkout root is the nearest directory above the current one that holds MediaGateway.sln.</summary>
    public static string FilePath()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MediaGateway.sln")))
                {
                    return Path.Combine(dir.FullName, ".local", "signing-key");
                }
            }
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".mediagateway", "signing-key");
    }
}
