using TorchSharp.Modules;

namespace ModelZoo.Cam.Methods;

/// <summary>
/// CAM (Zhou et al. 2016): M_c = Σ_k w_k^c A_k with the final linear layer's weights, one forward pass and no backward.
/// Only for models whose head is global average pooling + one linear layer (<see cref="GapLinearHead"/>: ResNets,
/// GoogLeNet, CIFAR ResNets, any model of that shape); others are refused with a <see cref="NotSupportedException"/>
/// that suggests Grad-CAM. The target layer must output the features entering the pooling (the default).
/// </summary>
public sealed class ClassicCam : CamBase
{
    private readonly Linear _classifier;

    public ClassicCam(ImageClassifier model, CamOptions? options = null) : base(model, options) =>
        _classifier = GapLinearHead.Require(model);

    public override string Name => "cam";

    protected override Tensor LayerMap(CamLayerContext layer)
    {
        Tensor a = layer.Activations;
        if (a.shape[1] != _classifier.in_features)
            throw new ArgumentException(
                $"CAM weights layer '{layer.Layer}' by the classifier's weights, but it has {a.shape[1]} channels and the classifier takes {_classifier.in_features}. "
                + $"Use the last feature stage ('{DefaultTargetLayer(Model)}') or Grad-CAM for other layers.");
        Tensor weights = _classifier.weight.detach().index_select(0, layer.Classes);    // [N, K]
        return torch.einsum("nk,nkhw->nhw", weights, a);
    }
}
