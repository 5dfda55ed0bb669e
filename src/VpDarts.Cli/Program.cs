using TorchSharp;
VpDarts.Runtime.NativeBootstrap.EnsureLoaded();
System.Console.WriteLine(VpDarts.Runtime.NativeBootstrap.Mode + " " + VpDarts.Runtime.NativeBootstrap.LoadedLibraryPath);
var t = torch.ones(3) * 2;
System.Console.WriteLine(t.sum().item<float>());
