using Ioc.Dashboard.Hosting;

// `dotnet run --project src/Ioc.Dashboard`: the whole center on its embedded default at
// http://localhost:5080 (override with --urls), state under ./data.
var builder = WebApplication.CreateBuilder(args);
builder.AddIocCenter();
var app = builder.Build();
app.UseIocCenter();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
