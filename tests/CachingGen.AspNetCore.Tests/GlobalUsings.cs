// What the endpoint tests open in nearly every file: HTTP, JSON, tasks and the assertions.
global using System;
global using System.Collections.Generic;
global using System.Net;
global using System.Net.Http;
global using System.Text.Json;
global using System.Threading.Tasks;
global using Xunit;
