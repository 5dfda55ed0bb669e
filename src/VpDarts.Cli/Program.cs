return VpDarts.Cli.CliApp.Run(args);
