namespace Ioc.Dashboard.Auth;

public enum SignInOutcome { SignedIn, WrongPassword, LockedOut, AddressLimited, BadNewPassword }
