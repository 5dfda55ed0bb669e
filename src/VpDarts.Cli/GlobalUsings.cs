// Framework and Spectre.Console namespaces every command uses; the library's namespaces are named per file.
global using System.ComponentModel;
global using Spectre.Console;
global using Spectre.Console.Cli;
