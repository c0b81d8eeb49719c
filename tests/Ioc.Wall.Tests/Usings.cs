global using Xunit;

// Each browser test class starts a whole center (silo, ingest, pages): xunit.runner.json runs
// them one at a time on a two-core machine.
[assembly: AssemblyFixture(typeof(Ioc.Wall.Tests.Support.BrowserFixture))]
