using System.Net;

namespace Ioc.History;

/// <summary>InfluxDB answered with an error (HTTP status or a statement error in the JSON body).</summary>
public sealed class InfluxException : Exception
{
    public InfluxException(string message, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    public InfluxException()
    {
    }

    public InfluxException(string message)
        : base(message)
    {
    }

    public InfluxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>HTTP status of the response; null when the error came from a statement in a 200 response.</summary>
    public HttpStatusCode? StatusCode { get; }
}
