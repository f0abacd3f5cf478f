using ModelZoo.Models.Layers;

namespace ModelZoo.Models.AlexNets;

/// <summary>The classifier both AlexNets share (the paper's fc6–fc8, torchvision's <c>classifier</c>): Dropout,
/// Linear(256·6·6, 4096), ReLU, Dropout, Linear(4096, 4096), ReLU, then the final layer at <c>classifier.6</c>.</summary>
internal static class AlexNetClassifier
{
    public static IndexedSequential Create(double dropout, int numClasses) => new(
        nn.Dropout(dropout),
        nn.Linear(256 * 6 * 6, 4096),
        nn.ReLU(),
        nn.Dropout(dropout),
        nn.Linear(4096, 4096),
        nn.ReLU(),
        ClassifierHead.Create(4096, numClasses));
}
