// The library's namespaces and xunit, for every test file.
global using Xunit;
global using VpDarts;
global using VpDarts.Benchmark;
global using VpDarts.Data;
global using VpDarts.Experiments;
global using VpDarts.Export;
global using VpDarts.Importance;
global using VpDarts.Models;
global using VpDarts.Optimizers;
global using VpDarts.Reporting;
global using VpDarts.Runs;
global using VpDarts.Runtime;
global using VpDarts.Search;
global using VpDarts.SearchSpace;
global using VpDarts.Strategies;
global using VpDarts.Training;
global using VpDarts.Tests.Support;
