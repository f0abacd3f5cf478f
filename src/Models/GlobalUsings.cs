// Every model is TorchSharp modules over the Core helpers; these namespaces are imported once for the project
// instead of at the top of each file.
global using ModelZoo.Core;
global using TorchSharp;
global using TorchSharp.Modules;
global using static TorchSharp.torch;
