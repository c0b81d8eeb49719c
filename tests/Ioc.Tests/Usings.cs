global using Xunit;
global using Ioc.Testing;
