// The namespaces nearly every test here opens: the assertions, LINQ over diagnostics and generated sources,
// the harness that compiles user code, and Roslyn's own types. Once here instead of at the top of each file.
global using System;
global using System.Collections.Generic;
global using System.Linq;
global using System.Threading.Tasks;
global using CachingGen.Generator.Tests.Infrastructure;
global using CachingGen.Tests.Shared;
global using Microsoft.CodeAnalysis;
global using Xunit;
