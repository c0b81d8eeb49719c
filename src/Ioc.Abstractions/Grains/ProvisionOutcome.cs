namespace Ioc.Grains;

public enum ProvisionOutcome { Created, Rotated, Conflict, NotFound }
