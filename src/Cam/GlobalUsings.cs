// Every explainer works on an ImageClassifier in TorchSharp; these namespaces are imported once for the project
// instead of at the top of each file.
global using ModelZoo.Models;
global using TorchSharp;
global using static TorchSharp.torch;
