// What nearly every benchmark opens: BenchmarkDotNet's attributes, collections, LINQ, tasks, and the invariant
// formatting and string building the measurement reports use.
global using System;
global using System.Collections.Generic;
global using System.Globalization;
global using System.Linq;
global using System.Text;
global using System.Threading.Tasks;
global using BenchmarkDotNet.Attributes;
