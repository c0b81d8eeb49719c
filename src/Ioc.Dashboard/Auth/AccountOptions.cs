namespace Ioc.Dashboard.Auth;

/// <summary><c>Ioc:Accounts</c>: how sign-in holds against guessing.</summary>
public sealed class AccountOptions
{
    public const string Section = "Ioc:Accounts";

    /// <summary>Wrong passwords in a row that lock an account (ASP.NET Core Identity's default is 5).</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public double LockoutMinutes { get; set; } = 15;

    /// <summary>Failed sign-ins one client address may make within <see cref="AddressWindowMinutes"/>, over all usernames.</summary>
    public int MaxFailuresPerAddress { get; set; } = 20;

    public double AddressWindowMinutes { get; set; } = 15;

    /// <summary>
    /// How long this process trusts what it last read of an account's stamp and signed-out
    /// sessions. Sign-out and password change act at once here and within this time elsewhere.
    /// </summary>
    public double SessionCheckSeconds { get; set; } = 5;
}
