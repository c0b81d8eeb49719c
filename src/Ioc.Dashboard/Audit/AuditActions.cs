namespace Ioc.Dashboard.Audit;

/// <summary>What the audit trail records (the <c>action</c> of an entry).</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string AddressLimited = "address-limited";
    public const string SignOut = "sign-out";
    public const string PasswordChanged = "password-changed";
    public const string UserCreated = "user-created";
    public const string DeviceProvisioned = "device-provisioned";
    public const string DeviceKeyRotated = "device-key-rotated";
    public const string AlertAcknowledged = "alert-acknowledged";
    public const string AlertResolved = "alert-resolved";
    public const string AdviceAccepted = "advice-accepted";
    public const string AlertAssigned = "alert-assigned";
    public const string SilenceCreated = "silence-created";
    public const string SilenceEnded = "silence-ended";
    /// <summary>Someone opened a replay of a past day (subject: the day; detail: the scope and speed).</summary>
    public const string ReplayStarted = "replay-started";
}
