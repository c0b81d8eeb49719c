namespace Ioc.Dashboard.Api;

public enum SilenceAnswerKind { Done, Invalid, Forbidden, NotFound, Conflict }
