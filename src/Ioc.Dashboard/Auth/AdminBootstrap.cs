using System.Security.Cryptography;
using Ioc.Grains;

namespace Ioc.Dashboard.Auth;

/// <summary>
/// First start with no users: creates "admin" with <c>Ioc:Admin:Password</c>, or a generated
/// password printed once. The embedded simulator gets an admin account of its own whose password
/// lives in the data folder, so it can provision devices through the same API after restarts.
/// </summary>
public sealed class AdminBootstrap(UserService users, IConfiguration config, ILogger<AdminBootstrap> logger)
{
    public const string SimulatorUser = "simulator";

    public async Task EnsureAdmin(CancellationToken ct)
    {
        if (await users.Count() > 0) return;
        var configured = config["Ioc:Admin:Password"];
        if (!string.IsNullOrEmpty(configured) && PasswordPolicy.Check("admin", configured) is { } weak)
            throw new InvalidOperationException($"Ioc:Admin:Password is refused: it {weak}. Choose another, or leave it out for a generated one.");
        var password = string.IsNullOrEmpty(configured) ? NewPassword() : configured;
        await users.Create("admin", password, Roles.Admin, null);
        if (string.IsNullOrEmpty(configured))
        {
            // Printed once, on the console only: it is not stored anywhere in clear.
            Console.WriteLine($"Created user 'admin' with generated password: {password}");
            Console.WriteLine("Set Ioc:Admin:Password to choose it yourself.");
        }
        logger.LogInformation("Created the first admin user");
    }

    public async Task<string> EnsureSimulatorAccount(string dataPath)
    {
        var file = Path.Combine(dataPath, "simulator.secret");
        if (File.Exists(file)) return (await File.ReadAllTextAsync(file)).Trim();
        var password = NewPassword();
        if (await users.Create(SimulatorUser, password, Roles.Admin, null) is null)
            throw new InvalidOperationException($"User '{SimulatorUser}' exists but {file} is missing; remove the user or restore the file.");
        Directory.CreateDirectory(dataPath);
        await File.WriteAllTextAsync(file, password);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return password;
    }

    private static string NewPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');
}
