// What every package test opens: files, LINQ, tasks and the assertions.
global using System;
global using System.IO;
global using System.Linq;
global using System.Threading.Tasks;
global using Xunit;
