// TorchSharp is what every part of the trainer works in (its namespace and the torch statics: Tensor, nn, optim,
// Device), on the models, loaders and transforms below; these are imported once for the project instead of at the top
// of each file.
global using TorchSharp;
global using static TorchSharp.torch;
global using ModelZoo.Models;
global using ModelZoo.Data.Loading;
global using ModelZoo.Data.Transforms;
