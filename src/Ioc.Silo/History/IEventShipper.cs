namespace Ioc.Silo.History;

/// <summary>Told by a ward that its log grew, so its new events reach the time-series store.</summary>
public interface IEventShipper
{
    void LogGrew(string ward);
}
