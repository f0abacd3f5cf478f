using ModelZoo.Models.ResNets;

namespace ModelZoo.Models.MlNetResNets;

/// <summary>Registers <c>resnet18-mlnet</c>: the <see cref="ResNet"/> architecture of <see cref="MlNetResNet18"/> (BasicBlock
/// [2, 2, 2, 3]), for ML.NET's real ImageNet weights (load them with ModelZoo.Onnx). Without a class count it is a
/// backbone: 0 classes, the model returns the 512 pooled features, as the ONNX file does.</summary>
public sealed class MlNetResNetFamily : IModelFamily
{
    public IEnumerable<ModelEntry> Entries { get; } = new[]
    {
        new ModelEntry("resnet18-mlnet", "ResNet",
            "ResNet-18 backbone of ML.NET's DnnImageFeaturizer (CNTK, ImageNet; BasicBlock [2, 2, 2, 3], no classifier); weights: its ResNet18.onnx",
            new[] { 3, 224, 224 }, o => MlNetResNetBuilders.ResNet18MlNet(o)),
    };
}
