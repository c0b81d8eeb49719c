namespace Ioc.Dashboard.Wall;

/// <summary>A layout file that cannot be used; the message names the file, the panel and the problem.</summary>
public sealed class DashboardLayoutException(string message) : Exception(message);
