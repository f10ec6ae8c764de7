// The runtime's own namespaces and the assertions, opened by nearly every test of the runtime.
global using System;
global using System.Linq;
global using System.Threading;
global using System.Threading.Tasks;
global using CachingGen.Infrastructure;
global using CachingGen.Storage;
global using Xunit;
