using System.Globalization;
using VpDarts.Runtime;

// One culture for every thread (worker threads of parallel experiments included), whatever the user's locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;

// VPDARTS_GC_STRESS=1: collections and finalizer runs back to back for the whole process (a diagnostic; see GcStress).
using var stress = GcStress.Requested ? GcStress.Start() : null;
return VpDarts.Cli.CliApp.Run(args);
