namespace Ioc.History;

/// <summary>The four field types of InfluxDB 1.x line protocol.</summary>
public enum FieldKind
{
    Float,
    Integer,
    String,
    Boolean,
}
