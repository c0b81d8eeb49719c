using Ioc.Testing;

namespace Ioc.Wall.Tests.Support;

/// <summary>
/// The whole center on its embedded default on real Kestrel, for a real browser: the shared
/// <see cref="CenterHost"/> (fresh data folder, simulator and jobs off, fake clock at 09:00 on a
/// Wednesday in Hanoi).
/// </summary>
public class WallHost : CenterHost;
