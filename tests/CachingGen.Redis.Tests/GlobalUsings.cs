// What the Redis tests open in nearly every file: threading, DI, the Redis fixtures and the assertions.
global using System;
global using System.Collections.Generic;
global using System.Linq;
global using System.Threading;
global using System.Threading.Tasks;
global using CachingGen.Redis.Tests.Infrastructure;
global using Microsoft.Extensions.DependencyInjection;
global using Xunit;
