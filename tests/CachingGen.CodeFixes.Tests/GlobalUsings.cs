// What every code-fix test opens: the Roslyn testing types its expectations are written in, and the assertions.
global using System;
global using System.Linq;
global using System.Threading.Tasks;
global using CachingGen.Tests.Shared;
global using Microsoft.CodeAnalysis;
global using Microsoft.CodeAnalysis.Testing;
global using Xunit;
