namespace Ioc.Dashboard.Wall;

public enum FigureFormat { Count, Duration, Share, PreciseShare, Score, OnlineOfTotal }
