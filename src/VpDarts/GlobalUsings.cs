// Framework and TorchSharp namespaces every layer may use; the project's own namespaces are always named per file,
// so each file's usings show which layers it depends on.
global using System.Diagnostics;
global using System.Globalization;
global using System.Text;
global using System.Text.Json;
global using System.Text.Json.Serialization;
global using TorchSharp;
global using TorchSharp.Modules;
global using static TorchSharp.torch;
