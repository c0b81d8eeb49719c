namespace Ioc.Dashboard.Auth;

public static class IocClaims
{
    public const string Ward = "ioc:ward";
    /// <summary>The sign-in this cookie or token came from: signing out ends it alone.</summary>
    public const string Session = "ioc:sid";
    /// <summary>The account's security stamp when it was issued: a new password ends every session.</summary>
    public const string Stamp = "ioc:stamp";
}
