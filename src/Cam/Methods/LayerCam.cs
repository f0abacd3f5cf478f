namespace ModelZoo.Cam.Methods;

/// <summary>Layer-CAM (Jiang et al. 2021): map = Σ_k ReLU(∂y_c/∂A_k) ⊙ A_k, a per-position weighting that also works on
/// shallow layers.</summary>
public sealed class LayerCam(ImageClassifier model, CamOptions? options = null) : GradientCamBase(model, options)
{
    public override string Name => "layercam";

    protected override Tensor LayerMap(CamLayerContext layer) => (layer.RequireGradients().relu() * layer.Activations).sum(1);
}
