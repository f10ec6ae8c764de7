// What nearly every benchmark opens: BenchmarkDotNet's attributes, collections, LINQ and tasks.
global using System;
global using System.Collections.Generic;
global using System.Linq;
global using System.Threading.Tasks;
global using BenchmarkDotNet.Attributes;
