namespace Ioc.Dashboard.Api;

public enum AlertAnswerKind { Done, NotFound, Forbidden, Conflict, UnknownOwner, OwnerMayNotSee }
