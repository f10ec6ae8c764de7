// What the sample API's tests open in nearly every file: HTTP, LINQ, tasks and the assertions.
global using System;
global using System.Linq;
global using System.Net;
global using System.Net.Http;
global using System.Threading.Tasks;
global using Xunit;
