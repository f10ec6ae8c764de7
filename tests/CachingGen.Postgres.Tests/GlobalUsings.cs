// What the change-feed tests open in nearly every file: Npgsql, processes, tasks, the cluster fixtures and the assertions.
global using System;
global using System.Diagnostics;
global using System.Linq;
global using System.Threading.Tasks;
global using CachingGen.Postgres.Tests.Infrastructure;
global using Npgsql;
global using Xunit;
