using VpDarts.Runtime;

// VPDARTS_GC_STRESS=1: collections and finalizer runs back to back for the whole process (a diagnostic; see GcStress).
using var stress = GcStress.Requested ? GcStress.Start() : null;
return VpDarts.Cli.CliApp.Run(args);
